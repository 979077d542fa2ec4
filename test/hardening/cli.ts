/**
 * Running the CLI in-process against a database and looking at that database from the
 * outside: every table's row count, and the practice's exported bundle.
 */
import BetterSqlite3 from 'better-sqlite3';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `fulcrum --db <db> <args…>` in-process. */
export async function cli(db: string, ...args: string[]): Promise<CliRun> {
  const io = memoryIo({}, '2026-11-25');
  const code = await main(['node', 'fulcrum', '--db', db, ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

/** Like `cli`, but throws with stderr unless the command succeeds. */
export async function cliOk(db: string, ...args: string[]): Promise<string> {
  const run = await cli(db, ...args);
  if (run.code !== 0) throw new Error(`fulcrum ${args.join(' ')} → ${run.code}: ${run.err}`);
  return run.out;
}

/** Rows of every table of a SQLite file, by table name (migrations' own tables included). */
export function sqliteRowCounts(file: string): Record<string, number> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]),
    );
  } finally {
    db.close();
  }
}
