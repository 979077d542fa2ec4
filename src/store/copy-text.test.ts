/**
 * COPY's text format (copy-text.ts) through a real PostgreSQL `COPY … FROM STDIN`: any
 * text (tabs, line breaks, backslashes, `\N`, quotes, unicode), the empty string and
 * NULL kept apart, integers and doubles, all read back exactly as written.
 */
import { finished } from 'node:stream/promises';
import fc from 'fast-check';
import { from } from 'pg-copy-streams';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/engines.ts';
import { openStore, type Store } from './connect.ts';
import { copyField, copyText } from './copy-text.ts';

let database: TestDatabase;
let store: Store;
beforeAll(async () => {
  database = await createTestDatabase('postgres');
  store = await openStore(database.target);
});
afterAll(async () => {
  await store?.close();
  await database?.drop();
});

const text = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      '\\',
      '\t',
      '\n',
      '\r',
      '"',
      "'",
      ',',
      'N',
      '.',
      ' ',
      '\u0001',
      'é',
      '🌊',
    ),
  }),
  fc.constantFrom('', '\\N', 'N', '\\.', '.', '\\', 'NULL', 'null'),
  fc.string({ unit: 'binary' }).filter((s) => !s.includes('\u0000')),
);
type Row = [string | null, number | null, number | null];
const row: fc.Arbitrary<Row> = fc.tuple(
  fc.option(text, { nil: null }),
  fc.option(fc.maxSafeInteger(), { nil: null }),
  fc.option(
    fc.double().filter((d) => !Object.is(d, -0)),
    { nil: null },
  ),
);

it('reads back from PostgreSQL exactly the text, numbers and NULLs written', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(row, { maxLength: 30 }), async (rows) => {
      const read = await store.db.transaction().execute(async (trx) => {
        const client = (await store.postgresClient?.(trx))!;
        await client.query(
          'create temporary table t (n integer, s text, i bigint, d double precision) on commit drop',
        );
        const copy = client.query(from('copy t from stdin'));
        copy.end(copyText(rows, true));
        await finished(copy);
        return (
          await client.query<{ s: string; i: number; d: number }>(
            'select s, i, d from t order by n',
          )
        ).rows;
      });
      expect(read.map((r) => [r.s, r.i, r.d])).toStrictEqual(rows);
    }),
    { numRuns: 100 },
  );
}, 60_000);

it('a COPY the server refuses rolls its transaction back and leaves the connection usable', async () => {
  const attempt = (text: string) =>
    store.db.transaction().execute(async (trx) => {
      const client = (await store.postgresClient?.(trx))!;
      await client.query('create temporary table t (s text) on commit drop');
      const copy = client.query(from('copy t from stdin'));
      copy.end(copyText([[text]]));
      await finished(copy);
      return (await client.query<{ s: string }>('select s from t')).rows;
    });
  await expect(attempt('nul \u0000 byte')).rejects.toThrow(/0x00/);
  expect(await attempt('fine')).toEqual([{ s: 'fine' }]);
});

it('writes NULL as \\N, escapes the four special characters and nothing else', () => {
  expect([null, undefined].map(copyField)).toEqual(['\\N', '\\N']);
  expect(copyField('a\\b\tc\nd\re"f\'g,h\\N')).toBe('a\\\\b\\tc\\nd\\re"f\'g,h\\\\N');
  expect(copyField('')).toBe('');
  expect(
    copyText(
      [
        ['x', null, 1.5],
        ['', 2, -3],
      ],
      true,
    ),
  ).toBe('0\tx\t\\N\t1.5\n1\t\t2\t-3\n');
  expect(() => copyField({})).toThrow(TypeError);
});
