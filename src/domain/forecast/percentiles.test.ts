import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { band, quantile } from './percentiles.ts';

/** Type-7 quantile by sorting, the reference. */
function reference(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

describe('percentiles', () => {
  it('interpolate between order statistics like R and NumPy (type 7)', () => {
    expect(quantile(Float64Array.of(4, 1, 3, 2), 4, 0.5)).toBe(2.5);
    expect(band(Float64Array.of(5, 1, 3))).toEqual({ p10: 1.4, p50: 3, p90: 4.6 });
    expect(band(Float64Array.of(7))).toEqual({ p10: 7, p50: 7, p90: 7 });
  });

  it('agree with sorting on any values, ties included', () => {
    const values = fc.array(
      fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, min: -1e6, max: 1e6 })),
      { minLength: 1, maxLength: 300 },
    );
    fc.assert(
      fc.property(values, (xs) => {
        const b = band(Float64Array.from(xs))!;
        expect(b.p10).toBeCloseTo(reference(xs, 0.1), 6);
        expect(b.p50).toBeCloseTo(reference(xs, 0.5), 6);
        expect(b.p90).toBeCloseTo(reference(xs, 0.9), 6);
        expect(b.p10).toBeLessThanOrEqual(b.p50);
        expect(b.p50).toBeLessThanOrEqual(b.p90);
      }),
    );
  });

  it('leave NaN out, and give null when nothing is left', () => {
    expect(band(Float64Array.of(Number.NaN, 2, Number.NaN, 4, 3))).toEqual(
      band(Float64Array.of(2, 3, 4)),
    );
    expect(band(Float64Array.of(Number.NaN, Number.NaN))).toBeNull();
    expect(band(new Float64Array(0))).toBeNull();
  });
});
