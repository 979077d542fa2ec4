/**
 * Hours summed exactly: every entry is read as the decimal it is written as and
 * counted in units of 10^-scale hours, one scale for the whole practice, so sums do
 * not depend on the order of the entries (0.1 + 0.2 is 0.3 here).
 */
import type { IsoDate } from '../dates.ts';
import { type Decimal, decimalOf } from '../money.ts';
import { type Fraction, frac } from './exact.ts';
import type { TimeGroup } from './input.ts';

/** A group of time entries with its hours (count × each entry's) in 10^-scale hours. */
export interface MeasuredEntry {
  record: TimeGroup;
  units: bigint;
}

export interface MeasuredHours {
  entries: MeasuredEntry[];
  /** Decimals of the unit: units / 10^scale = hours. */
  scale: number;
}

/**
 * The groups of time entries dated on or before `to`, measured on a common decimal scale.
 * @example measureUpTo([{ hours: 1.5, count: 2, … }, { hours: 0.25, count: 1, … }], '2024-12-31')
 * // { scale: 2, entries: [{ units: 300n }, { units: 25n }] }
 */
export function measureUpTo(entries: readonly TimeGroup[], to: IsoDate): MeasuredHours {
  // Logged durations repeat (1, 1.5, 0.25 …): read each distinct value once, then give
  // every entry the units of its value on the common scale.
  const decimals = new Map<number, Decimal>();
  let scale = 0;
  for (const record of entries) {
    if (record.date > to || decimals.has(record.hours)) continue;
    const decimal = decimalOf(record.hours);
    decimals.set(record.hours, decimal);
    if (decimal.scale > scale) scale = decimal.scale;
  }
  const units = new Map<number, bigint>();
  for (const [value, d] of decimals) units.set(value, d.num * 10n ** BigInt(scale - d.scale));
  const measured: MeasuredEntry[] = [];
  for (const record of entries) {
    if (record.date > to) continue;
    const each = units.get(record.hours) as bigint;
    measured.push({ record, units: record.count === 1 ? each : each * BigInt(record.count) });
  }
  return { scale, entries: measured };
}

/**
 * Units of 10^-scale hours as an exact number of hours.
 * @example hoursOf(150n, 2) // 3/2
 */
export function hoursOf(units: bigint, scale: number): Fraction {
  return frac(units, 10n ** BigInt(scale));
}
