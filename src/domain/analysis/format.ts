/**
 * Numbers in words for explanations: money with its currency sign, percentages,
 * hours. English (en-US) formatting; the figures themselves stay plain numbers.
 */
import { minorDigits, toMajor } from '../money.ts';
import { type Fraction, frac, fromDecimal, mul, roundFraction, roundInteger } from './exact.ts';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * Minor units (or an exact fraction of them, rounded to the minor unit) as money.
 * @example formatMoney(840000, 'USD') // '$8,400.00'
 */
export function formatMoney(minor: number | Fraction, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    const digits = minorDigits(currency);
    format = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(currency, format);
  }
  const units = typeof minor === 'number' ? minor : roundInteger(minor);
  return format.format(toMajor(units, currency));
}

/**
 * A share as a percentage with at most `places` decimals.
 * @example formatPercent(frac(1, 11)) // '9.1%'
 */
export function formatPercent(share: Fraction | number, places = 1): string {
  const x = typeof share === 'number' ? fromDecimal(share) : share;
  return `${trim(roundFraction(mul(x, frac(100)), places), places)}%`;
}

/**
 * Hours with at most 2 decimals.
 * @example formatHours(frac(25, 2)) // '12.5 h'
 */
export function formatHours(value: Fraction): string {
  return `${trim(roundFraction(value, 2), 2)} h`;
}

/**
 * A plain number with at most `places` decimals and thousands separators.
 * @example formatNumber(frac(2, 3)) // '0.67'
 */
export function formatNumber(value: Fraction | number, places = 2): string {
  const x = typeof value === 'number' ? fromDecimal(value) : value;
  return trim(roundFraction(x, places), places);
}

function trim(value: number, places: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: places });
}
