/**
 * Exact fractions of BigInts. Every figure of the report is computed as a fraction of
 * exact inputs (integer minor units, hours and assumptions read as the decimals they
 * are written as) and rounded once, half away from zero, at output: so two
 * implementations agree to the cent whatever order they add things in.
 */
import { decimalOf, divRound } from '../money.ts';

/** `n / d` with `d > 0`, in lowest terms. */
export interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * The fraction `n / d`, normalised (d > 0, lowest terms).
 * @example frac(6, 4) // { n: 3n, d: 2n }
 */
export function frac(n: bigint | number, d: bigint | number = 1n): Fraction {
  let num = BigInt(n);
  let den = BigInt(d);
  if (den === 0n) throw new RangeError('fraction with a zero denominator');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  return g > 1n ? { n: num / g, d: den / g } : { n: num, d: den };
}

export const ZERO: Fraction = { n: 0n, d: 1n };

/**
 * A finite JS number as the exact decimal it is written as.
 * @example fromDecimal(0.1) // { n: 1n, d: 10n }, not 0.1000000000000000055…
 */
export function fromDecimal(value: number): Fraction {
  const { num, scale } = decimalOf(value);
  return frac(num, 10n ** BigInt(scale));
}

/**
 * The fraction as text, `n/d`: exact, for JSON (which has no BigInt).
 * @example fractionText(frac(-3, 2)) // '-3/2'
 */
export function fractionText(x: Fraction): string {
  return `${x.n}/${x.d}`;
}

/**
 * The fraction `fractionText` wrote.
 * @example fractionOfText('-3/2') // { n: -3n, d: 2n }
 */
export function fractionOfText(text: string): Fraction {
  const slash = text.indexOf('/');
  return frac(BigInt(text.slice(0, slash)), BigInt(text.slice(slash + 1)));
}

/** @example add(frac(1, 3), frac(1, 6)) // 1/2 */
export function add(a: Fraction, b: Fraction): Fraction {
  return frac(a.n * b.d + b.n * a.d, a.d * b.d);
}

/** @example sub(frac(1, 3), frac(1, 6)) // 1/6 */
export function sub(a: Fraction, b: Fraction): Fraction {
  return frac(a.n * b.d - b.n * a.d, a.d * b.d);
}

/** The product of any number of fractions: `mul(frac(2, 3), frac(3, 4))` is 1/2. */
export function mul(...factors: Fraction[]): Fraction {
  let n = 1n;
  let d = 1n;
  for (const f of factors) {
    n *= f.n;
    d *= f.d;
  }
  return frac(n, d);
}

/**
 * `a / b`; `b` must not be zero.
 * @example div(frac(1, 2), frac(1, 4)) // 2
 */
export function div(a: Fraction, b: Fraction): Fraction {
  return frac(a.n * b.d, a.d * b.n);
}

/**
 * −1, 0 or 1 as `a` is less than, equal to or greater than `b`.
 * @example cmp(frac(1, 3), frac(333, 1000)) // 1
 */
export function cmp(a: Fraction, b: Fraction): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** @example sign(frac(-1, 2)) // -1 */
export function sign(a: Fraction): number {
  return a.n < 0n ? -1 : a.n > 0n ? 1 : 0;
}

/** @example max(ZERO, frac(-5)) // ZERO */
export function max(a: Fraction, b: Fraction): Fraction {
  return cmp(a, b) >= 0 ? a : b;
}

/**
 * Rounds to `places` decimals, half away from zero, exactly.
 * @example roundFraction(frac(1, 8), 2) // 0.13
 */
export function roundFraction(x: Fraction, places: number): number {
  const rounded = divRound(x.n * 10n ** BigInt(places), x.d);
  const result = Number(`${rounded}e-${places}`);
  return Object.is(result, -0) ? 0 : result;
}

/**
 * Rounds to a whole number (e.g. of minor units), half away from zero.
 * @example roundInteger(frac(29, 2)) // 15
 */
export function roundInteger(x: Fraction): number {
  const result = Number(divRound(x.n, x.d));
  return Object.is(result, -0) ? 0 : result;
}

/**
 * Rounds up (towards +∞) to `places` decimals: for a shortfall that must never show
 * as 0 while it is not.
 * @example ceilFraction(frac(1, 300), 2) // 0.01
 */
export function ceilFraction(x: Fraction, places: number): number {
  const scaled = x.n * 10n ** BigInt(places);
  const q = scaled / x.d;
  const up = scaled > q * x.d ? q + 1n : q;
  const result = Number(`${up}e-${places}`);
  return Object.is(result, -0) ? 0 : result;
}
