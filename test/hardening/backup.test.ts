/**
 * `fulcrum backup` and `fulcrum restore` end to end: a backup taken while another
 * connection is writing restores to a database whose export is byte for byte the
 * original's; restore refuses what is not a sound Fulcrum database of this version, and a
 * database with data unless `--force`; PostgreSQL is pointed to pg_dump and pg_restore.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, cliOk, sqliteRowCounts } from './cli.ts';
import { SEEDS } from './seeds.ts';

const SMALL = path.resolve(import.meta.dirname, '../fixtures/bundles/small.json');
const scratch = mkdtempSync(path.join(tmpdir(), 'fulcrum-backup-cli-'));
const original = path.join(scratch, 'fulcrum.db');
const backup = path.join(scratch, 'backup.db');
let exported: string;
let candidates = 0;

beforeAll(async () => {
  await cliOk(original, 'import', SMALL);
  await cliOk(original, 'rules', 'add', 'description contains "VIP"', '--offer', 'o1');
  const stripe = path.join(scratch, SEEDS['stripe-payments']!.name);
  writeFileSync(stripe, SEEDS['stripe-payments']!.bytes);
  await cliOk(original, 'import', stripe);
  exported = await cliOk(original, 'export');
});

describe('fulcrum backup and restore', () => {
  it('backs up while another connection writes, and restores the same practice byte for byte', async () => {
    // Another process mid-transaction: its uncommitted row must not reach the backup.
    const writer = new BetterSqlite3(original);
    writer.exec("BEGIN; UPDATE practices SET niche = 'uncommitted'");
    let out: string;
    try {
      out = await cliOk(original, 'backup', backup);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    expect(out).toMatch(/^Backed up .*fulcrum\.db to .*backup\.db \(\d+ KB\)\n$/);

    const restored = path.join(scratch, 'restored.db');
    const result = await cli(restored, 'restore', backup);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/^Restored .*restored\.db from .*backup\.db \([\d,]+ rows\)\n$/);
    expect(await cliOk(restored, 'export')).toBe(exported);
    expect(sqliteRowCounts(restored)).toEqual(sqliteRowCounts(original));
  });

  it('refuses to overwrite a file or a database with data without --force', async () => {
    const again = await cli(original, 'backup', backup);
    expect(again.code).toBe(1);
    expect(again.err).toContain('exists; pass --force to replace it');
    expect((await cli(original, 'backup', backup, '--force')).code).toBe(0);

    const target = path.join(scratch, 'busy-practice.db');
    await cliOk(target, 'import', SMALL);
    const before = await cliOk(target, 'export');
    const refused = await cli(target, 'restore', backup);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/busy-practice\.db is not empty \(\d+ rows\); pass --force/);
    expect(await cliOk(target, 'export')).toBe(before);
    expect((await cli(target, 'restore', backup, '--force')).code).toBe(0);
    expect(await cliOk(target, 'export')).toBe(exported);
  });

  it('restores into a migrated but empty database without --force', async () => {
    const target = path.join(scratch, 'empty.db');
    await cliOk(target, 'practices');
    expect((await cli(target, 'restore', backup)).code).toBe(0);
    expect(await cliOk(target, 'export')).toBe(exported);
  });

  it.each([
    ['a text file', (file: string) => writeFileSync(file, 'hello'), /is not an SQLite database/],
    [
      'an SQLite database of something else',
      (file: string) => {
        const db = new BetterSqlite3(file);
        db.exec('CREATE TABLE notes (text)');
        db.close();
      },
      /is not a Fulcrum database \(it has no migrations table\)/,
    ],
    [
      'a backup from a newer Fulcrum',
      (file: string) => {
        copyFileSync(backup, file);
        const db = new BetterSqlite3(file);
        db.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run(
          '2099_01_01_0001_future',
          new Date().toISOString(),
        );
        db.close();
      },
      /written by a newer Fulcrum \(schema 2099_01_01_0001_future\)/,
    ],
    [
      'a damaged backup',
      (file: string) => {
        const bytes = readFileSync(backup);
        bytes.fill(0x5a, 4096, bytes.length - 4096);
        writeFileSync(file, bytes);
      },
      /is (damaged|not an SQLite database)/,
    ],
    ['a missing file', (_file: string) => {}, /no backup at .*candidate-\d\.db/],
  ])('refuses %s and leaves the database alone', async (_, make, message) => {
    const target = path.join(scratch, `keep-${++candidates}.db`);
    await cliOk(target, 'import', SMALL);
    const before = await cliOk(target, 'export');
    const file = path.join(scratch, `candidate-${candidates}.db`);
    make(file);
    const result = await cli(target, 'restore', file, '--force');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
    expect(await cliOk(target, 'export')).toBe(before);
  });

  it.each(['backup', 'restore'])(
    '%s on PostgreSQL points to pg_dump and pg_restore',
    async (command) => {
      const result = await cli('postgres://fulcrum@127.0.0.1:1/fulcrum', command, backup);
      expect(result.code).not.toBe(0);
      expect(result.err).toContain('pg_dump');
      expect(result.err).toContain('pg_restore');
    },
  );
});
