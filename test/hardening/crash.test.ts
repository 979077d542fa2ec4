/**
 * Crash safety, with the real command in a child process on both engines: an import of
 * a 200,000-row Toggl export is killed with SIGKILL while it writes; after a restart the
 * database is intact (SQLite's integrity check) and the practice holds all of the import
 * or none of it. Two processes importing the same file at once end with the rows of one
 * import: the second sees the first's rows as duplicates, or stops with "the database is
 * busy" — never duplicates, never a crash.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/connect.ts';
import type { Engine } from '../../src/store/database.ts';
import { ENGINES, freshTarget } from '../engines.ts';
import { cliOk } from './cli.ts';
import { report } from './fuzz-settings.ts';
import { killWhenUnderway, startCli, writeTogglExport } from './processes.ts';

const BIG_ROWS = 200_000;
const CONCURRENT_ROWS = 5_000;
const SMALL = path.resolve(import.meta.dirname, '../fixtures/bundles/small.json');
const scratch = mkdtempSync(path.join(tmpdir(), 'fulcrum-crash-'));
let big: string;
let medium: string;
let small: string;

interface Counts {
  importRows: number;
  timeEntries: number;
  imports: number;
}

async function counts(target: string): Promise<Counts> {
  const store = await openStore(target);
  try {
    const count = async (table: 'importRows' | 'timeEntries' | 'imports') =>
      Number(
        (
          await store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      importRows: await count('importRows'),
      timeEntries: await count('timeEntries'),
      imports: await count('imports'),
    };
  } finally {
    await store.close();
  }
}

/** A practice whose rule gives every Coaching hour an activity, so rows become time entries. */
async function practice(engine: Engine): Promise<{ target: string; before: Counts }> {
  const target = await freshTarget(engine);
  await cliOk(target, 'import', SMALL);
  await cliOk(target, 'rules', 'add', 'project = "Coaching"', '--activity', 'delivery');
  return { target, before: await counts(target) };
}

/** True once the import's uncommitted rows take room on disk. */
function underway(engine: Engine, target: string): () => Promise<boolean> {
  if (engine === 'sqlite') {
    return async () => {
      try {
        return statSync(`${target}-wal`).size > 1024 * 1024;
      } catch {
        return false;
      }
    };
  }
  return async () => {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      const { rows } = await client.query<{ size: string }>(
        "SELECT pg_relation_size('import_rows') AS size",
      );
      return Number(rows[0]?.size) > 1024 * 1024;
    } finally {
      await client.end();
    }
  };
}

function integrity(file: string): string {
  const db = new BetterSqlite3(file);
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

beforeAll(() => {
  big = writeTogglExport(path.join(scratch, 'big.csv'), BIG_ROWS);
  medium = writeTogglExport(path.join(scratch, 'medium.csv'), CONCURRENT_ROWS);
  small = writeTogglExport(path.join(scratch, 'small.csv'), 1000);
});

describe.each(ENGINES)('crash safety on %s', (engine) => {
  it('an import killed with SIGKILL mid-way leaves all of it or none, and the database works', async () => {
    const { target, before } = await practice(engine);
    const running = startCli(target, 'import', big);
    const killedAfter = await killWhenUnderway(running, underway(engine, target));

    // Restart: SQLite recovers from its WAL on open; PostgreSQL rolled the dead session back.
    if (engine === 'sqlite') expect(integrity(target)).toBe('ok');
    const after = await counts(target);
    const none = after.importRows === before.importRows;
    expect(after).toEqual(
      none
        ? before
        : {
            importRows: before.importRows + BIG_ROWS,
            timeEntries: before.timeEntries + BIG_ROWS,
            imports: before.imports + 1,
          },
    );
    report(`crash ${engine}`, { killedAfterMs: killedAfter, kept: none ? 'none' : 'all' });

    // The database takes the next import as if nothing had happened.
    const again = JSON.parse(await cliOk(target, 'import', small, '--json'));
    expect(again.files[0].added.timeEntries + again.files[0].duplicates).toBe(1000);
    if (engine === 'sqlite') expect(integrity(target)).toBe('ok');
  }, 180_000);

  it('two processes importing the same file at once import it once', async () => {
    const { target, before } = await practice(engine);
    const runs = await Promise.all([
      startCli(target, 'import', medium, '--json').finished,
      startCli(target, 'import', medium, '--json').finished,
    ]);
    const outcomes = runs.map((r) => {
      if (r.code === 0) {
        const file = JSON.parse(r.out).files[0];
        return file.duplicates === CONCURRENT_ROWS ? 'duplicates' : 'imported';
      }
      // The only acceptable failure: busy, said plainly, with the database exit code.
      expect(r.code).toBe(3);
      expect(r.err).toMatch(/^fulcrum: the database is busy: /);
      return 'busy';
    });
    expect(outcomes.filter((o) => o === 'imported')).toHaveLength(1);
    expect(await counts(target)).toEqual({
      importRows: before.importRows + CONCURRENT_ROWS,
      timeEntries: before.timeEntries + CONCURRENT_ROWS,
      imports: before.imports + (outcomes.includes('duplicates') ? 2 : 1),
    });
    if (engine === 'sqlite') expect(integrity(target)).toBe('ok');
    report(`concurrent ${engine}`, { outcomes });
  }, 180_000);
});
