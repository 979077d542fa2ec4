/**
 * The report cache: a computed report kept as its JSON text, per practice, period and
 * assumptions, under the practice's data revision (store/revision.repository.ts). Every
 * store function that writes practice data bumps the revision in the same transaction,
 * so one primary-key read per request tells whether a kept text still holds — also when
 * another server process on the same database wrote. A hit costs that read and a map
 * look-up; nothing is parsed or serialised again.
 *
 * - Single flight: concurrent requests for an entry not computed yet share one
 *   computation (50 requests on a cold cache compute the report once).
 * - Bounded: least recently used entries go first beyond `maxEntries` entries or
 *   `maxBytes` of text (UTF-16 size, what V8 holds); entries of a practice's older
 *   revisions are dropped as soon as a newer revision is read.
 * - Per store: the entries belong to the `Store` object (the open database), so a test's
 *   or a restored database's new store starts empty.
 *
 * - Kept across restarts: a document asked with `keep` (the default report, its what-if
 *   basis and the monthly series, what the dashboard shows first) is also stored in the
 *   database with its revision and the code version (store/kept-document.repository.ts);
 *   a process that misses it in memory reads it from there before computing it, so a
 *   server started again on unchanged data answers at once. Keeping happens in the
 *   background, after the answer (`keptSettled` waits for it).
 * - What-ifs: a report is made of its period's what-if basis (`basisJson`), so a report
 *   under edited assumptions reads no record once the period's report was computed.
 *
 * `cached` is the generic part, for any JSON document computed from a practice's data;
 * `reportJson` gives `buildReport`'s text. Callers authorize first (the access is per practice,
 * and the key starts with the practice id, so one practice never reads another's entry).
 */

import {
  type Assumptions,
  reportUnder,
  resolveAssumptions,
  type WhatIfBasis,
} from '../domain/analysis/index.ts';
import type { Store } from '../store/connect.ts';
import { keepDocument, readKept } from '../store/kept-document.repository.ts';
import { readRevision } from '../store/revision.repository.ts';
import { authorize, type PracticeAccess } from './access.ts';
import { codeVersion } from './code-version.mjs';
import { computeJson } from './compute/pool.ts';
import { buildReport, buildWhatIfBasis, type ReportOptions } from './report.ts';

export interface CacheLimits {
  /** Most entries kept (default 256). */
  maxEntries: number;
  /** Most text kept, bytes at 2 per UTF-16 unit (default 64 MiB). */
  maxBytes: number;
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxEntries: 256, maxBytes: 64 * 1024 * 1024 };

export interface CacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  /** Computations started (a miss joining one in flight starts none). */
  computes: number;
  /** Documents read from the database instead of computed (kept by an earlier process). */
  loads: number;
}

/** A kept document: JSON text, or its UTF-8 bytes (list pages: written to the socket as they are). */
export type JsonBody = string | Uint8Array;

interface Entry {
  practiceId: number;
  revision: number;
  text: JsonBody;
}

/**
 * Whether a document is kept in the database too: `true` under its own key (read back
 * before computing it, written after); or, read only, the document kept under another
 * key when `fits` accepts it (a what-if's basis: the default report's, if of its period).
 */
type Keep = boolean | { key: string; fits: (text: string) => boolean };

/** What an entry holds in memory: 2 bytes per UTF-16 unit of text, or its bytes. */
function sizeOf(text: JsonBody): number {
  return typeof text === 'string' ? text.length * 2 : text.byteLength;
}

class JsonCache {
  /** In use order: the first is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<JsonBody>>();
  /** The newest revision read of each practice. */
  private readonly newest = new Map<number, number>();
  private bytes = 0;
  private readonly stats = { hits: 0, misses: 0, computes: 0, loads: 0 };
  /** Documents being kept in the database (store/kept-document.repository.ts). */
  private readonly keeping = new Set<Promise<unknown>>();

  constructor(readonly limits: CacheLimits) {}

  async get<T extends JsonBody>(
    store: Store,
    practiceId: number,
    key: string,
    compute: (revision: number) => Promise<T>,
    keep: Keep = false,
  ): Promise<T> {
    const revision = await readRevision(store.db, practiceId);
    this.forgetOlder(practiceId, revision);
    const id = `${practiceId}\u0000${revision}\u0000${key}`;
    const hit = this.entries.get(id);
    if (hit) {
      this.stats.hits++;
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.text as T;
    }
    this.stats.misses++;
    const pending = this.inFlight.get(id);
    if (pending) return pending as Promise<T>;
    const started = this.load(store, practiceId, key, revision, compute, keep);
    this.inFlight.set(id, started);
    try {
      const text = await started;
      this.put(id, { practiceId, revision, text });
      return text;
    } finally {
      this.inFlight.delete(id);
    }
  }

  /** The kept document if there is one for this revision and code, else computed (and kept). */
  private async load<T extends JsonBody>(
    store: Store,
    practiceId: number,
    key: string,
    revision: number,
    compute: (revision: number) => Promise<T>,
    keep: Keep,
  ): Promise<T> {
    const keptKey = keep === true ? key : keep === false ? undefined : keep.key;
    const code = keptKey === undefined ? '' : await codeVersion();
    if (keptKey !== undefined) {
      // A kept copy that cannot be read is computed instead.
      const kept = await readKept(store.db, practiceId, keptKey, revision, code).catch(
        () => undefined,
      );
      if (kept !== undefined && (keep === true || (keep !== false && keep.fits(kept)))) {
        this.stats.loads++;
        return kept as T;
      }
    }
    this.stats.computes++;
    // The revision was read before the computation reads the data: what is kept under it
    // is at least as new as the revision, never older.
    const body = await compute(revision);
    // Documents kept in the database are text (`cached`'s: reports and series).
    if (keep === true && typeof body === 'string') {
      // In the background, best effort: the answer waits for no write or lock, and a
      // document that cannot be kept is computed again next time.
      const keeping = keepDocument(store, practiceId, { key, revision, code, body })
        .catch(() => false)
        .finally(() => this.keeping.delete(keeping));
      this.keeping.add(keeping);
    }
    return body;
  }

  /** Resolves when every document being kept has been written (or given up). */
  async settled(): Promise<void> {
    while (this.keeping.size > 0) await Promise.all(this.keeping);
  }

  snapshot(): CacheStats {
    return { entries: this.entries.size, bytes: this.bytes, ...this.stats };
  }

  /**
   * Keeps `text` as the document `key` of the practice at `revision`, as if computed for
   * it (a computation that answered another key too), unless an entry is there already.
   */
  offer(practiceId: number, revision: number, key: string, text: JsonBody): void {
    const id = `${practiceId}\u0000${revision}\u0000${key}`;
    if (!this.entries.has(id)) this.put(id, { practiceId, revision, text });
  }

  private put(id: string, entry: Entry): void {
    const size = sizeOf(entry.text);
    if (size > this.limits.maxBytes) return;
    if ((this.newest.get(entry.practiceId) ?? entry.revision) > entry.revision) return;
    // An entry stored meanwhile under the same id (`offer`) is replaced, not counted twice.
    const stored = this.entries.get(id);
    if (stored) this.drop(id, stored);
    this.entries.set(id, entry);
    this.bytes += size;
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.drop(oldest, old);
    }
  }

  private forgetOlder(practiceId: number, revision: number): void {
    const newest = this.newest.get(practiceId);
    if (newest !== undefined && newest >= revision) return;
    this.newest.set(practiceId, revision);
    if (newest === undefined) return;
    for (const [id, entry] of this.entries) {
      if (entry.practiceId === practiceId && entry.revision < revision) this.drop(id, entry);
    }
  }

  private drop(id: string, entry: Entry): void {
    this.entries.delete(id);
    this.bytes -= sizeOf(entry.text);
  }
}

const caches = new WeakMap<Store, JsonCache>();
/** List pages have their own cache: paging through records never evicts a report. */
const pageCaches = new WeakMap<Store, JsonCache>();
export const PAGE_CACHE_LIMITS: CacheLimits = { maxEntries: 1024, maxBytes: 16 * 1024 * 1024 };
/** What-if bases (`basisJson`) too: many what-ifs never evict the basis they are made of. */
const basisCaches = new WeakMap<Store, JsonCache>();
export const BASIS_CACHE_LIMITS: CacheLimits = { maxEntries: 64, maxBytes: 16 * 1024 * 1024 };

/** The store's cache in `of` (the reports' by default), made on first use with `limits`. */
function cacheOf(
  store: Store,
  of: WeakMap<Store, JsonCache> = caches,
  limits: CacheLimits = DEFAULT_CACHE_LIMITS,
): JsonCache {
  let cache = of.get(store);
  if (!cache) {
    cache = new JsonCache(limits);
    of.set(store, cache);
  }
  return cache;
}

/** Gives `store` its own limits (before its first use; a later call starts it empty). */
export function configureCache(store: Store, limits: Partial<CacheLimits>): void {
  caches.set(store, new JsonCache({ ...DEFAULT_CACHE_LIMITS, ...limits }));
}

export function cacheStats(store: Store): CacheStats {
  return cacheOf(store).snapshot();
}

/** The what-if bases' cache (`reportJson`): its computations are the readings of records. */
export function basisCacheStats(store: Store): CacheStats {
  return cacheOf(store, basisCaches, BASIS_CACHE_LIMITS).snapshot();
}

/**
 * Resolves when the documents `store`'s cache is keeping in the database are written:
 * what a short-lived process (the CLI) awaits before it closes the store.
 */
export async function keptSettled(store: Store): Promise<void> {
  await Promise.all([
    cacheOf(store).settled(),
    cacheOf(store, basisCaches, BASIS_CACHE_LIMITS).settled(),
  ]);
}

/**
 * The JSON text of what `compute` returns for the practice, computed once per data
 * revision and `key`. `key` names the document and every input it depends on besides
 * the practice's data (`report|2025-01-01|2025-12-31|{"raise":0.1}`); the practice id
 * and revision are added here. `compute` must read the practice's data only from the
 * store (it is called after the revision is read), and the caller must have authorized
 * the practice.
 *
 * @example const text = await cached(store, access.practiceId, `monthly|${from}|${to}`, () => monthly(store, id, { from, to }));
 */
export function cached(
  store: Store,
  practiceId: number,
  key: string,
  compute: () => Promise<unknown>,
  options: { keep?: boolean } = {},
): Promise<string> {
  return cacheOf(store).get(store, practiceId, key, () => compute().then(toJson), options.keep);
}

function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * The JSON text `computeText` gives for a document asked with `options` (all optional)
 * and keyed by `keyOf`, cached like `cached`'s; the one asked without any, the
 * dashboard's first, is also kept in the database.
 */
export function cachedDocument<O extends object>(
  store: Store,
  practiceId: number,
  keyOf: (options: Partial<O>) => string,
  options: O,
  computeText: (revision: number) => Promise<string>,
): Promise<string> {
  const key = keyOf(options);
  return cacheOf(store).get(store, practiceId, key, computeText, key === keyOf({}));
}

/**
 * `cached` for pages of records and their totals (app/records.ts), kept apart from
 * reports, in a cache of `PAGE_CACHE_LIMITS`: many small documents, each as cheap to
 * recompute as a page query. `compute` writes the document itself: the JSON text
 * `JSON.stringify` would give, or its UTF-8 bytes.
 */
export function cachedPage<T extends JsonBody>(
  store: Store,
  practiceId: number,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  return cacheOf(store, pageCaches, PAGE_CACHE_LIMITS).get(store, practiceId, key, compute);
}

/** An object's defined entries sorted by name: the same parameters give the same key. */
export function sortedEntries(values: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The cache key of a report: the period and the assumptions given, in a fixed order. */
export function reportKey(options: ReportOptions): string {
  const assumptions = JSON.stringify(sortedEntries(options.assumptions ?? {}));
  return `report|${options.from ?? ''}|${options.to ?? ''}|${assumptions}`;
}

/**
 * `buildReport`'s document as JSON text (what `JSON.stringify(report)` gives), cached.
 *
 * Every report is made of the period's what-if basis (`basisJson`): its report with the
 * levers computed under the assumptions asked (`reportUnder`), so a what-if (asked again
 * at each edit) takes a millisecond instead of a reading of every record.
 */
export function reportJson(
  store: Store,
  practiceId: number,
  options: ReportOptions = {},
): Promise<string> {
  const period = { from: options.from, to: options.to };
  return cachedDocument(store, practiceId, reportKey, options, async () => {
    let assumptions: Assumptions;
    try {
      assumptions = resolveAssumptions(options.assumptions ?? {});
    } catch {
      // The report's own checks, in their order (a practice that is gone comes first),
      // throw the error; they stop before reading any record.
      return computeJson(store, { kind: 'report', practiceId, options }, () =>
        buildReport(store, practiceId, options),
      );
    }
    // Under the default assumptions `reportUnder` gives the basis's own report.
    const basis = JSON.parse(await basisJson(store, practiceId, period)) as WhatIfBasis;
    return JSON.stringify(reportUnder(basis, assumptions));
  });
}

/** The cache key of a period's what-if basis. */
function basisKey(period: { from?: string | undefined; to?: string | undefined }): string {
  return `whatIfBasis|${period.from ?? ''}|${period.to ?? ''}`;
}

/** The basis of the default report (no period asked), kept in the database like it. */
const DEFAULT_BASIS = basisKey({});

/**
 * The JSON text of `buildWhatIfBasis` for a period, cached like the reports in a cache of
 * its own (`BASIS_CACHE_LIMITS`; the report's size and a few hundred bytes). It is kept
 * under the period asked and under the period it resolved to, which is what a what-if
 * asks for: the dates the report shows. The default report's basis is also kept in the
 * database, so that a server started again answers what-ifs on that period at once.
 */
function basisJson(
  store: Store,
  practiceId: number,
  period: Pick<ReportOptions, 'from' | 'to'>,
): Promise<string> {
  const cache = cacheOf(store, basisCaches, BASIS_CACHE_LIMITS);
  const key = basisKey(period);
  const fits = (text: string) => {
    try {
      const kept = (JSON.parse(text) as WhatIfBasis).report.period;
      return kept.from === period.from && kept.to === period.to;
    } catch {
      // A kept copy that cannot be read is computed instead.
      return false;
    }
  };
  const keep: Keep = key === DEFAULT_BASIS || { key: DEFAULT_BASIS, fits };
  return cache.get(
    store,
    practiceId,
    key,
    async (revision) => {
      const text = await computeJson(
        store,
        { kind: 'whatIfBasis', practiceId, options: period },
        () => buildWhatIfBasis(store, practiceId, period),
      );
      const resolved = (JSON.parse(text) as WhatIfBasis).report.period;
      cache.offer(practiceId, revision, basisKey(resolved), text);
      return text;
    },
    keep,
  );
}

/** `reportJson` for a signed-in member (any role may read the report). */
export async function reportJsonAs(
  store: Store,
  access: PracticeAccess,
  options: ReportOptions = {},
): Promise<string> {
  authorize(access, 'read');
  return reportJson(store, access.practiceId, options);
}
