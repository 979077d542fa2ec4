import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  ceilFraction,
  cmp,
  div,
  frac,
  fractionOfText,
  fractionText,
  fromDecimal,
  mul,
  roundFraction,
  roundInteger,
  sub,
} from './exact.ts';

describe('exact fractions', () => {
  it('writes a fraction as text and reads it back exactly', () => {
    expect(fractionText(frac(-6, 4))).toBe('-3/2');
    expect(fractionOfText('-3/2')).toEqual(frac(-3, 2));
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt({ min: 1n }), (n, d) => {
        const x = frac(n, d);
        expect(fractionOfText(JSON.parse(JSON.stringify(fractionText(x))))).toEqual(x);
      }),
    );
  });

  it('normalises sign and lowest terms', () => {
    expect(frac(6, 4)).toEqual({ n: 3n, d: 2n });
    expect(frac(3, -6)).toEqual({ n: -1n, d: 2n });
    expect(frac(0, 5)).toEqual({ n: 0n, d: 1n });
    expect(() => frac(1, 0)).toThrow(RangeError);
  });

  it('reads numbers as the decimals they are written as', () => {
    expect(fromDecimal(0.1)).toEqual({ n: 1n, d: 10n });
    expect(fromDecimal(1.25)).toEqual({ n: 5n, d: 4n });
    // 0.1 + 0.2 is 0.3 exactly, unlike in floating point.
    expect(add(fromDecimal(0.1), fromDecimal(0.2))).toEqual(fromDecimal(0.3));
  });

  it('does arithmetic and comparison exactly', () => {
    expect(sub(frac(1, 3), frac(1, 6))).toEqual(frac(1, 6));
    expect(mul(frac(2, 3), frac(3, 4), frac(2))).toEqual(frac(1));
    expect(div(frac(1, 2), frac(1, 4))).toEqual(frac(2));
    expect(cmp(frac(1, 3), frac(333, 1000))).toBe(1);
    expect(cmp(frac(2, 4), frac(1, 2))).toBe(0);
  });

  it('rounds half away from zero, once', () => {
    expect(roundFraction(frac(1, 8), 2)).toBe(0.13); // 0.125
    expect(roundFraction(frac(-1, 8), 2)).toBe(-0.13);
    expect(roundFraction(frac(1, 3), 4)).toBe(0.3333);
    expect(roundFraction(frac(-1, 1000), 2)).toBe(0); // not -0
    expect(roundInteger(frac(29, 2))).toBe(15); // 14.5
    expect(roundInteger(frac(-29, 2))).toBe(-15);
    // 0.29 × 50 is 14.5 exactly; in floating point it is 14.499999999999998.
    expect(roundInteger(mul(fromDecimal(0.29), frac(50)))).toBe(15);
  });

  it('rounds a shortfall up', () => {
    expect(ceilFraction(frac(1, 300), 2)).toBe(0.01);
    expect(ceilFraction(frac(1, 2), 0)).toBe(1);
    expect(ceilFraction(frac(3, 1), 2)).toBe(3);
    expect(ceilFraction(frac(0), 2)).toBe(0);
  });
});
