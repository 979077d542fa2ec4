/**
 * SQLite's page cache during an import (store/bulk-insert.ts `withImportCache`): 64 MiB
 * while any import on the connection runs, the connection's own size again after the
 * last one ends — whether it committed, was a preview or failed.
 */
import { expect, it } from 'vitest';
import { storeForEachTest } from '../../../test/engines.ts';
import { generateDemo } from '../../domain/demo/index.ts';
import { IMPORT_CACHE_KIB } from '../../store/bulk-insert.ts';
import { createPractice } from '../../store/practice.repository.ts';
import { importFiles } from './import.ts';

const HEADER =
  'id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description,Customer Facing Amount,Customer Facing Currency,Transfer,Transfer Date (UTC),Transfer Group';
const LINE =
  'txn_c1,charge,ch_3Test1,150.00,4.65,145.35,usd,2024-01-05 10:00,2024-01-07 10:00,Course,150.00,usd,,,';

const ctx = storeForEachTest('sqlite');

const cacheSize = () => ctx.store.sqlite!.pragma('cache_size', { simple: true });

/** A file that notes the cache size when the import opens it, then gives `text`. */
function noting(seen: unknown[], name: string, text: string) {
  return {
    name,
    open: () => {
      seen.push(cacheSize());
      return [Buffer.from(text)];
    },
  };
}

it('is 64 MiB while imports run, and the connection’s own size after the last', async () => {
  const id = await createPractice(ctx.store.db, generateDemo().practice);
  const own = cacheSize();
  expect(own).not.toBe(-IMPORT_CACHE_KIB);
  const seen: unknown[] = [];
  const good = `${HEADER}\n${LINE}\n`;
  // Two at once on one connection: the second waits for the first's transaction.
  const both = await Promise.all([
    importFiles(ctx.store, id, { files: [noting(seen, 'a.csv', good)], asOf: '2024-12-31' }),
    importFiles(ctx.store, id, { files: [noting(seen, 'b.csv', good)], asOf: '2024-12-31' }),
  ]);
  expect(both.map((r) => r.files[0]!.added.payments)).toEqual([1, 0]);
  // (A file is opened more than once: to tell its format, then to read it.)
  expect(seen.length).toBeGreaterThanOrEqual(2);
  expect(new Set(seen)).toEqual(new Set([-IMPORT_CACHE_KIB]));
  expect(cacheSize()).toBe(own);
  seen.length = 0;

  // A preview, and an import refused for a bad row, give it back too.
  await importFiles(ctx.store, id, {
    files: [noting(seen, 'c.csv', good)],
    preview: true,
    asOf: '2024-12-31',
  });
  expect(cacheSize()).toBe(own);
  await expect(
    importFiles(ctx.store, id, {
      files: [noting(seen, 'd.csv', `${HEADER}\n${LINE.replace('150.00', 'lots')}\n`)],
      asOf: '2024-12-31',
    }),
  ).rejects.toThrow();
  expect(seen.length).toBeGreaterThanOrEqual(2);
  expect(new Set(seen)).toEqual(new Set([-IMPORT_CACHE_KIB]));
  expect(cacheSize()).toBe(own);
});
