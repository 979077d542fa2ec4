/**
 * The report use case: load the practice's records and run the analysis of
 * spec/analysis.md on them. The one place a report is computed; the CLI, the API and
 * the web page all call this.
 */
import { AnalysisError, type Assumptions, analyze, type Report } from '../domain/analysis/index.ts';
import type { Store } from '../store/connect.ts';
import { loadAnalysisData } from '../store/records.repository.ts';
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

export async function buildReport(
  store: Store,
  practiceId: number,
  options: ReportOptions = {},
): Promise<Report> {
  const data = await loadAnalysisData(store.db, practiceId);
  try {
    return analyze(data, options);
  } catch (error) {
    return fromAnalysisError(error);
  }
}
