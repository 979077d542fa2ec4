/** The SQLite side of `openStore`: better-sqlite3 on a file (or `:memory:`), tuned once. */
import BetterSqlite3 from 'better-sqlite3';
import { type Dialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import { messageOf, StoreError } from './errors.ts';

/** How long a writer waits for another connection's lock before failing, in ms. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the SQLite database at `path`: WAL journal, foreign keys
 * enforced (the cascade from practices relies on it), a busy timeout.
 *
 * @throws StoreError `db_open_failed` when the file cannot be opened or is not a database.
 */
export function sqliteDialect(path: string): Dialect {
  let database: BetterSqlite3.Database | undefined;
  try {
    database = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
    // The first statement reads the header: a file that is not a database fails here.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    database?.close();
    throw new StoreError(
      'db_open_failed',
      `Cannot open the SQLite database "${path}": ${messageOf(error)}`,
      { cause: error },
    );
  }
  const dialect = new SqliteDialect({ database: withStatementCache(database) });
  handles.set(dialect, database);
  return dialect;
}

/** Prepared statements kept per connection, by SQL text (the most recently added). */
const CACHED_STATEMENTS = 256;
/** Longer SQL (a many-row INSERT) is prepared each time: it would hold memory for little. */
const CACHED_SQL_LENGTH = 4096;

/**
 * The connection as Kysely sees it, with its prepared statements kept by SQL text.
 * Kysely prepares every query it runs; preparing is a fifth of the CPU time of a small
 * API read (session, membership and revision look-ups), so statements are reused.
 * Only Kysely's queries go through the cache: a statement someone configures (`raw`,
 * `pluck`) is never shared. A statement busy iterating is not handed out again.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      const kept = statements.get(sql);
      if (kept && !kept.busy) return kept;
      const statement = database.prepare(sql);
      if (sql.length <= CACHED_SQL_LENGTH && !kept) {
        if (statements.size >= CACHED_STATEMENTS) {
          statements.delete(statements.keys().next().value as string);
        }
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

const handles = new WeakMap<Dialect, BetterSqlite3.Database>();

/** Statements prepared on a connection by our own code (not Kysely's), by SQL text. */
const prepared = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/**
 * The statement of `text` on the connection, prepared once (the most recently added
 * `CACHED_STATEMENTS` are kept): for code that runs its own statements on the connection
 * (bulk-insert.ts, list pages in record-crud.repository.ts).
 */
export function preparedOn(sqlite: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let byText = prepared.get(sqlite);
  if (!byText) {
    byText = new Map();
    prepared.set(sqlite, byText);
  }
  let statement = byText.get(text);
  if (!statement) {
    if (byText.size >= CACHED_STATEMENTS) byText.delete(byText.keys().next().value as string);
    statement = sqlite.prepare(text);
    byText.set(text, statement);
  }
  return statement;
}

/**
 * The better-sqlite3 connection behind a dialect `sqliteDialect` made: the bulk insert path
 * of imports (bulk-insert.ts) prepares its statements once on it, inside the transaction
 * Kysely opened on the same connection.
 */
export function sqliteHandleOf(dialect: Dialect): BetterSqlite3.Database | undefined {
  return handles.get(dialect);
}
