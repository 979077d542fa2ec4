/**
 * Secondary indexes built after a large import instead of during it (SQLite only).
 *
 * Each imported payment is written to seven B-trees; the report's covering index and the
 * lists' date and offer indexes take their keys from many insertion points at once, so
 * at a million rows every insert reads and writes pages all over them. Building an index
 * once, from sorted keys, costs a fraction of that. So when an import has written at
 * least as many rows to a table as it held before (and `DEFER_INDEXES_MIN_ROWS` or more),
 * the table's non-unique indexes are dropped inside the import's transaction and created
 * again, from their own SQL in `sqlite_schema`, before it commits: the rebuild reads at
 * most twice the import's rows. A transaction that fails or previews rolls back, and the
 * drop with it, so the indexes are never missing outside the import's own transaction:
 * other connections read their snapshot, with its indexes, until the commit.
 *
 * Unique indexes and primary keys stay: the import's dedupe is their `ON CONFLICT DO
 * NOTHING`. PostgreSQL keeps every index: there `DROP INDEX` would lock the whole table
 * (every practice's rows) against reads until the import commits.
 *
 * Measured in docs/performance.md, "Imports" ("Indexes built after a large import").
 */
import type BetterSqlite3 from 'better-sqlite3';
import { sqlName } from './naming.ts';

/** Below this many rows written to a table by one import, its indexes are kept up as usual. */
const DEFER_INDEXES_MIN_ROWS = 50_000;

/**
 * SQLite's page cache while the indexes are built, in KiB. Its sorter keeps up to the
 * cache's size of keys in memory before it writes them to a temporary file, on top of
 * the cache itself: at the import's 64 MiB the two took the import past its 300 MB. At
 * 2 MiB the sorter merges more, smaller runs, no slower: building the time entries'
 * report index over 960,080 rows took 1.8 s of CPU at 2 MiB and 2.2 s at 16 MiB.
 */
const REBUILD_CACHE_KIB = 2_048;

interface DroppedIndex {
  name: string;
  sql: string;
}

/** One import's count of rows written per table, and the indexes it dropped. */
export class DeferredIndexes {
  private readonly written = new Map<string, number>();
  /** The count at which to compare again; infinite once the table's indexes are dropped. */
  private readonly lookAt = new Map<string, number>();
  private readonly dropped: DroppedIndex[] = [];

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly minRows: number = DEFER_INDEXES_MIN_ROWS,
  ) {}

  /**
   * Notes `rows` more rows inserted into `table` (its TypeScript name) by the import; at
   * `minRows` written, and each time that count doubles, compares it with the table's
   * size and drops the table's secondary indexes once the import has written at least
   * as many rows as were there before it.
   */
  wrote(table: string, rows: number): void {
    const name = sqlName(table);
    const total = (this.written.get(name) ?? 0) + rows;
    this.written.set(name, total);
    if (rows <= 0 || total < (this.lookAt.get(name) ?? this.minRows)) return;
    this.lookAt.set(name, total * 2);
    const size = this.sqlite.prepare(`select count(*) from "${name}"`).pluck().get() as number;
    if (size - total > total) return;
    this.lookAt.set(name, Number.POSITIVE_INFINITY);
    const indexes = this.sqlite
      .prepare(
        `select name, sql from sqlite_schema
          where type = 'index' and tbl_name = ? and sql is not null
          order by name`,
      )
      .all(name) as DroppedIndex[];
    for (const index of indexes) {
      if (/^\s*create\s+unique\b/i.test(index.sql)) continue;
      this.sqlite.exec(`drop index "${index.name}"`);
      this.dropped.push(index);
    }
  }

  /** Whether indexes were dropped and wait for `rebuild`. */
  get pending(): boolean {
    return this.dropped.length > 0;
  }

  /** Creates the dropped indexes again, in the import's transaction, before it commits. */
  rebuild(): void {
    if (this.dropped.length === 0) return;
    const cache = this.sqlite.pragma('cache_size', { simple: true }) as number;
    this.sqlite.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
    try {
      for (const index of this.dropped.splice(0)) this.sqlite.exec(index.sql);
    } finally {
      this.sqlite.pragma(`cache_size = ${cache}`);
    }
  }
}
