import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkpointSqliteFile, copySqliteDatabase, inspectSqliteFile } from './backup.ts';
import { openStore } from './connect.ts';
import { createPractice } from './practice.repository.ts';
import { buildPractice } from './test-data.ts';

let dir: string;
let source: string;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fulcrum-backup-'));
  source = path.join(dir, 'fulcrum.db');
  const store = await openStore(source);
  await createPractice(store.db, buildPractice({ name: 'Committed' }));
  await store.close();
});

describe('inspectSqliteFile', () => {
  it('tells a Fulcrum database from an empty, missing or foreign file', async () => {
    expect(inspectSqliteFile(source, { check: true })).toMatchObject({
      exists: true,
      sqlite: true,
      migrations: expect.arrayContaining(['2026_11_25_0001_initial']),
      rows: 1,
      check: 'ok',
    });
    const empty = await openStore(path.join(dir, 'empty.db'));
    await empty.close();
    expect(inspectSqliteFile(path.join(dir, 'empty.db')).rows).toBe(0);
    expect(inspectSqliteFile(path.join(dir, 'missing.db'))).toMatchObject({ exists: false });
    writeFileSync(path.join(dir, 'notes.txt'), 'not a database at all, just some words');
    expect(inspectSqliteFile(path.join(dir, 'notes.txt'))).toMatchObject({
      exists: true,
      sqlite: false,
    });
    const other = new BetterSqlite3(path.join(dir, 'other.db'));
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    other.close();
    expect(inspectSqliteFile(path.join(dir, 'other.db'))).toMatchObject({
      sqlite: true,
      migrations: null,
      rows: 1,
    });
  });
});

describe('copySqliteDatabase', () => {
  it('copies what is committed while another connection writes, into one self-contained file', async () => {
    const writer = new BetterSqlite3(source);
    writer.exec(
      "BEGIN; INSERT INTO practices (name, currency, timezone, live_sessions, targets, created_at, updated_at) VALUES ('Uncommitted', 'USD', 'UTC', 0, '{}', 'x', 'x')",
    );
    const copy = path.join(dir, 'copy.db');
    try {
      expect((await copySqliteDatabase(source, copy)).bytes).toBeGreaterThan(0);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    expect(existsSync(`${copy}-wal`)).toBe(false);
    const db = new BetterSqlite3(copy, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.prepare('SELECT name FROM practices').pluck().all()).toEqual(['Committed']);
    db.close();
  });

  it('replaces an existing destination and the WAL files it left behind', async () => {
    const copy = path.join(dir, 'copy.db');
    writeFileSync(copy, 'old');
    writeFileSync(`${copy}-wal`, 'stale');
    writeFileSync(`${copy}-shm`, 'stale');
    await copySqliteDatabase(source, copy);
    expect(existsSync(`${copy}-wal`)).toBe(false);
    expect(existsSync(`${copy}-shm`)).toBe(false);
    expect(inspectSqliteFile(copy, { check: true })).toMatchObject({ rows: 1, check: 'ok' });
  });

  it('leaves no temporary file behind when the source cannot be read', async () => {
    await expect(
      copySqliteDatabase(path.join(dir, 'missing.db'), path.join(dir, 'c.db')),
    ).rejects.toMatchObject({
      code: 'db_open_failed',
    });
    expect(existsSync(path.join(dir, 'c.db'))).toBe(false);
  });
});

describe('checkpointSqliteFile', () => {
  it('says busy while another connection reads', () => {
    expect(checkpointSqliteFile(source).busy).toBe(false);
    const reader = new BetterSqlite3(source);
    const writer = new BetterSqlite3(source);
    writer.exec("UPDATE practices SET niche = 'a'");
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM practices').get();
    writer.exec("UPDATE practices SET niche = 'b'");
    try {
      expect(checkpointSqliteFile(source).busy).toBe(true);
    } finally {
      reader.exec('COMMIT');
      reader.close();
      writer.close();
    }
  });
});
