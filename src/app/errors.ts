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
  busy: 503,
  db_unreachable: 503,
  db_busy: 503,
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

/** Driver codes meaning another writer holds the database: SQLite busy or locked (after
 * the store's busy timeout), PostgreSQL serialization failure, deadlock, lock timeout. */
const BUSY_CODE = /^(SQLITE_BUSY|SQLITE_LOCKED|40001$|40P01$|55P03$)/;

/**
 * A driver error saying the database is busy with another writer, as a `db_busy`
 * AppError a person can act on; null for any other error.
 * @example throw busyError(error) ?? error;
 */
export function busyError(error: unknown): AppError | null {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (!BUSY_CODE.test(code)) return null;
  return new AppError(
    'db_busy',
    'the database is busy: another command (an import?) is writing to it right now. What this command was writing was rolled back; run it again when the other one has finished.',
    undefined,
    { cause: error },
  );
}
