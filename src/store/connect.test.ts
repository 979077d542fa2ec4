/** openStore: the engine per target, the connection settings, and clear open errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachEngine, testPostgresUrl } from '../../test/engines.ts';
import { openStore } from './connect.ts';
import { StoreError } from './errors.ts';

const scratch = mkdtempSync(join(tmpdir(), 'fulcrum-connect-'));

async function openError(target: string): Promise<StoreError> {
  const error = await openStore(target).then(
    async (store) => {
      await store.close();
      throw new Error(`openStore(${target}) unexpectedly succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describeEachEngine('openStore', (ctx) => {
  it('picks the engine from the target', () => {
    expect(ctx.store.engine).toBe(ctx.engine);
  });

  it('returns BIGINT, NUMERIC and DOUBLE values as JS numbers', async () => {
    const { rows } = await sql<{ big: unknown; num: unknown; dbl: unknown }>`
      select cast(9007199254740991 as bigint) as big, cast(1.5 as numeric) as num,
             cast(1.3333333333 as double precision) as dbl`.execute(ctx.store.db);
    expect(rows[0]).toEqual({ big: 9007199254740991, num: 1.5, dbl: 1.3333333333 });
  });

  it('can be closed twice', async () => {
    await ctx.store.close();
    await ctx.store.close();
  });
});

describe('openStore on SQLite', () => {
  it('turns on WAL, foreign keys and a busy timeout', async () => {
    const store = await openStore(join(scratch, 'pragmas.db'));
    try {
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(store.db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
    } finally {
      await store.close();
    }
  });

  it('opens :memory:', async () => {
    const store = await openStore(':memory:');
    await store.close();
  });

  it('fails with db_open_failed when the directory does not exist', async () => {
    const error = await openError(join(scratch, 'missing', 'dir', 'x.db'));
    expect(error.code).toBe('db_open_failed');
    expect(error.message).toContain('missing');
  });

  it('fails with db_open_failed when the file is not a database', async () => {
    const file = join(scratch, 'notes.txt');
    writeFileSync(file, 'these are not the bytes of a SQLite database '.repeat(100));
    const error = await openError(file);
    expect(error.code).toBe('db_open_failed');
    expect(error.message).toMatch(/not a database/);
  });

  it('refuses URLs of other databases', async () => {
    expect((await openError('mysql://localhost/db')).code).toBe('db_open_failed');
  });
});

describe('openStore on PostgreSQL', () => {
  it('fails with db_unreachable when no server listens', async () => {
    const error = await openError('postgres://fulcrum:secret@127.0.0.1:1/nowhere');
    expect(error.code).toBe('db_unreachable');
    expect(error.message).toContain('127.0.0.1:1/nowhere');
    expect(error.message).not.toContain('secret');
  });

  it('fails with db_open_failed when the database does not exist', async () => {
    const url = new URL(testPostgresUrl());
    url.pathname = '/fulcrum_no_such_database';
    const error = await openError(url.toString());
    expect(error.code).toBe('db_open_failed');
    expect(error.message).toContain('fulcrum_no_such_database');
  });
});
