import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS, resolveAssumptions } from './assumptions.ts';
import { AnalysisError } from './errors.ts';

describe('assumptions', () => {
  it('has the defaults of the spec', () => {
    expect(ASSUMPTIONS).toEqual({ raise: 0.1, uplift: 0.1, extraPerWeek: 1 });
    expect(resolveAssumptions()).toEqual({ raise: 0.1, uplift: 0.1, extraPerWeek: 1 });
  });

  it('merges overrides over the defaults', () => {
    expect(resolveAssumptions({ raise: 0.15, extraPerWeek: 0 })).toEqual({
      raise: 0.15,
      uplift: 0.1,
      extraPerWeek: 0,
    });
    expect(resolveAssumptions({ raise: undefined })).toEqual(ASSUMPTIONS);
  });

  it('refuses an unknown name, listing the valid ones', () => {
    const sut = () => resolveAssumptions({ rise: 0.15 });
    expect(sut).toThrow(AnalysisError);
    expect(sut).toThrow('unknown assumption "rise": valid names are raise, uplift, extraPerWeek');
    try {
      sut();
    } catch (error) {
      expect((error as AnalysisError).code).toBe('unknown_assumption');
    }
  });

  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [-0.1, '-0.1'],
    ['0.1', '"0.1"'],
    [null, 'null'],
  ])('refuses %s as invalid_assumption', (value, shown) => {
    try {
      resolveAssumptions({ uplift: value });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AnalysisError);
      expect((error as AnalysisError).code).toBe('invalid_assumption');
      expect((error as AnalysisError).message).toBe(
        `assumption "uplift" must be a finite number of 0 or more, got ${shown}`,
      );
    }
  });

  it('reads -0 as 0', () => {
    expect(Object.is(resolveAssumptions({ raise: -0 }).raise, 0)).toBe(true);
  });
});
