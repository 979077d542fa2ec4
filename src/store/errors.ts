/**
 * The one error the store throws on purpose: a stable `code` the app layer can map,
 * and a message a person can act on (no stack trace needed to understand it).
 */

export const STORE_ERROR_CODES = [
  'db_unreachable',
  'db_open_failed',
  'migration_failed',
  'practice_not_found',
  'practice_name_taken',
  'duplicate_record',
  'duplicate_external_id',
  'invalid_argument',
] as const;

export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** True when `error` is a UNIQUE / PRIMARY KEY violation on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  // PostgreSQL: SQLSTATE 23505. better-sqlite3: SqliteError with an extended result code.
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** The driver's own message, for wrapping into a StoreError. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
