/** busyError: a database held by another writer is a `db_busy` AppError, not a bug. */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { busyError } from './errors.ts';

describe('busyError', () => {
  it('turns a real SQLITE_BUSY into db_busy, and leaves other errors alone', () => {
    const file = `${process.env.TMPDIR ?? '/tmp'}/fulcrum-busy-${process.pid}-${Date.now()}.db`;
    const holder = new BetterSqlite3(file);
    const other = new BetterSqlite3(file, { timeout: 0 });
    holder.exec('CREATE TABLE t (x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)');
    let thrown: unknown;
    try {
      other.exec('INSERT INTO t VALUES (2)');
    } catch (error) {
      thrown = error;
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      other.close();
    }
    expect(busyError(thrown)).toMatchObject({ code: 'db_busy' });
    expect(busyError(Object.assign(new Error('x'), { code: '40P01' }))?.code).toBe('db_busy');
    expect(busyError(new Error('disk I/O error'))).toBeNull();
    expect(busyError(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }))).toBeNull();
  });
});
