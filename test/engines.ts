/**
 * One suite, every engine: `describeEachEngine` runs the same tests on SQLite (a temp
 * file) and PostgreSQL (a fresh database with a random name on the server named by
 * FULCRUM_TEST_PG_URL, which `npm test` starts), each test with a fresh empty store.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, onTestFinished } from 'vitest';
import { openStore, type Store } from '../src/store/connect.ts';
import type { Engine } from '../src/store/database.ts';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  engine: Engine;
  /** What `openStore` takes: a file path or a postgres:// URL. */
  target: string;
  /** Deletes the database (the file, or DROP DATABASE). */
  drop(): Promise<void>;
}

/** The admin URL of the test server; fails (never skips) when it is not configured. */
export function testPostgresUrl(): string {
  const url = process.env.FULCRUM_TEST_PG_URL;
  if (!url) {
    throw new Error(
      'FULCRUM_TEST_PG_URL is not set: the PostgreSQL tests need a server. Run the tests with ' +
        '`npm test` (scripts/test.sh starts a throwaway PostgreSQL), or set FULCRUM_TEST_PG_URL ' +
        'to a server where databases may be created and dropped.',
    );
  }
  return url;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new empty database (no schema yet) on `engine`. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'fulcrum-test-'));
    return {
      engine,
      target: join(dir, 'test.db'),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `fulcrum_test_${randomBytes(8).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(testPostgresUrl());
  url.pathname = `/${name}`;
  return {
    engine,
    target: url.toString(),
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/**
 * The target (file path or postgres:// URL) of a new empty database, for tests that open
 * stores themselves (e.g. through the CLI). Called inside a test, the database is
 * dropped when the test finishes.
 *
 * @example const db = await freshTarget('postgres'); await main([..., '--db', db, 'import', file]);
 */
export async function freshTarget(engine: Engine): Promise<string> {
  const database = await createTestDatabase(engine);
  try {
    onTestFinished(() => database.drop());
  } catch {
    // Outside a running test: the caller owns the database.
  }
  return database.target;
}

export interface EngineContext {
  engine: Engine;
  /** This test's fresh store (migrated, empty); closed and dropped after the test. */
  readonly store: Store;
  /** This test's database, e.g. to open a second store on it. */
  readonly database: TestDatabase;
}

/**
 * Declares `body`'s tests once per engine (`title [sqlite]`, `title [postgres]`).
 *
 * @example
 * describeEachEngine('payments', (ctx) => {
 *   it('saves', async () => { await createPractice(ctx.store.db, buildPractice()); });
 * });
 */
export function describeEachEngine(title: string, body: (ctx: EngineContext) => void): void {
  describe.each(ENGINES)(`${title} [%s]`, (engine) => {
    body(storeForEachTest(engine));
  });
}

/**
 * A fresh store on `engine` for each test of the file or `describe` it is called in
 * (`options` as `openStore` takes them: `{ migrate: false }` for an empty database),
 * closed and its database dropped after the test.
 *
 * @example
 * const ctx = storeForEachTest('sqlite');
 * it('imports', async () => { await importFiles(ctx.store, …); });
 */
export function storeForEachTest(
  engine: Engine,
  options?: Parameters<typeof openStore>[1],
): EngineContext {
  let current: { store: Store; database: TestDatabase } | undefined;
  const ctx: EngineContext = {
    engine,
    get store() {
      if (!current) throw new Error('ctx.store is only available inside a test');
      return current.store;
    },
    get database() {
      if (!current) throw new Error('ctx.database is only available inside a test');
      return current.database;
    },
  };
  beforeEach(async () => {
    const database = await createTestDatabase(engine);
    try {
      current = { database, store: await openStore(database.target, options) };
    } catch (error) {
      await database.drop();
      throw error;
    }
  });
  afterEach(async () => {
    const done = current;
    current = undefined;
    if (!done) return;
    await done.store.close();
    await done.database.drop();
  });
  return ctx;
}
