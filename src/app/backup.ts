/**
 * Backing up and restoring a SQLite database (`fulcrum backup FILE`, `fulcrum restore
 * FILE`). The decisions — is this a Fulcrum database, may that file be replaced — are
 * pure functions of what the files hold; the copying is the store's (store/backup.ts).
 * PostgreSQL has its own tools: both use cases say which and refuse.
 */
import path from 'node:path';
import {
  checkpointSqliteFile,
  copySqliteDatabase,
  inspectSqliteFile,
  type SqliteFileInfo,
} from '../store/backup.ts';
import { StoreError } from '../store/errors.ts';
import { MIGRATIONS } from '../store/migrations/index.ts';
import { isPostgresUrl } from '../store/postgres.ts';
import { AppError, type AppErrorCode } from './errors.ts';

export interface BackupResult {
  source: string;
  file: string;
  bytes: number;
}

export interface RestoreResult {
  file: string;
  target: string;
  bytes: number;
  /** Rows the restored database holds (all tables but the migrator's). */
  rows: number;
  /** Migrations this version has that the backup lacks: applied on the next open. */
  pending: string[];
}

export const PG_TOOLS =
  'a PostgreSQL database is backed up with its own tools: `pg_dump --format=custom --file=fulcrum.dump "$URL"`, and restored with `pg_restore --clean --if-exists --dbname="$URL" fulcrum.dump`';

/** Why `source` may not be backed up to `destination`, or null when it may. */
export function backupProblem(
  source: { name: string; info: SqliteFileInfo },
  destination: { name: string; info: SqliteFileInfo },
  force: boolean,
): AppError | null {
  if (!source.info.exists) return new AppError('not_found', `no database at ${source.name}`);
  if (!source.info.sqlite || source.info.migrations === null) {
    return new AppError('invalid_input', `${source.name} is not a Fulcrum database`);
  }
  if (path.resolve(source.name) === path.resolve(destination.name)) {
    return new AppError('invalid_input', 'the backup must go to another file than the database');
  }
  if (destination.info.exists && !force) {
    return new AppError('conflict', `${destination.name} exists; pass --force to replace it`);
  }
  return null;
}

/** Why `backup` may not replace the database `target`, or null when it may. */
export function restoreProblem(
  backup: { name: string; info: SqliteFileInfo },
  target: { name: string; info: SqliteFileInfo },
  force: boolean,
  known: readonly string[] = Object.keys(MIGRATIONS),
): AppError | null {
  const { info } = backup;
  if (!info.exists) return new AppError('not_found', `no backup at ${backup.name}`);
  if (!info.sqlite)
    return new AppError('invalid_input', `${backup.name} is not an SQLite database`);
  if (info.migrations === null) {
    return new AppError(
      'invalid_input',
      `${backup.name} is not a Fulcrum database (it has no migrations table)`,
    );
  }
  if (info.check !== null && info.check !== 'ok') {
    return new AppError('invalid_input', `${backup.name} is damaged: ${info.check}`);
  }
  const unknown = info.migrations.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    return new AppError(
      'invalid_input',
      `${backup.name} was written by a newer Fulcrum (schema ${unknown.join(', ')}): upgrade Fulcrum, then restore`,
    );
  }
  if (path.resolve(backup.name) === path.resolve(target.name)) {
    return new AppError('invalid_input', 'the backup and the database are the same file');
  }
  const holdsData = target.info.rows > 0 || (target.info.bytes > 0 && !target.info.sqlite);
  if (holdsData && !force) {
    const what = target.info.sqlite ? `${target.info.rows} rows` : 'a file that is not a database';
    return new AppError(
      'conflict',
      `${target.name} is not empty (${what}); pass --force to replace it — back it up first with \`fulcrum backup FILE\``,
    );
  }
  return null;
}

function fromStore(error: unknown): never {
  if (error instanceof StoreError) {
    throw new AppError(error.code as AppErrorCode, error.message, undefined, { cause: error });
  }
  throw error;
}

/**
 * Copies the SQLite database `target` into `file`, safely while Fulcrum uses it.
 * @example await backupDatabase('/home/ana/fulcrum.db', 'fulcrum-2026-11-25.db')
 */
export async function backupDatabase(
  target: string,
  file: string,
  options: { force?: boolean } = {},
): Promise<BackupResult> {
  if (isPostgresUrl(target)) throw new AppError('invalid_input', `fulcrum backup: ${PG_TOOLS}`);
  const problem = backupProblem(
    { name: target, info: inspectSqliteFile(target) },
    { name: file, info: inspectSqliteFile(file) },
    Boolean(options.force),
  );
  if (problem) throw problem;
  const { bytes } = await copySqliteDatabase(target, file).catch(fromStore);
  return { source: target, file: path.resolve(file), bytes };
}

/**
 * Replaces the SQLite database `target` with the backup `file`, after checking that the
 * backup is a sound Fulcrum database this version can read, and that `target` is empty
 * (or `force`). Stop Fulcrum on `target` first.
 */
export async function restoreDatabase(
  file: string,
  target: string,
  options: { force?: boolean } = {},
): Promise<RestoreResult> {
  if (isPostgresUrl(target)) throw new AppError('invalid_input', `fulcrum restore: ${PG_TOOLS}`);
  const backup = inspectSqliteFile(file, { check: true });
  const current = inspectSqliteFile(target);
  const problem = restoreProblem(
    { name: file, info: backup },
    { name: target, info: current },
    Boolean(options.force),
  );
  if (problem) throw problem;
  if (current.sqlite && checkpointSqliteFile(target).busy) {
    throw new AppError(
      'db_busy',
      `${target} is in use by another Fulcrum process: stop it, then restore`,
    );
  }
  const { bytes } = await copySqliteDatabase(file, target).catch(fromStore);
  const applied = new Set(backup.migrations ?? []);
  return {
    file: path.resolve(file),
    target,
    bytes,
    rows: backup.rows,
    pending: Object.keys(MIGRATIONS).filter((name) => !applied.has(name)),
  };
}
