/**
 * The report use case: read the practice's records and run the analysis of
 * spec/analysis.md on them. The one place a report is computed; the CLI, the API and
 * the web page all call this.
 *
 * The database sums the records of the period as far as the figures allow
 * (`loadGroupedData`, the groups of src/domain/analysis/groups.ts) and `analyzeGroups`
 * computes every figure from those sums, exactly as `analyze` does from the records.
 */
import {
  type AnalysisData,
  AnalysisError,
  type Assumptions,
  analyze,
  analyzeGroups,
  type GroupedData,
  isAnalysisError,
  type Period,
  periodAfter,
  type Report,
  resolveAssumptions,
  type WhatIfBasis,
  whatIfBasis,
  whatIfBasisOfRecords,
} from '../domain/analysis/index.ts';
import type { Store } from '../store/connect.ts';
import type { ReadHelper } from '../store/read-helper.ts';
import { loadAnalysisData, loadGroupedData } from '../store/records.repository.ts';
import { AppError, type AppErrorCode } from './errors.ts';

export interface ReportOptions {
  from?: string;
  to?: string;
  assumptions?: Partial<Assumptions>;
}

/** Turns an analysis error into the app's error, keeping its code and message. */
export function fromAnalysisError(error: unknown): never {
  if (error instanceof AnalysisError) {
    throw new AppError(error.code as AppErrorCode, error.message, undefined, { cause: error });
  }
  throw error;
}

/**
 * The report of the practice. With `helper`, a second connection reads part of the
 * records meanwhile (store/read-helper.ts; the server's compute threads, app/compute/).
 */
export function buildReport(
  store: Store,
  practiceId: number,
  options: ReportOptions = {},
  helper?: ReadHelper,
): Promise<Report> {
  return analyzeStored(store, practiceId, options, helper, analyzeGroups, analyze);
}

/**
 * The report of a period under the default assumptions with the basis of its levers
 * (domain `whatIfBasis`): what the report under any assumptions is then made of without
 * reading the records again (`reportUnder`). Throws as `buildReport` does.
 */
export function buildWhatIfBasis(
  store: Store,
  practiceId: number,
  period: Pick<ReportOptions, 'from' | 'to'> = {},
  helper?: ReadHelper,
): Promise<WhatIfBasis> {
  const options = { from: period.from, to: period.to };
  return analyzeStored(store, practiceId, options, helper, whatIfBasis, whatIfBasisOfRecords);
}

/**
 * The analysis of the practice's stored records: the groups the database sums for the
 * period, given to `fromGroups`; `fromRecords` on the records themselves when a group
 * lacks a rate (it names the record).
 */
async function analyzeStored<T>(
  store: Store,
  practiceId: number,
  options: ReportOptions,
  helper: ReadHelper | undefined,
  fromGroups: (data: GroupedData, period: Period, assumptions: Assumptions) => T,
  fromRecords: (records: AnalysisData, options: ReportOptions) => T,
): Promise<T> {
  try {
    let assumptions: Assumptions | undefined;
    const { period, data } = await loadGroupedData(
      store.db,
      practiceId,
      async (latest) => {
        // The checks of analyze, in its order: assumptions, then the period.
        assumptions = resolveAssumptions(options.assumptions ?? {});
        const last = options.to === undefined ? await latest() : null;
        return periodAfter(() => last, options);
      },
      helper,
    );
    return fromGroups(data, period, assumptions as Assumptions);
  } catch (error) {
    // A group cannot name the record without a rate: the records can (rare, so slow is fine).
    if (isAnalysisError(error) && error.code === 'missing_rate') return ofRecords();
    return fromAnalysisError(error);
  }

  async function ofRecords(): Promise<T> {
    const records = await loadAnalysisData(store.db, practiceId);
    try {
      return fromRecords(records, options);
    } catch (error) {
      return fromAnalysisError(error);
    }
  }
}
