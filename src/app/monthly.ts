/**
 * The monthly series of the dashboard: each stream's revenue, hours and effective hourly
 * rate month by month over a report's period. Each month's figures are the report's own
 * stream figures (`analyze`, spec/analysis.md) with that month, cut to the period, as the
 * period: no second definition of any figure.
 *
 * A stream's revenue, costs and hours in a period read only the records dated in it
 * (each payment and cost is converted at its own date, hours are summed exactly), so
 * each month is analysed on the records of that month alone: the records are loaded
 * once and split by month in one pass, and the whole series costs about one analysis
 * of the period instead of one analysis of the practice per month. (monthly.test.ts
 * checks the series against `analyze` on every record, month by month.)
 */
import { type AnalysisData, analyze, isAnalysisError } from '../domain/analysis/index.ts';
import { requireRecordsIn, resolvePeriod } from '../domain/analysis/period.ts';
import type { Report } from '../domain/analysis/report.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { Store } from '../store/connect.ts';
import { loadAnalysisData } from '../store/records.repository.ts';
import { authorize, type PracticeAccess } from './access.ts';
import { fromAnalysisError } from './report.ts';
import { cached } from './report-cache.ts';

/** One stream in one month: the report's `streams[].revenue`, `hours.total`, `effectiveHourlyRate`. */
export interface MonthStream {
  revenue: number;
  hours: number;
  effectiveHourlyRate: number | null;
}

export interface MonthFigures {
  /** `2025-06` */
  month: string;
  /** The month cut to the period. */
  from: IsoDate;
  to: IsoDate;
  /** By offer id; a stream with no revenue and no hours in the month is absent. */
  streams: Record<string, MonthStream>;
}

export interface MonthlySeries {
  /** The report's period (the same defaults: `to` the latest record, a year back). */
  period: Report['period'];
  currency: string;
  months: MonthFigures[];
}

export interface MonthlyOptions {
  from?: string | undefined;
  to?: string | undefined;
}

function lastDayOf(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The calendar months that meet [from, to], each cut to the period.
 * @example monthsOf('2025-01-15', '2025-02-10') // [{ month: '2025-01', from: '2025-01-15', to: '2025-01-31' }, { month: '2025-02', from: '2025-02-01', to: '2025-02-10' }]
 */
export function monthsOf(from: IsoDate, to: IsoDate): Omit<MonthFigures, 'streams'>[] {
  const months: Omit<MonthFigures, 'streams'>[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > to.slice(0, 7)) break;
    const start = `${key}-01`;
    const end = lastDayOf(year, month);
    months.push({ month: key, from: start < from ? from : start, to: end > to ? to : end });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

type Dated = { date: IsoDate };

/** The records of `list` dated in [from, to], by month (`YYYY-MM`). */
function byMonth<T extends Dated>(list: readonly T[], from: IsoDate, to: IsoDate) {
  const months = new Map<string, T[]>();
  for (const record of list) {
    if (record.date < from || record.date > to) continue;
    const key = record.date.slice(0, 7);
    const bucket = months.get(key);
    if (bucket) bucket.push(record);
    else months.set(key, [record]);
  }
  return months;
}

/**
 * The series over the period of `options` (the report's defaults), from records already
 * loaded. Throws AnalysisError like `analyze` for the period (`no_data`,
 * `invalid_period`); a month with no record is an empty month.
 */
export function monthlyStreams(data: AnalysisData, options: MonthlyOptions = {}): MonthlySeries {
  // The period exactly as the report resolves and checks it.
  const period = resolvePeriod(data, options);
  requireRecordsIn(data, period);
  const { from, to } = period;
  const payments = byMonth(data.payments, from, to);
  const timeEntries = byMonth(data.timeEntries, from, to);
  const costs = byMonth(data.costs, from, to);
  const conversations = byMonth(data.conversations, from, to);
  const months = monthsOf(from, to).map((m): MonthFigures => {
    const slice: AnalysisData = {
      ...data,
      payments: payments.get(m.month) ?? [],
      timeEntries: timeEntries.get(m.month) ?? [],
      costs: costs.get(m.month) ?? [],
      conversations: conversations.get(m.month) ?? [],
    };
    const streams: Record<string, MonthStream> = {};
    try {
      for (const s of analyze(slice, { from: m.from, to: m.to }).streams) {
        if (s.revenue !== 0 || s.hours.total !== 0) {
          streams[s.offerId] = {
            revenue: s.revenue,
            hours: s.hours.total,
            effectiveHourlyRate: s.effectiveHourlyRate,
          };
        }
      }
    } catch (error) {
      if (!isAnalysisError(error, 'no_data')) throw error;
    }
    return { ...m, streams };
  });
  return {
    period: { from, to, days: period.days },
    currency: data.practice.currency,
    months,
  };
}

/** The monthly series of a practice (see the module header). */
export async function buildMonthly(
  store: Store,
  practiceId: number,
  options: MonthlyOptions = {},
): Promise<MonthlySeries> {
  // Nothing dated after the period's end counts; without an end, the latest record is it.
  const data = await loadAnalysisData(
    store.db,
    practiceId,
    options.to === undefined ? {} : { to: options.to },
  );
  try {
    return monthlyStreams(data, options);
  } catch (error) {
    return fromAnalysisError(error);
  }
}

/** The cache key of a series: its period as asked (see report-cache.ts). */
export function monthlyKey(options: MonthlyOptions): string {
  return `monthly|${options.from ?? ''}|${options.to ?? ''}`;
}

/**
 * `buildMonthly`'s series as JSON text for a member who may read the practice, kept
 * like the report until the practice's data changes (app/report-cache.ts).
 */
export async function monthlyJsonAs(
  store: Store,
  access: PracticeAccess,
  options: MonthlyOptions = {},
): Promise<string> {
  authorize(access, 'read');
  const { practiceId } = access;
  return cached(store, practiceId, monthlyKey(options), () =>
    buildMonthly(store, practiceId, options),
  );
}
