/**
 * The one error the use cases throw on purpose: a stable string `code` (the API maps it
 * to an HTTP status, the CLI to an exit code) and a message a person can act on.
 * `details` carries structured problems (bundle paths, import issues) for the callers
 * that list them.
 */

export const APP_ERROR_CODES = {
  invalid_input: 400,
  invalid_bundle: 400,
  invalid_json: 400,
  invalid_period: 400,
  unknown_assumption: 400,
  invalid_assumption: 400,
  import_failed: 400,
  invalid_scenario: 400,
  missing_rate: 422,
  no_data: 422,
  practice_required: 400,
  not_found: 404,
  practice_not_found: 404,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  db_unreachable: 503,
  db_open_failed: 500,
  migration_failed: 500,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
