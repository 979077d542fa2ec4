/**
 * The report's rounding rules in one place (spec/analysis.md): money in major units
 * at the currency's minor unit, hourly rates to 2 decimals, shares and ratios to 4,
 * hours to 2; always half away from zero, once, from the exact value.
 */
import { minorDigits, toMajor } from '../money.ts';
import { type Fraction, frac, roundFraction, roundInteger } from './exact.ts';

/**
 * Integer minor units → major units.
 * @example money(15050, 'USD') // 150.5
 */
export function money(minor: number, currency: string): number {
  return toMajor(minor, currency);
}

/**
 * An exact amount of minor units, rounded to the minor unit, in major units.
 * @example moneyOf(frac(29, 2), 'USD') // 0.15
 */
export function moneyOf(minor: Fraction, currency: string): number {
  return toMajor(roundInteger(minor), currency);
}

/**
 * An hourly rate (major units per hour) to 2 decimals.
 * @example rate(frac(2225, 17)) // 130.88
 */
export function rate(value: Fraction): number {
  return roundFraction(value, 2);
}

/**
 * A share or ratio to 4 decimals.
 * @example ratio(frac(1, 11)) // 0.0909
 */
export function ratio(value: Fraction): number {
  return roundFraction(value, 4);
}

/**
 * Hours to 2 decimals.
 * @example hours(frac(49, 30)) // 1.63
 */
export function hours(value: Fraction): number {
  return roundFraction(value, 2);
}

/**
 * Money per hour in major units: (minor / 10^digits) / hours, exact; null when hours
 * are 0.
 * @example perHour(15000, frac(2), 'USD') // 75 (as a fraction)
 */
export function perHour(minor: Fraction | number, hoursWorked: Fraction, currency: string) {
  if (hoursWorked.n === 0n) return null;
  const m = typeof minor === 'number' ? frac(minor) : minor;
  return frac(m.n * hoursWorked.d, m.d * 10n ** BigInt(minorDigits(currency)) * hoursWorked.n);
}

/** Applies `f` unless the value is null: `nullable(rateOrNull, rate)`. */
export const nullable = <T, R>(value: T | null, f: (v: T) => R): R | null =>
  value === null ? null : f(value);

/**
 * Minor units per major unit of a currency, as a fraction.
 * @example minorPerMajor('USD') // 100
 */
export function minorPerMajor(currency: string): Fraction {
  return frac(10n ** BigInt(minorDigits(currency)));
}
