/**
 * Indexes built after a large import (store/deferred-indexes.ts), through `importFiles`
 * on SQLite: once an import has written more rows to a table than it held, the table's
 * indexes are dropped inside the import's transaction and built again before
 * it commits. Other connections never see them missing, a failed or previewed import
 * leaves them as they were, the unique keys that dedupe rows are held in memory
 * meanwhile, and the stored rows are those of an import that kept every index up.
 */
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, storeForEachTest } from '../../../test/engines.ts';
import { generateDemo } from '../../domain/demo/index.ts';
import { openStore } from '../../store/connect.ts';
import { createPractice } from '../../store/practice.repository.ts';
import { type ImportProgress, type ImportRequest, importFiles } from './import.ts';

const HEADER =
  'id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description,Customer Facing Amount,Customer Facing Currency,Transfer,Transfer Date (UTC),Transfer Group';

/** A Stripe balance export of `count` charges, ids from `first`. */
function stripe(first: number, count: number, bad?: number): string {
  const lines = [HEADER];
  for (let i = first; i < first + count; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const amount = i === bad ? 'lots' : `${100 + (i % 7) * 10}.00`;
    lines.push(
      `txn_${i},charge,ch_${i},${amount},3.20,96.80,usd,2024-0${1 + (i % 9)}-${day} 10:00,2024-01-07 10:00,Course ${i % 3},100.00,usd,,,`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const THRESHOLD = 40;

const ctx = storeForEachTest('sqlite');
let practiceId: number;
beforeEach(async () => {
  practiceId = await createPractice(ctx.store.db, { ...generateDemo().practice, name: 'Empty' });
});

/** Every index of the schema, with its SQL (autoindexes of keys included), on `db`. */
function indexes(db: Database.Database): string[] {
  return (
    db
      .prepare(`select name, coalesce(sql, '') as sql from sqlite_schema where type = 'index'`)
      .all() as { name: string; sql: string }[]
  )
    .map((i) => `${i.name}: ${i.sql}`)
    .sort();
}

/** What the import's own connection and a second one had when a file was opened. */
interface Seen {
  own: string[];
  other: string[];
  /** The import's connection's `cache_size`. */
  cache: number;
}

const cacheSize = () => ctx.store.sqlite!.pragma('cache_size', { simple: true }) as number;

/** A file whose opening notes the indexes the import's own and a second connection see. */
function watched(name: string, text: string, seen: Seen[]) {
  return {
    name,
    open: () => {
      const other = new Database(ctx.database.target, { readonly: true });
      try {
        seen.push({ own: indexes(ctx.store.sqlite!), other: indexes(other), cache: cacheSize() });
      } finally {
        other.close();
      }
      return [Buffer.from(text)];
    },
  };
}

function request(files: ImportRequest['files'], more: Partial<ImportRequest> = {}): ImportRequest {
  return { files, asOf: '2024-12-31', deferIndexesAtRows: THRESHOLD, ...more };
}

/** Imports files given as [name, text], noting the indexes at each opening and the progress. */
async function importWatched(files: [string, string][]) {
  const before = indexes(ctx.store.sqlite!);
  const seen: Seen[] = [];
  const stages: ImportProgress[] = [];
  const report = await importFiles(
    ctx.store,
    practiceId,
    request(
      files.map(([name, text]) => watched(name, text, seen)),
      { onProgress: (p) => stages.push(p) },
    ),
  );
  return { before, seen, stages, report };
}

const dump = (db: Database.Database, table: string) =>
  db.prepare(`select * from ${table} order by id`).all();

describe('a large import', () => {
  it('builds the indexes after the rows, unseen by other connections, with the same rows', async () => {
    const { before, seen, stages, report } = await importWatched([
      ['a.csv', stripe(0, 100)],
      // The same charges again, after the drop: the unique keys still find them.
      ['b.csv', stripe(0, 100)],
    ]);
    expect(report.files.map((f) => [f.added.payments, f.duplicates])).toEqual([
      [100, 0],
      [0, 100],
    ]);
    // While b.csv is read, the import's own connection has dropped the payments' and the
    // imported rows' indexes, their keys too (held in memory, they still find the charges
    // of a.csv); another connection still sees every index.
    const during = seen.at(-1)!;
    const gone = before.filter((i) => !during.own.includes(i)).map((i) => i.split(':')[0]);
    expect(gone.sort()).toEqual([
      'import_rows_date_id_idx',
      'import_rows_inbox_idx',
      'import_rows_pkey',
      'payments_date_id_idx',
      'payments_external_id_key',
      'payments_offer_date_idx',
      'payments_pkey',
      'payments_position_idx',
      'payments_report_idx',
    ]);
    expect(during.other).toEqual(before);
    // Rows only appended meanwhile: the import's connection on a small page cache.
    expect(during.cache).toBe(-4096);
    expect(stages.filter((p) => p.stage === 'indexing')).toEqual([
      { file: 'b.csv', rows: 200, stage: 'indexing' },
    ]);
    expect(indexes(ctx.store.sqlite!)).toEqual(before);
    expect(ctx.store.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');

    // The same import with every index kept up: the same rows.
    const kept = await createTestDatabase('sqlite');
    const other = await openStore(kept.target);
    try {
      const id = await createPractice(other.db, { ...generateDemo().practice, name: 'Empty' });
      const plain = await importFiles(
        other,
        id,
        request([watched('a.csv', stripe(0, 100), []), watched('b.csv', stripe(0, 100), [])], {
          deferIndexesAtRows: Number.POSITIVE_INFINITY,
        }),
      );
      expect(plain).toEqual({ ...report, practiceId: id });
      for (const table of ['payments', 'import_rows', 'clients'])
        expect(dump(other.sqlite!, table)).toEqual(dump(ctx.store.sqlite!, table));
      expect(indexes(other.sqlite!)).toEqual(before);
    } finally {
      await other.close();
      await kept.drop();
    }
  });

  it('leaves the indexes as they were when it fails or is a preview', async () => {
    const before = indexes(ctx.store.sqlite!);
    const cache = cacheSize();
    const seen: Seen[] = [];
    await expect(
      importFiles(
        ctx.store,
        practiceId,
        request([
          watched('a.csv', stripe(0, 100), seen),
          watched('b.csv', stripe(100, 5, 102), seen),
        ]),
      ),
    ).rejects.toThrow(/nothing was imported/);
    expect(seen.at(-1)!.own.length).toBeLessThan(before.length);
    expect(seen.at(-1)!.cache).toBe(-4096);
    expect(indexes(ctx.store.sqlite!)).toEqual(before);
    expect(cacheSize()).toBe(cache);

    seen.length = 0;
    const preview = await importFiles(
      ctx.store,
      practiceId,
      request([watched('a.csv', stripe(0, 100), seen), watched('b.csv', stripe(100, 5), seen)], {
        preview: true,
      }),
    );
    expect(preview.files[0]!.added.payments).toBe(100);
    expect(seen.at(-1)!.own.length).toBeLessThan(before.length);
    expect(indexes(ctx.store.sqlite!)).toEqual(before);
    expect(ctx.store.sqlite!.prepare('select count(*) from payments').pluck().get()).toBe(0);
  });
});

it('keeps the indexes up when the import writes fewer rows than the table holds', async () => {
  await importFiles(
    ctx.store,
    practiceId,
    request([{ name: 'a.csv', open: () => [Buffer.from(stripe(0, 100))] }]),
  );
  const { before, seen, stages, report } = await importWatched([
    ['b.csv', stripe(100, 60)],
    ['c.csv', stripe(160, 30)],
  ]);

  expect(report.files.map((f) => f.added.payments)).toEqual([60, 30]);
  // (A file is opened to tell its format, then to read it.)
  expect(seen.length).toBeGreaterThanOrEqual(2);
  for (const s of seen) expect(s.own).toEqual(before);
  expect(stages.some((p) => p.stage === 'indexing')).toBe(false);
});
