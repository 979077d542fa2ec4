/**
 * The analysis's one error type: a stable string `code` for programs and a message a
 * person can act on. Every other outcome of `analyze` is data in the report.
 */

/** Why an analysis could not be computed. */
export type AnalysisErrorCode =
  | 'no_data'
  | 'missing_rate'
  | 'invalid_period'
  | 'unknown_assumption'
  | 'invalid_assumption';

/**
 * A documented failure of the analysis. `details` names what was wrong (the record,
 * the assumption, the date) for callers that show more than the message.
 * @example
 * throw new AnalysisError('invalid_period', 'from 2025-01-01 is after to 2024-12-31');
 */
export class AnalysisError extends Error {
  override readonly name = 'AnalysisError';

  constructor(
    readonly code: AnalysisErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number | readonly string[]>> = {},
  ) {
    super(message);
  }
}

/**
 * True when `error` is an AnalysisError, optionally with the given code.
 * @example if (isAnalysisError(error, 'no_data')) showEmptyState();
 */
export function isAnalysisError(error: unknown, code?: AnalysisErrorCode): error is AnalysisError {
  return error instanceof AnalysisError && (code === undefined || error.code === code);
}
