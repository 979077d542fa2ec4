/**
 * The leverage analysis of spec/analysis.md as one pure function: practice data and a
 * period in, the report document out. No clock, no I/O; the CLI, the API and the page
 * all show what this returns.
 */
import type { IsoDate } from '../dates.ts';
import { type Assumptions, resolveAssumptions } from './assumptions.ts';
import { clientFacts } from './clients.ts';
import { buildContext } from './context.ts';
import { requireRates } from './convert.ts';
import { isAnalysisError } from './errors.ts';
import { groupRecords } from './groups.ts';
import type { AnalysisData, GroupedData } from './input.ts';
import { ladder } from './ladder.ts';
import { buildLedger } from './ledger.ts';
import { type LeverBasis, leverBasis, leversOf } from './levers.ts';
import { nullable, rate } from './output.ts';
import { type Period, requireRecordsIn, resolvePeriod } from './period.ts';
import { readiness } from './readiness.ts';
import type { Report } from './report.ts';
import { baselineRate, presentStream, presentTotals } from './streams.ts';

export interface AnalyzeOptions {
  /** First day of the period; default: the day after the same date a year before `to`. */
  from?: IsoDate | undefined;
  /** Last day of the period; default: the latest payment, time entry, cost or conversation. */
  to?: IsoDate | undefined;
  /** Overrides of the levers' assumptions (see ASSUMPTIONS). */
  assumptions?: Partial<Assumptions> | Readonly<Record<string, unknown>> | undefined;
}

/**
 * The report of spec/analysis.md for one practice and period, from its `PracticeData` or
 * just the fields the analysis reads (`AnalysisData`). Throws AnalysisError:
 * `unknown_assumption` / `invalid_assumption` for a bad override, `invalid_period`
 * for a bad or reversed period, `no_data` when there are no records (at all, or in the
 * period), `missing_rate` when a payment or cost up to the period end cannot be
 * converted.
 * @example
 * const report = analyze(data, { to: '2025-06-30', assumptions: { raise: 0.15 } });
 * report.streams[0].effectiveHourlyRate // 142.5
 */
export function analyze(data: AnalysisData, options: AnalyzeOptions = {}): Report {
  return ofRecords(data, options, analyzeGroups);
}

/**
 * `whatIfBasis` of the records of `data` for a period (no assumptions: the basis holds
 * the report under the defaults). Throws as `analyze` does.
 * @example reportUnder(whatIfBasisOfRecords(data, { to: '2025-06-30' }), resolveAssumptions({ raise: 0.2 }))
 */
export function whatIfBasisOfRecords(
  data: AnalysisData,
  options: Pick<AnalyzeOptions, 'from' | 'to'> = {},
): WhatIfBasis {
  return ofRecords(data, options, (groups, period) => whatIfBasis(groups, period));
}

/** The checks of `analyze` in its order, then `finish` on the period's groups. */
function ofRecords<T>(
  data: AnalysisData,
  options: AnalyzeOptions,
  finish: (groups: GroupedData, period: Period, assumptions: Assumptions) => T,
): T {
  const assumptions = resolveAssumptions(options.assumptions ?? {});
  const period = resolvePeriod(data, options);
  try {
    return finish(groupRecords(data, period), period, assumptions);
  } catch (error) {
    // A group cannot name the record that has no rate: find it among the records.
    if (isAnalysisError(error) && error.code === 'missing_rate') requireRates(data, period.to);
    throw error;
  }
}

/**
 * The report of one period from its groups (groups.ts), built by `groupRecords` or by a
 * store in SQL for that same period: what `analyze` computes once the period is known,
 * and the one place every figure is computed. Throws `no_data` when no record is dated
 * in the period and `missing_rate` when a group cannot be converted (naming the group,
 * not a record: `requireRates` on the records names it).
 * @example analyzeGroups(groupRecords(data, period), period, resolveAssumptions({}))
 */
export function analyzeGroups(data: GroupedData, period: Period, assumptions: Assumptions): Report {
  return analysisOf(data, period, assumptions).report;
}

/**
 * What a what-if needs: the report of a period under the default assumptions, and the
 * basis of its levers (levers.ts). Plain JSON, as small as the report: kept, it gives the
 * report under any assumptions without reading the records again (`reportUnder`).
 */
export interface WhatIfBasis {
  report: Report;
  levers: LeverBasis;
}

/**
 * `analyzeGroups` under the default assumptions, with the basis of its levers. Throws
 * as `analyzeGroups` does.
 * @example reportUnder(whatIfBasis(groups, period), resolveAssumptions({ raise: 0.2 }))
 */
export function whatIfBasis(data: GroupedData, period: Period): WhatIfBasis {
  return analysisOf(data, period, resolveAssumptions({}));
}

/**
 * The report of a basis's period under `assumptions`: the basis's report with the
 * levers computed again, equal to what `analyzeGroups` gives under them (only the levers
 * read assumptions).
 * @example reportUnder(basis, resolveAssumptions({ raise: 0.15 })).levers[0]
 */
export function reportUnder(basis: WhatIfBasis, assumptions: Assumptions): Report {
  return { ...basis.report, levers: leversOf(basis.levers, assumptions) };
}

/** The report under `assumptions` and the basis of its levers. */
function analysisOf(data: GroupedData, period: Period, assumptions: Assumptions): WhatIfBasis {
  requireRecordsIn(data, period);
  const ctx = buildContext(data, period, assumptions);
  const ledger = buildLedger(ctx);
  const facts = clientFacts(ctx);
  const baseline = baselineRate(ledger, ctx);
  const ready = readiness(ctx, ledger, facts);
  const levers = leverBasis(ctx, ledger, facts);
  const report: Report = {
    period: { from: period.from, to: period.to, days: period.days },
    currency: ctx.currency,
    totals: presentTotals(ledger, ctx),
    baselineHourlyRate: nullable(baseline, rate),
    streams: ledger.streams.map((s) => presentStream(s, baseline, ctx)),
    readiness: ready,
    levers: leversOf(levers, assumptions),
    ladder: ladder(ctx, ledger, ready),
  };
  return { report, levers };
}

export type { AssumptionName, Assumptions } from './assumptions.ts';
export { ASSUMPTION_NOTES, ASSUMPTIONS, resolveAssumptions } from './assumptions.ts';
export { requireRates } from './convert.ts';
export { AnalysisError, type AnalysisErrorCode, isAnalysisError } from './errors.ts';
export { describeFigure, FIGURES, type FigureId, isFigureId } from './figures.ts';
export { type GroupBounds, groupBounds, groupRecords, paymentDateClass } from './groups.ts';
export type * from './input.ts';
export { RUNG_LABELS, rungOf } from './ladder.ts';
export type { LeverBasis } from './levers.ts';
export { defaultFrom, type Period, periodAfter, resolvePeriod } from './period.ts';
export type * from './report.ts';
