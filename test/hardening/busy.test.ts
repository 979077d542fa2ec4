/**
 * What a person sees when another command holds the database: a `db_busy` message and
 * the database exit code (3), never "an unexpected error (this is a bug)".
 */
import { expect, it } from 'vitest';
import { reportError } from '../../src/cli/errors.ts';
import { memoryIo } from '../../src/cli/io.ts';

it('names a busy database as such, with the database exit code, not as a bug', () => {
  const io = memoryIo();
  const code = reportError(
    Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
    io,
  );
  expect(code).toBe(3);
  expect(io.stderr).toMatch(/^fulcrum: the database is busy: another command/);
  expect(io.stderr).not.toContain('bug');
});
