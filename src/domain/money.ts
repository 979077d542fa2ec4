/**
 * Money as integer minor units of an ISO 4217 currency.
 *
 * Amounts cross the edges (bundles, CSV files, reports) in major units as decimal
 * numbers; everything inside Fulcrum is an integer count of minor units (cents).
 * Conversions are exact: decimals are read from their shortest decimal spelling and
 * multiplied as BigInt rationals, so `150 EUR × 1.09` is 16350 cents, never 16349.
 */

/** ISO 4217 currencies whose minor unit is not 1/100. Every other valid code has 2. */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

let knownCodes: Set<string> | undefined;

/** True when `code` is an upper-case ISO 4217 currency code this runtime knows. */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  knownCodes ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCodes.has(code) || code in MINOR_DIGITS;
}

/** Number of decimals of the currency's minor unit, e.g. `minorDigits('JPY') === 0`. */
export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

/** A decimal number as an exact fraction `num / 10^scale`. */
export interface Decimal {
  num: bigint;
  scale: number;
}

/**
 * The exact decimal a JS number is written as (its shortest round-trip spelling).
 * @example decimalOf(1.09) // { num: 109n, scale: 2 }
 */
export function decimalOf(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(text);
  if (!match) throw new RangeError(`cannot read ${text} as a decimal`);
  const [, sign, int, frac = '', exp = '0'] = match;
  let digits = `${int}${frac}`;
  let scale = frac.length - Number(exp);
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  const num = BigInt(digits) * (sign === '-' ? -1n : 1n);
  return { num, scale };
}

/** Number of decimals a JS number is written with: `decimalsOf(150.5) === 1`. */
export function decimalsOf(value: number): number {
  return decimalOf(value).scale;
}

/** `num / den` rounded to an integer, half away from zero. `den` must be positive. */
export function divRound(num: bigint, den: bigint): bigint {
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const q = abs / den;
  const r = abs % den;
  const rounded = r * 2n >= den ? q + 1n : q;
  return negative ? -rounded : rounded;
}

/**
 * Major units to integer minor units, half away from zero when the value has more
 * decimals than the currency.
 * @example toMinor(150.5, 'USD') // 15050
 */
export function toMinor(major: number, currency: string): number {
  const { num, scale } = decimalOf(major);
  const digits = minorDigits(currency);
  const value =
    scale <= digits
      ? num * 10n ** BigInt(digits - scale)
      : divRound(num, 10n ** BigInt(scale - digits));
  return Number(value);
}

/**
 * Integer minor units to major units as a JS number (exact for any safe integer count
 * of cents up to 2^53 / 100).
 * @example toMajor(15050, 'USD') // 150.5
 */
export function toMajor(minor: number, currency: string): number {
  const digits = minorDigits(currency);
  if (digits === 0) return minor;
  // Dividing the decimal spelling avoids binary artefacts such as 0.1 + 0.2.
  return Number(`${minor}e-${digits}`);
}

/**
 * Converts minor units of `from` into minor units of `to` at `rate` (1 `from` = `rate`
 * `to`), or at 1/`rate` when `inverse`, rounding once, half away from zero.
 */
export function convertMinor(
  amountMinor: number,
  from: string,
  to: string,
  rate: number,
  inverse = false,
): number {
  const r = decimalOf(rate);
  const rateNum = inverse ? 10n ** BigInt(r.scale) : r.num;
  const rateDen = inverse ? r.num : 10n ** BigInt(r.scale);
  const num = BigInt(amountMinor) * rateNum * 10n ** BigInt(minorDigits(to));
  const den = rateDen * 10n ** BigInt(minorDigits(from));
  return Number(den < 0n ? divRound(-num, -den) : divRound(num, den));
}

/** Rounds half away from zero to `places` decimals, reading the number's decimal spelling. */
export function roundTo(value: number, places: number): number {
  if (!Number.isFinite(value)) return value;
  const { num, scale } = decimalOf(value);
  if (scale <= places) return value;
  const rounded = divRound(num, 10n ** BigInt(scale - places));
  const result = Number(`${rounded}e-${places}`);
  return Object.is(result, -0) ? 0 : result;
}
