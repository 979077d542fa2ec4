/**
 * The PostgreSQL side of `openStore`: a pg Pool whose type parsers give JS numbers for
 * BIGINT (money in minor units, counts) and NUMERIC, so rows look the same as SQLite's.
 */
import { randomUUID } from 'node:crypto';
import { CompiledQuery, type Dialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Executor } from './database.ts';
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
  const clients = new Map<number, pg.PoolClient>();
  pool.on('connect', (client) => clients.set(backendPid(client), client));
  pool.on('remove', (client) => {
    // A newer client may have been given the same server process id since.
    if (clients.get(backendPid(client)) === client) clients.delete(backendPid(client));
  });
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
  const dialect = new PostgresDialect({ pool });
  clientsByDialect.set(dialect, clients);
  return dialect;
}

/** The server process id pg learnt at connection (BackendKeyData; not in pg's types). */
function backendPid(client: pg.ClientBase): number {
  return (client as unknown as { processID: number }).processID;
}

/** A transaction-local setting that tells a transaction's own client from others. */
const TOKEN_SETTING = 'fulcrum.transaction';

/** The open clients of each pool `postgresDialect` made, by server process id. */
const clientsByDialect = new WeakMap<Dialect, Map<number, pg.PoolClient>>();

/**
 * For a dialect `postgresDialect` made: a function giving the pg client an open
 * transaction runs on (Kysely keeps it private), for what Kysely cannot send: the
 * import's `COPY … FROM STDIN` (store/bulk-insert.ts). The transaction tells the server
 * its process id and sets a setting of its own (`set_config(…, true)`: this transaction
 * only); the client known by that process id is used only if it sees that setting,
 * i.e. runs this very transaction. Behind a pooler or several servers a process id may
 * name another connection: then undefined, and callers fall back to plain SQL. Two
 * round trips per import.
 */
export function postgresClientFinder(
  dialect: Dialect,
): ((trx: Executor) => Promise<pg.ClientBase | undefined>) | undefined {
  const clients = clientsByDialect.get(dialect);
  if (!clients) return undefined;
  return async (trx) => {
    if (!trx.isTransaction) throw new Error('the pg client of a transaction only');
    const token = randomUUID();
    const { rows } = await trx.executeQuery<{ pid: number }>(
      CompiledQuery.raw(
        `select pg_backend_pid() as pid, set_config('${TOKEN_SETTING}', $1, true) as token`,
        [token],
      ),
    );
    const candidate = clients.get(Number(rows[0]?.pid));
    if (!candidate) return undefined;
    const seen = await candidate.query<{ token: string | null }>(
      `select current_setting('${TOKEN_SETTING}', true) as token`,
    );
    return seen.rows[0]?.token === token ? candidate : undefined;
  };
}
