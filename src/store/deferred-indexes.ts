/**
 * Indexes built after a large import instead of during it (SQLite only).
 *
 * Each imported payment is written to seven B-trees. The report's covering index and the
 * lists' date and offer indexes take their keys from many insertion points at once, and
 * the three unique keys (the payment's and the imported row's `(practice_id, id)`, the
 * payment's external id) take random source ids: at a million rows those B-trees no
 * longer fit SQLite's page cache, and nearly every insert reads and writes pages all over
 * them. Building an index once, from sorted keys, costs a fraction of that. So when an
 * import has written at least as many rows to a table as it held before (and
 * `DEFER_INDEXES_MIN_ROWS` or more), the table's indexes are dropped inside the import's
 * transaction and created again, from their own SQL in `sqlite_schema`, before it
 * commits: the rebuild reads at most twice the import's rows. A transaction that fails or
 * previews rolls back, and the drop with it, so the indexes are never missing outside the
 * import's own transaction: other connections read their snapshot, with its indexes,
 * until the commit.
 *
 * The import's dedupe is the unique indexes' `ON CONFLICT DO NOTHING`. While a unique
 * index is dropped its keys are kept in memory instead (`KeySet`: a hash and a rowid per
 * row, every hash match checked against the stored row), and the bulk insert skips a row
 * whose key is there, as the index would have: the same rows are stored, and building
 * the index again cannot fail. A unique index is kept up as usual when that cannot be
 * done exactly: keys over expressions, a collation other than BINARY, a condition other
 * than "key column is not null", a key column the insert does not write, or rowids past
 * 2^31 (a `KeySet` keeps them in 32 bits). A table
 * constraint's own index (`PRIMARY KEY`, `UNIQUE` in `CREATE TABLE`) cannot be dropped:
 * migration 0009 made the bulk tables' keys plain unique indexes.
 *
 * PostgreSQL keeps every index: there `DROP INDEX` would lock the whole table (every
 * practice's rows) against reads until the import commits.
 *
 * Measured in docs/performance.md, "Imports" ("Indexes built after a large import",
 * "Unique keys held in memory").
 */
import type BetterSqlite3 from 'better-sqlite3';
import { KeySet, type KeyValues } from './key-set.ts';
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

/**
 * Threads SQLite's sorter may use while the indexes are built (`PRAGMA threads`): the
 * import waits on the build, so a second core can sort. The 1,000,000-row Stripe import
 * took 34.7 s with 2 against 39.1 s with none (one run each).
 */
const REBUILD_THREADS = 2;

/**
 * SQLite's page cache, in KiB, while every table the import writes in bulk has its
 * indexes dropped: its rows are then only appended, a page at a time, and the import's
 * larger cache (bulk-insert.ts, `IMPORT_CACHE_KIB`) would only hold pages that are not
 * read again, on top of the memory the held keys take. The 1,000,000-row Stripe import:
 * peak RSS 290 MB at 4 MiB, 329 MB at 64 MiB, no slower.
 */
const LOAD_CACHE_KIB = 4_096;

/**
 * Unique keys are held only while the table's rowids stay below this: a `KeySet` keeps
 * them in 32 bits, and this leaves two billion rows for the import to add.
 */
const MAX_HELD_ROWID = 2 ** 31;

interface DroppedIndex {
  name: string;
  sql: string;
}

/** A unique index dropped for the import, its keys held in memory meanwhile. */
interface HeldUnique {
  /** Its key columns (SQL names), in the index's order. */
  columns: readonly string[];
  keys: KeySet;
}

/** A table's dropped unique indexes, whose keys the bulk insert checks and notes. */
export class HeldKeys {
  constructor(private readonly uniques: readonly HeldUnique[]) {}

  /**
   * The held keys of rows whose values are bound in `columns` order (TypeScript names):
   * one batch's inserts.
   */
  on(columns: readonly string[]): RowKeys {
    const names = columns.map(sqlName);
    const positions = this.uniques.map((u) => u.columns.map((c) => names.indexOf(c)));
    if (positions.some((p) => p.includes(-1))) {
      throw new Error(`an insert without every column of a held key (${names.join(', ')})`);
    }
    return new RowKeys(this.uniques, positions);
  }

  /** The keys of the held index on exactly these key columns (SQL names, in order). */
  keysOn(columns: readonly string[]): KeySet | undefined {
    return this.uniques.find((u) => u.columns.join() === columns.join())?.keys;
  }
}

/** A row's key in one held index, hashed once for the look-up and the note. */
interface RowKey {
  values: unknown[];
  hash: number;
}

/** The held indexes' keys of rows bound in one order of columns (`HeldKeys.on`). */
export class RowKeys {
  constructor(
    private readonly uniques: readonly HeldUnique[],
    /** Per index, where its key columns are in a row. */
    private readonly positions: readonly (readonly number[])[],
  ) {}

  /** The row's key in each held index; undefined for a key with a NULL (it conflicts with nothing). */
  keysOf(row: readonly unknown[]): (RowKey | undefined)[] {
    return this.uniques.map((u, i) => {
      const values = keyOf(row, this.positions[i]!);
      return values && { values, hash: u.keys.hashOf(values) };
    });
  }

  /** Whether a stored row holds one of these keys: the row would conflict. */
  has(keys: readonly (RowKey | undefined)[]): boolean {
    return keys.some((key, i) => key && this.uniques[i]!.keys.rowidOf(key.values, key.hash) !== 0);
  }

  /** Notes these keys (`keysOf` a row just inserted) as the row at `rowid`'s. */
  add(keys: readonly (RowKey | undefined)[], rowid: number | bigint): void {
    keys.forEach((key, i) => {
      if (key) this.uniques[i]!.keys.add(key.values, rowid, key.hash);
    });
  }
}

/** The values of `row` at `positions`, or undefined when one is NULL. */
function keyOf(row: readonly unknown[], positions: readonly number[]): unknown[] | undefined {
  const values: unknown[] = [];
  for (const p of positions) {
    const value = row[p];
    if (value === null || value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

/** One import's count of rows written per table, and the indexes it dropped. */
export class DeferredIndexes {
  private readonly written = new Map<string, number>();
  /** The count at which to compare again; infinite once the table's indexes are dropped. */
  private readonly lookAt = new Map<string, number>();
  private readonly dropped: DroppedIndex[] = [];
  private readonly held = new Map<string, HeldKeys>();
  /** The cache size to go back to once the load's smaller one (`LOAD_CACHE_KIB`) is set. */
  private cacheBefore: number | undefined;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly minRows: number = DEFER_INDEXES_MIN_ROWS,
    /** The hash the held keys use (tests pass a poor one). */
    private readonly hash?: (values: KeyValues) => number,
  ) {}

  /**
   * Notes `rows` more rows inserted into `table` (its TypeScript name) by the import,
   * with these `columns` (TypeScript names); at `minRows` written, and each time that
   * count doubles, compares it with the table's size and drops the table's indexes once
   * the import has written at least as many rows as were there before it.
   */
  wrote(table: string, rows: number, columns: readonly string[]): void {
    const name = sqlName(table);
    const total = (this.written.get(name) ?? 0) + rows;
    this.written.set(name, total);
    if (rows <= 0 || total < (this.lookAt.get(name) ?? this.minRows)) return;
    this.lookAt.set(name, total * 2);
    const size = this.sqlite.prepare(`select count(*) from "${name}"`).pluck().get() as number;
    if (size - total > total) {
      this.fitCache();
      return;
    }
    this.lookAt.set(name, Number.POSITIVE_INFINITY);
    const indexes = this.sqlite
      .prepare(
        `select name, sql from sqlite_schema
          where type = 'index' and tbl_name = ? and sql is not null
          order by name`,
      )
      .all(name) as DroppedIndex[];
    const written = new Set(columns.map(sqlName));
    // A held key's row is found by its rowid, which a KeySet keeps in 32 bits.
    const lastRowid = this.sqlite.prepare(`select max(rowid) from "${name}"`).pluck().get();
    const holdable = Number(lastRowid ?? 0) < MAX_HELD_ROWID;
    const uniques: HeldUnique[] = [];
    for (const index of indexes) {
      if (/^\s*create\s+unique\b/i.test(index.sql)) {
        const key = holdable ? this.heldColumns(index) : undefined;
        if (!key?.every((c) => written.has(c))) continue;
        uniques.push({ columns: key, keys: this.keysOf(name, key) });
      }
      this.sqlite.exec(`drop index "${index.name}"`);
      this.dropped.push(index);
    }
    if (uniques.length > 0) this.held.set(name, new HeldKeys(uniques));
    this.fitCache();
  }

  /**
   * The load's small cache while every table the import has written `minRows` to has
   * its indexes dropped; the cache as it was while one of them keeps its indexes up.
   */
  private fitCache(): void {
    const appending = [...this.written].every(
      ([table, rows]) => rows < this.minRows || this.lookAt.get(table) === Number.POSITIVE_INFINITY,
    );
    if (appending && this.cacheBefore === undefined) {
      this.cacheBefore = this.sqlite.pragma('cache_size', { simple: true }) as number;
      this.sqlite.pragma(`cache_size = -${LOAD_CACHE_KIB}`);
    } else if (!appending && this.cacheBefore !== undefined) {
      this.restoreCache();
    }
  }

  /** Gives the connection back the cache it had before the load's smaller one, if set. */
  restoreCache(): void {
    if (this.cacheBefore === undefined) return;
    this.sqlite.pragma(`cache_size = ${this.cacheBefore}`);
    this.cacheBefore = undefined;
  }

  /** The dropped unique indexes of `table` (its TypeScript name), whose keys the insert checks. */
  heldKeys(table: string): HeldKeys | undefined {
    return this.held.get(sqlName(table));
  }

  /**
   * The key columns of a unique index whose conflicts a `KeySet` can tell exactly, or
   * undefined: plain columns in BINARY collation, and no condition but "a key column is
   * not null" (a key with a NULL conflicts with nothing anyway).
   */
  private heldColumns(index: DroppedIndex): string[] | undefined {
    const where = /\bwhere\b([\s\S]*)$/i.exec(index.sql)?.[1]?.trim();
    const parts = this.sqlite
      .prepare('select cid, name, coll from pragma_index_xinfo(?) where key = 1 order by seqno')
      .all(index.name) as { cid: number; name: string | null; coll: string }[];
    if (parts.some((p) => p.cid < 0 || p.name === null || p.coll !== 'BINARY')) return undefined;
    const columns = parts.map((p) => p.name!);
    if (where !== undefined) {
      const column = /^"?(\w+)"?\s+is\s+not\s+null$/i.exec(where)?.[1];
      if (!column || !columns.includes(column)) return undefined;
    }
    return columns;
  }

  /** The keys of `columns` that `table`'s rows hold now (the table's size at most: see `wrote`). */
  private keysOf(table: string, columns: readonly string[]): KeySet {
    const list = columns.map((c) => `"${c}"`).join(', ');
    const read = this.sqlite.prepare(`select ${list} from "${table}" where rowid = ?`).raw();
    const keys = new KeySet((rowid) => read.get(rowid) as unknown[] | undefined, this.hash);
    const rows = this.sqlite.prepare(`select rowid, ${list} from "${table}"`).raw();
    for (const row of rows.iterate() as IterableIterator<unknown[]>) {
      const values = row.slice(1);
      if (!values.includes(null)) keys.add(values, row[0] as number);
    }
    return keys;
  }

  /** Whether indexes were dropped and wait for `rebuild`. */
  get pending(): boolean {
    return this.dropped.length > 0;
  }

  /**
   * Creates the dropped indexes again, in the import's transaction, before it commits,
   * and forgets the keys held meanwhile.
   */
  rebuild(): void {
    this.held.clear();
    this.restoreCache();
    if (this.dropped.length === 0) return;
    const cache = this.sqlite.pragma('cache_size', { simple: true }) as number;
    const threads = this.sqlite.pragma('threads', { simple: true }) as number;
    this.sqlite.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
    this.sqlite.pragma(`threads = ${REBUILD_THREADS}`);
    try {
      for (const index of this.dropped.splice(0)) this.sqlite.exec(index.sql);
    } finally {
      this.sqlite.pragma(`cache_size = ${cache}`);
      this.sqlite.pragma(`threads = ${threads}`);
    }
  }
}
