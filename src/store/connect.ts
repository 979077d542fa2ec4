/**
 * `openStore`: the one way to get a database. A `postgres://` URL opens a pg Pool, any
 * other target a SQLite file (or `:memory:`); migrations run before it is returned.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import type pg from 'pg';
import type { Database, Engine, Executor } from './database.ts';
import { StoreError } from './errors.ts';
import { migrateToLatest } from './migrate.ts';
import { naming } from './naming.ts';
import { isPostgresUrl, postgresClientFinder, postgresDialect } from './postgres.ts';
import { sqliteDialect, sqliteHandleOf } from './sqlite.ts';

/**
 * Read settings of every SQLite connection: the file memory-mapped (up to 1 GiB of
 * address space, not of memory), so reading a page copies nothing. A report of a
 * 1,000,000 + 1,000,000-record practice reads every row of the two big tables once;
 * this saves ~10 % of its SQLite CPU time (docs/performance.md, "The report").
 */
export const SQLITE_READ_PRAGMAS: readonly string[] = ['mmap_size = 1073741824'];

export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  /** Closes the pool or file; calling it twice is harmless. */
  close(): Promise<void>;
  /** SQLite only: the connection itself, for the import's bulk inserts (store/bulk-insert.ts). */
  sqlite?: BetterSqlite3.Database;
  /**
   * PostgreSQL only: the pg client an open transaction of `db` runs on, for the import's
   * `COPY` (store/bulk-insert.ts); undefined when it cannot be found (a pooler in between).
   */
  postgresClient?: (trx: Executor) => Promise<pg.ClientBase | undefined>;
}

/**
 * Opens the database named by `target` and brings its schema up to date.
 *
 * @example
 * const store = await openStore('fulcrum.db');            // SQLite file
 * const store = await openStore('postgres://u@host/db');  // PostgreSQL
 * @throws StoreError `db_unreachable`, `db_open_failed` or `migration_failed`.
 */
export async function openStore(
  target: string,
  options: {
    /**
     * false: the schema is known to be current and is not checked (a second connection
     * of a process that opened the database already: migrating takes a write lock).
     */
    migrate?: boolean;
    /** Hears the migrations an upgrade is about to apply (`migrateToLatest`). */
    onUpgrade?: (pending: readonly string[]) => void;
  } = {},
): Promise<Store> {
  const engine: Engine = isPostgresUrl(target) ? 'postgres' : 'sqlite';
  if (engine === 'sqlite' && /^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    throw new StoreError(
      'db_open_failed',
      `Unsupported database URL "${target.split('://')[0]}://…": use a postgres:// URL or a file path`,
    );
  }
  const dialect = engine === 'postgres' ? await postgresDialect(target) : sqliteDialect(target);
  const db = new Kysely<Database>({ dialect, plugins: [naming] });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= db.destroy();
    return closing;
  };
  try {
    if (options.migrate !== false) await migrateToLatest(db, undefined, options.onUpgrade);
  } catch (error) {
    await close();
    throw error;
  }
  const sqlite = engine === 'sqlite' ? sqliteHandleOf(dialect) : undefined;
  for (const pragma of sqlite ? SQLITE_READ_PRAGMAS : []) sqlite?.pragma(pragma);
  if (sqlite) return { db, engine, close, sqlite };
  const postgresClient = postgresClientFinder(dialect);
  return postgresClient ? { db, engine, close, postgresClient } : { db, engine, close };
}
