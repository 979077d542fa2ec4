/**
 * SQLite files as wholes, for `fulcrum backup` and `fulcrum restore`: what a file holds
 * (is it a Fulcrum database, which migrations, how many rows), and an online copy of a
 * database into another file — SQLite's backup API on a connection of its own, so it is
 * safe while Fulcrum runs on the source — written beside the destination and renamed
 * over it, so the destination is never half written.
 *
 * Deciding what may be copied where is the app's job (app/backup.ts).
 */
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { messageOf, StoreError } from './errors.ts';

/** The Kysely Migrator's own tables: every Fulcrum database has them. */
const MIGRATION_TABLE = 'kysely_migration';
/** Tables counted as no data: the migrator's, and the data revisions (migration 0004). */
const MIGRATOR_TABLES = new Set([MIGRATION_TABLE, 'kysely_migration_lock', 'practice_revisions']);

export interface SqliteFileInfo {
  exists: boolean;
  bytes: number;
  /** False when the file is not an SQLite database at all. */
  sqlite: boolean;
  /** Names of the applied migrations; null when there is no migrations table (not ours). */
  migrations: string[] | null;
  /** Rows in all tables but the migrator's (0 = an empty database, even if migrated). */
  rows: number;
  /** `PRAGMA quick_check`: 'ok' or the first problem; null when not asked or not SQLite. */
  check: string | null;
}

/** What the file at `file` holds; never writes to it. */
export function inspectSqliteFile(file: string, options: { check?: boolean } = {}): SqliteFileInfo {
  const info: SqliteFileInfo = {
    exists: existsSync(file),
    bytes: 0,
    sqlite: false,
    migrations: null,
    rows: 0,
    check: null,
  };
  if (!info.exists) return info;
  info.bytes = statSync(file).size;
  if (info.bytes === 0) return info;
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    info.sqlite = true;
    if (tables.includes(MIGRATION_TABLE)) {
      info.migrations = db
        .prepare(`SELECT name FROM "${MIGRATION_TABLE}" ORDER BY name`)
        .pluck()
        .all() as string[];
    }
    for (const table of tables) {
      if (MIGRATOR_TABLES.has(table)) continue;
      info.rows += db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
    }
    if (options.check) info.check = String(db.pragma('quick_check', { simple: true }));
  } catch {
    info.sqlite = false;
  } finally {
    db?.close();
  }
  return info;
}

/**
 * Copies the SQLite database `source` into `destination` (replacing it) while other
 * connections may be reading and writing `source`: the copy is one consistent snapshot
 * of what was committed. The copy is a single self-contained file (rollback journal, not
 * WAL); it is written to a temporary file beside `destination`, synced, then renamed
 * over it, and any `-wal`/`-shm` left by an old `destination` are removed.
 *
 * @example await copySqliteDatabase('fulcrum.db', 'backups/2026-11-25.db')
 * @throws StoreError `db_open_failed` when `source` cannot be read or the copy cannot be written.
 */
export async function copySqliteDatabase(
  source: string,
  destination: string,
): Promise<{ bytes: number }> {
  const target = path.resolve(destination);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(source, { fileMustExist: true, timeout: 5000 });
    await db.backup(temp);
    db.close();
    db = new BetterSqlite3(temp);
    db.pragma('journal_mode = DELETE');
    db.close();
    db = undefined;
    syncFile(temp);
    renameSync(temp, target);
    for (const suffix of ['-wal', '-shm', '-journal'])
      rmSync(`${target}${suffix}`, { force: true });
    syncDirectory(path.dirname(target));
    return { bytes: statSync(target).size };
  } catch (error) {
    db?.close();
    rmSync(temp, { force: true });
    throw new StoreError(
      'db_open_failed',
      `Cannot copy the SQLite database "${source}" to "${target}": ${messageOf(error)}`,
      { cause: error },
    );
  }
}

/**
 * Moves what the WAL of `file` holds into the file itself and reports whether another
 * connection kept it from finishing (a sign that a Fulcrum process has it open).
 */
export function checkpointSqliteFile(file: string): { busy: boolean } {
  const db = new BetterSqlite3(file, { fileMustExist: true, timeout: 500 });
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    return { busy: (result?.busy ?? 0) !== 0 };
  } finally {
    db.close();
  }
}

function syncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable; some systems cannot open a directory to sync it: skip there. */
function syncDirectory(dir: string): void {
  try {
    syncFile(dir);
  } catch {
    // Windows: directories cannot be opened for fsync.
  }
}
