/**
 * The PostgreSQL side of `openStore`: a pg Pool whose type parsers give JS numbers for
 * BIGINT (money in minor units, counts) and NUMERIC, so rows look the same as SQLite's.
 */
import { type Dialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { messageOf, StoreError } from './errors.ts';

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const CONNECT_TIMEOUT_MS = 10_000;
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
]);

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT ${text} is not a safe JS integer`);
  return value;
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format !== 'binary' && oid === INT8_OID) return parseInt8;
    if (format !== 'binary' && oid === NUMERIC_OID) return Number;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** `host:port/database` of a URL, never its password. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return 'an unparsable URL';
  }
}

/**
 * Connects once to check the server answers, then hands the pool to Kysely.
 *
 * @throws StoreError `db_unreachable` when the server cannot be reached,
 *   `db_open_failed` when it answers but refuses (unknown database, bad password).
 */
export async function postgresDialect(url: string): Promise<Dialect> {
  const where = describePostgresUrl(url);
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({
      connectionString: url,
      types,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'fulcrum',
    });
  } catch (error) {
    throw new StoreError('db_open_failed', `Invalid PostgreSQL URL: ${messageOf(error)}`, {
      cause: error,
    });
  }
  // An idle client losing its server emits here; without a listener Node would crash.
  // The next query fails with the real error instead.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    const code = (error as { code?: string }).code;
    const unreachable = code === undefined || NETWORK_ERRORS.has(code);
    throw new StoreError(
      unreachable ? 'db_unreachable' : 'db_open_failed',
      unreachable
        ? `Cannot reach PostgreSQL at ${where}: ${messageOf(error) || code}. Is the server running?`
        : `PostgreSQL at ${where} refused the connection: ${messageOf(error)}`,
      { cause: error },
    );
  }
  return new PostgresDialect({ pool });
}
