/**
 * A command that opens a database made by an older Fulcrum says, on stderr, that it is
 * updating it before the migrations run (a large database takes a while: migration 0009
 * remakes five tables); a new database and an up-to-date one say nothing.
 */
import { expect, it } from 'vitest';
import { memoryIo } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';
import { openStore } from '../src/store/connect.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { MIGRATIONS } from '../src/store/migrations/index.ts';
import { freshTarget } from './engines.ts';

async function practices(db: string) {
  const io = memoryIo({}, '2026-11-25');
  const code = await main(['node', 'fulcrum', '--db', db, 'practices'], io);
  return { code, err: io.stderr };
}

const NOTICE =
  /^Updating the database for this version of Fulcrum \((\d+) schema changes?\); a large database takes a minute…\n/;

it('says so when it updates an older database, and only then', async () => {
  const db = await freshTarget('sqlite');
  // The database as the release before the last two migrations left it.
  const names = Object.keys(MIGRATIONS);
  const older = await openStore(db, { migrate: false });
  await migrateToLatest(
    older.db,
    Object.fromEntries(names.slice(0, -2).map((name) => [name, MIGRATIONS[name]!])),
  );
  await older.close();

  const first = await practices(db);
  expect(first.code).toBe(0);
  expect(first.err).toMatch(NOTICE);
  expect(NOTICE.exec(first.err)?.[1]).toBe('2');

  const again = await practices(db);
  expect(again.code).toBe(0);
  expect(again.err).not.toMatch(/Updating the database/);

  const fresh = await practices(await freshTarget('sqlite'));
  expect(fresh.code).toBe(0);
  expect(fresh.err).not.toMatch(/Updating the database/);
});
