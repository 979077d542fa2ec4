/**
 * Calendar months as integers for the forecast: month index = year × 12 + (month − 1),
 * so consecutive months are consecutive integers and arrays can be indexed by them.
 */
import { daysInMonth, type IsoDate, lastDayOfMonth, monthIndex } from '../dates.ts';

export { monthIndex };

/**
 * The `YYYY-MM` label of a month index.
 * @example monthLabel(monthIndex('2025-07')) // '2025-07'
 */
export function monthLabel(index: number): string {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** Days in the month of a month index. */
export function monthDays(index: number): number {
  const year = Math.floor(index / 12);
  return daysInMonth(year, index - year * 12 + 1);
}

/** Weeks in the month of a month index (days ÷ 7), e.g. 4.43 for a 31-day month. */
export function monthWeeks(index: number): number {
  return monthDays(index) / 7;
}

/**
 * The last month a date closes: its own month when it is the month's last day, else
 * the month before.
 * @example lastFullMonth('2026-10-31') === monthIndex('2026-10') // true
 * @example lastFullMonth('2026-11-25') === monthIndex('2026-10') // true
 */
export function lastFullMonth(date: IsoDate): number {
  const index = monthIndex(date);
  return lastDayOfMonth(date) === date ? index : index - 1;
}

/** The last day (`YYYY-MM-DD`) of a month index. */
export function lastDayOf(index: number): IsoDate {
  return lastDayOfMonth(`${monthLabel(index)}-01`);
}
