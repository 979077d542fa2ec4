/**
 * The monthly series of the dashboard: each stream's revenue, hours and effective hourly
 * rate month by month over a report's period. Each month's figures are the report's own
 * stream figures (`analyzeGroups`, spec/analysis.md) with that month, cut to the period,
 * as the period: no second definition of any figure.
 *
 * A stream's revenue, costs and hours in a period read only the records dated in it
 * (the ledger books a record into a stream's period figures only when it is dated in the
 * period; each payment and cost is converted at its own date, hours are summed exactly),
 * so each month is analysed on the records of that month alone. The database sums them
 * into each month's groups in one pass per table (`loadGroupedMonths`: the report's
 * groups with the month added to the keys), and `analyzeGroups` runs once per month on a
 * few thousand groups: at 1,000,000 + 1,000,000 records the series costs less than one
 * report. `monthlyStreams` is the same series from records in memory (and the path when
 * a record lacks a rate, so that the error names it). monthly.test.ts checks both against
 * `analyze` on every record, month by month, on both engines.
 */
import {
  type AnalysisData,
  analyze,
  analyzeGroups,
  type GroupedData,
  isAnalysisError,
  type Period,
  periodAfter,
  resolveAssumptions,
} from '../domain/analysis/index.ts';
import { requireRecordsIn, resolvePeriod } from '../domain/analysis/period.ts';
import type { Report } from '../domain/analysis/report.ts';
import {
  addMonths,
  daysBetween,
  type IsoDate,
  lastDayOfMonth,
  monthIndex,
  monthOf,
} from '../domain/dates.ts';
import type { Store } from '../store/connect.ts';
import type { ReadHelper } from '../store/read-helper.ts';
import { loadAnalysisData, loadGroupedMonths } from '../store/records.repository.ts';
import { authorize, type PracticeAccess } from './access.ts';
import { computeJson } from './compute/pool.ts';
import { AppError } from './errors.ts';
import { fromAnalysisError } from './report.ts';
import { cachedDocument } from './report-cache.ts';

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

/**
 * The longest series served: 50 years of months. Bounds the work one request can ask for
 * (`to=9999-12-31` with a `from` in year 1000 would be 108,000 analyses).
 */
export const MAX_MONTHS = 600;

/**
 * The calendar months that meet [from, to], each cut to the period. Throws `invalid_input`
 * beyond `MAX_MONTHS` months.
 * @example monthsOf('2025-01-15', '2025-02-10') // [{ month: '2025-01', from: '2025-01-15', to: '2025-01-31' }, { month: '2025-02', from: '2025-02-01', to: '2025-02-10' }]
 */
export function monthsOf(from: IsoDate, to: IsoDate): Omit<MonthFigures, 'streams'>[] {
  const count = monthIndex(to) - monthIndex(from) + 1;
  if (count > MAX_MONTHS) {
    throw new AppError(
      'invalid_input',
      `the monthly series covers at most ${MAX_MONTHS} months; ${from} to ${to} is ${count}: narrow from/to`,
    );
  }
  const months: Omit<MonthFigures, 'streams'>[] = [];
  for (let i = 0; i < count; i++) {
    const start = addMonths(from, i);
    const end = lastDayOfMonth(start);
    months.push({
      month: monthOf(start),
      from: start < from ? from : start,
      to: end > to ? to : end,
    });
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
 * A month's figures from its report (`report` runs the analysis of that month): the
 * streams with revenue or hours; no record in the month is an empty month.
 */
export function monthFigures(m: Omit<MonthFigures, 'streams'>, report: () => Report): MonthFigures {
  const streams: Record<string, MonthStream> = {};
  try {
    for (const s of report().streams) {
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
  return { month: m.month, from: m.from, to: m.to, streams };
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
  const months = monthsOf(from, to).map((m) => {
    const slice: AnalysisData = {
      ...data,
      payments: payments.get(m.month) ?? [],
      timeEntries: timeEntries.get(m.month) ?? [],
      costs: costs.get(m.month) ?? [],
      conversations: conversations.get(m.month) ?? [],
    };
    return monthFigures(m, () => analyze(slice, { from: m.from, to: m.to }));
  });
  return {
    period: { from, to, days: period.days },
    currency: data.practice.currency,
    months,
  };
}

/** The series from records read into the process (`monthlyStreams`): the slow path. */
async function monthlyOfRecords(
  store: Store,
  practiceId: number,
  options: MonthlyOptions,
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

/**
 * `data` with only the clients its groups name. No stream figure reads a client (the
 * ledger books by offer and date, ledger.ts), so a month's streams are the same; without
 * this, each month's analysis would index every client of the practice (133,607 at
 * 1,000,000 payments) for figures the series does not show.
 */
function withOwnClients(data: GroupedData): GroupedData {
  const index = clientIndex(data.clients);
  const positions = new Set<number>();
  const add = (id: string | null) => {
    const at = id === null ? undefined : index.get(id);
    if (at !== undefined) positions.add(at);
  };
  for (const p of data.payments) add(p.clientId);
  for (const t of data.timeEntries) add(t.clientId);
  // In the practice's order, as a filter of the list would give.
  return {
    ...data,
    clients: [...positions].sort((a, b) => a - b).map((at) => data.clients[at]!),
  };
}

/** Each client's place in the list, by id: built once per list (the months share it). */
const clientIndexes = new WeakMap<GroupedData['clients'], Map<string, number>>();
function clientIndex(clients: GroupedData['clients']): Map<string, number> {
  let index = clientIndexes.get(clients);
  if (!index) {
    index = new Map();
    for (let at = clients.length - 1; at >= 0; at--) index.set(clients[at]!.id, at);
    clientIndexes.set(clients, index);
  }
  return index;
}

/**
 * The monthly series of a practice (see the module header): each month's groups summed
 * by the database, `analyzeGroups` per month. The same series as `monthlyStreams` on the
 * practice's records, with the same errors.
 */
export async function buildMonthly(
  store: Store,
  practiceId: number,
  options: MonthlyOptions = {},
  helper?: ReadHelper,
): Promise<MonthlySeries> {
  try {
    const assumptions = resolveAssumptions({});
    const loaded = await loadGroupedMonths(
      store.db,
      practiceId,
      async (latest) => {
        // The period exactly as the report resolves it.
        const last = options.to === undefined ? await latest() : null;
        const period = periodAfter(() => last, options);
        const months = monthsOf(period.from, period.to).map(
          (m): Period & Omit<MonthFigures, 'streams'> => ({
            ...m,
            days: daysBetween(m.from, m.to) + 1,
          }),
        );
        return { period, months };
      },
      helper,
    );
    const { period } = loaded;
    // The report's check: some record dated in the period (every group is in a month).
    requireRecordsIn(
      loaded.months.map((m) => m.data),
      period,
    );
    return {
      period: { from: period.from, to: period.to, days: period.days },
      currency: loaded.months[0]?.data.practice.currency ?? '',
      months: loaded.months.map(({ month, data }) =>
        monthFigures(month, () => analyzeGroups(withOwnClients(data), month, assumptions)),
      ),
    };
  } catch (error) {
    // A group cannot name the record without a rate: the records can (rare, so slow is fine).
    if (isAnalysisError(error, 'missing_rate')) return monthlyOfRecords(store, practiceId, options);
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
  return monthlyJson(store, access.practiceId, options);
}

/** `buildMonthly`'s series as JSON text, cached (the caller authorizes). */
export function monthlyJson(
  store: Store,
  practiceId: number,
  options: MonthlyOptions = {},
): Promise<string> {
  return cachedDocument(store, practiceId, monthlyKey, options, () =>
    computeJson(store, { kind: 'monthly', practiceId, options }, () =>
      buildMonthly(store, practiceId, options),
    ),
  );
}
