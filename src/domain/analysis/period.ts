/**
 * The period P of a report (spec/analysis.md, "Period, currency, rounding"): its
 * defaults, its checks and the annualising factor f = 365 / days(P).
 */
import { addDays, daysBetween, type IsoDate, isIsoDate, shiftYears } from '../dates.ts';
import { AnalysisError } from './errors.ts';
import { type Fraction, frac } from './exact.ts';
import type { AnalysisData } from './input.ts';

/** Both days inclusive; `days` = to − from + 1. */
export interface Period {
  from: IsoDate;
  to: IsoDate;
  days: number;
}

/** Lists of dated records (or groups), as `requireRecordsIn` reads them. */
interface Dated {
  payments: readonly { date: IsoDate }[];
  timeEntries: readonly { date: IsoDate }[];
  costs: readonly { date: IsoDate }[];
  conversations: readonly { date: IsoDate }[];
}

/** The latest date of any payment, time entry, cost or conversation, or null when none. */
export function latestRecordDate(data: AnalysisData): IsoDate | null {
  let latest: IsoDate | null = null;
  for (const list of [data.payments, data.timeEntries, data.costs, data.conversations]) {
    for (const record of list) if (latest === null || record.date > latest) latest = record.date;
  }
  return latest;
}

/**
 * The default `from` for a given `to`: the day after the same calendar date one year
 * earlier (29 February maps to 28 February first).
 * @example defaultFrom('2025-06-30') // '2024-07-01'
 * @example defaultFrom('2024-02-29') // '2023-03-01'
 */
export function defaultFrom(to: IsoDate): IsoDate {
  return addDays(shiftYears(to, -1), 1);
}

/**
 * The period of a report: `to` defaults to the latest record, `from` to one year
 * before it. Throws `no_data` when the practice has no records at all (so there is no
 * default `to`) and `invalid_period` for dates that are not real `YYYY-MM-DD` dates or
 * a `from` after `to`.
 * @example resolvePeriod(data, { to: '2025-06-30' }) // { from: '2024-07-01', to: '2025-06-30', days: 365 }
 */
export function resolvePeriod(
  data: AnalysisData,
  options: { from?: IsoDate | undefined; to?: IsoDate | undefined } = {},
): Period {
  return periodAfter(() => latestRecordDate(data), options);
}

/**
 * `resolvePeriod` with the latest record date read by `latest`, called only when `to`
 * is not given (a store reads it with one query): the same checks, in the same order.
 * @example periodAfter(() => '2025-06-30', {}) // { from: '2024-07-01', to: '2025-06-30', days: 365 }
 */
export function periodAfter(
  latest: () => IsoDate | null,
  options: { from?: IsoDate | undefined; to?: IsoDate | undefined } = {},
): Period {
  for (const key of ['from', 'to'] as const) {
    const value = options[key];
    if (value !== undefined && !isIsoDate(value)) {
      throw new AnalysisError(
        'invalid_period',
        `${key} "${value}" is not a date written YYYY-MM-DD`,
        { [key]: String(value) },
      );
    }
  }
  let to = options.to;
  if (to === undefined) {
    const last = latest();
    if (last === null) {
      throw new AnalysisError(
        'no_data',
        'the practice has no payments, time entries, costs or conversations yet',
      );
    }
    to = last;
  }
  const from = options.from ?? defaultFrom(to);
  if (from > to) {
    const which = options.to === undefined ? `to ${to} (the latest record)` : `to ${to}`;
    throw new AnalysisError('invalid_period', `from ${from} is after ${which}`, { from, to });
  }
  return { from, to, days: daysBetween(from, to) + 1 };
}

/**
 * True when `date` lies in the period, both ends included.
 * @example inPeriod('2024-12-31', { from: '2024-01-01', to: '2024-12-31', days: 366 }) // true
 */
export function inPeriod(date: IsoDate, period: Period): boolean {
  return date >= period.from && date <= period.to;
}

/**
 * The annualising factor f = 365 / days(P), exact.
 * @example annualFactor({ from: '2024-01-01', to: '2024-06-30', days: 182 }) // 365/182
 */
export function annualFactor(period: Period): Fraction {
  return frac(365, period.days);
}

/**
 * Throws `no_data` unless some payment, time entry, cost or conversation is dated in
 * the period (of `data`, or of any of several parts of it: the months of a series).
 * @example requireRecordsIn(data, { from: '2020-01-01', to: '2020-12-31', days: 366 }) // throws no_data
 */
export function requireRecordsIn(data: Dated | readonly Dated[], period: Period): void {
  for (const part of Array.isArray(data) ? data : [data as Dated]) {
    for (const list of [part.payments, part.timeEntries, part.costs, part.conversations]) {
      for (const record of list) if (inPeriod(record.date, period)) return;
    }
  }
  throw new AnalysisError(
    'no_data',
    `no payments, time entries, costs or conversations between ${period.from} and ${period.to}`,
    { from: period.from, to: period.to },
  );
}
