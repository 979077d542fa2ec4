/**
 * Warming the report cache (app/report-cache.ts) in the background, so that the first
 * dashboard visit after a server start, or after a write, finds its figures computed:
 * at 1,000,000 payments and 1,000,000 time entries the report takes ~2 s of CPU and the
 * monthly series about as much, which a visitor would otherwise wait for.
 *
 * What is warmed: each practice's default report (`GET …/report` without a period or
 * assumptions) and default monthly series (`GET …/report/monthly`), the two documents
 * the dashboard asks for first, under exactly the cache keys those routes use.
 *
 * - Bounded: at most `maxPractices` practices, the most recently written first (a
 *   practice's data revision is the clock of its last write, revision.repository.ts).
 * - One at a time, low priority: one document is computed at a time, each started only
 *   when the server is not busy (`busy()`: the server says no request is being served
 *   and none was answered in the last 0.5 s); a request for a document being computed
 *   joins that computation (the cache's single flight) instead of starting another.
 *   A computation already started is not interrupted: with SQLite, whose calls run on
 *   the main thread, any request arriving meanwhile waits for the rest of it (at
 *   1,000,000 + 1,000,000 records a few seconds on a busy machine; docs/performance.md,
 *   "The page").
 * - After a write: `touched(practiceId)` (called by the server after each request that
 *   may write) warms that practice again once writes have paused for `debounceMs`.
 * - Writes by other processes (`fulcrum import` into the same database while the server
 *   runs, another server on the same PostgreSQL): every `watchMs` the revisions of the
 *   most recently written practices are read (one query, skipped while the server is
 *   busy); a practice whose revision moved is warmed `watchDebounceMs` after it last
 *   moved.
 * - Errors are logged and skipped (a practice without records has no report to keep).
 *
 * Switched off with `fulcrum serve --no-warm` or `FULCRUM_WARM=0` (docs/web.md).
 */
import type { Store } from '../store/connect.ts';
import { recentlyChanged } from '../store/revision.repository.ts';
import { AppError } from './errors.ts';
import { monthlyJson } from './monthly.ts';
import { reportJson } from './report-cache.ts';

export interface WarmOptions {
  /** The most practices warmed at start (default 8). */
  maxPractices?: number;
  /** Quiet time after the last write before a practice is warmed again (default 2,000 ms). */
  debounceMs?: number;
  /** Delay before the start-up warming begins (default 0: the next turn of the event loop). */
  startDelayMs?: number;
  /**
   * How often the practices' revisions are read to notice writes made by other processes
   * (default 5,000 ms; 0 never reads them).
   */
  watchMs?: number;
  /**
   * Quiet time after a write noticed that way before the practice is warmed (default
   * 10,000 ms: `fulcrum import` keeps the dashboard's documents itself a few seconds after
   * its commit, and the warm-up then reads them instead of computing them again).
   */
  watchDebounceMs?: number;
  /** True while requests are being served: warming waits for it to be false. */
  busy?: () => boolean;
  /** Unexpected errors (a practice that cannot be reported is skipped silently). */
  log?: (line: string) => void;
  /** Told when the start-up warming is done: "warmed 2 practice(s) in 3120 ms". */
  info?: (line: string) => void;
}

export interface Warmer {
  /** Resolves when the start-up warming, and any re-warming queued so far, is done. */
  idle(): Promise<void>;
  /** The practice's data may have changed: warm it again once writes pause. */
  touched(practiceId: number): void;
  /** Stops: nothing new starts; resolves when a computation under way has finished. */
  stop(): Promise<void>;
}

/** The documents kept warm for one practice, in the order the dashboard asks for them. */
const DOCUMENTS = [
  (store: Store, practiceId: number) => reportJson(store, practiceId),
  (store: Store, practiceId: number) => monthlyJson(store, practiceId),
] as const;

/**
 * Computes (or finds) the practice's warmed documents, one after the other; each is then
 * kept in the database in the background (app/report-cache.ts, `keptSettled`). What
 * `fulcrum import` does after writing, so the next server finds the dashboard computed,
 * and what the warm-up does for each practice. `before` runs before each document and
 * may stop the rest (false). A practice that cannot be reported (no records yet, an
 * `AppError`) is left as it is: false; other errors are thrown.
 */
export async function warmPractice(
  store: Store,
  practiceId: number,
  before: () => Promise<boolean> = async () => true,
): Promise<boolean> {
  for (const document of DOCUMENTS) {
    if (!(await before())) return false;
    try {
      await document(store, practiceId);
    } catch (error) {
      if (error instanceof AppError) return false;
      throw error;
    }
  }
  return true;
}

const POLL_MS = 25;

/** A pause that does not keep the process alive. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** False when warming is switched off in the environment (`FULCRUM_WARM=0`, `off`, `false`). */
export function warmingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.FULCRUM_WARM ?? '').trim().toLowerCase();
  return !['0', 'off', 'false', 'no'].includes(value);
}

/**
 * Starts warming the cache of `store` in the background (see the module comment).
 * @example const warmer = startWarming(store, { busy: () => inFlight > 0 }); … warmer.stop();
 */
export function startWarming(store: Store, options: WarmOptions = {}): Warmer {
  const {
    maxPractices = 8,
    debounceMs = 2_000,
    startDelayMs = 0,
    watchMs = 5_000,
    watchDebounceMs = 10_000,
    busy = () => false,
  } = options;
  const log = options.log ?? (() => {});
  const queue: number[] = [];
  const timers = new Map<number, NodeJS.Timeout>();
  /** The revision of each practice as last read, to tell which changed since. */
  const seen = new Map<number, number>();
  let stopped = false;
  let running: Promise<void> | null = null;
  let watching: NodeJS.Timeout | undefined;

  const enqueue = (practiceId: number) => {
    if (stopped || queue.includes(practiceId)) return;
    queue.push(practiceId);
    running ??= drain().finally(() => {
      running = null;
    });
  };

  async function drain(): Promise<void> {
    for (let id = queue.shift(); id !== undefined && !stopped; id = queue.shift()) {
      try {
        await warmPractice(store, id, async () => {
          // Let waiting requests in first (the store's calls may all be synchronous, so a
          // chain of them never yields by itself), then start nothing while the server
          // is busy.
          await new Promise((resolve) => setImmediate(resolve));
          while (busy() && !stopped) await sleep(POLL_MS);
          return !stopped;
        });
      } catch (error) {
        // Stopped meanwhile: the computation was abandoned, not failed.
        if (!stopped)
          log(`warming practice ${id}: ${error instanceof Error ? error.message : error}`);
      }
    }
  }

  const start = (async () => {
    await sleep(startDelayMs);
    if (stopped) return;
    const chosen = await recentlyChanged(store.db, maxPractices);
    const began = performance.now();
    for (const { id, revision } of chosen) {
      seen.set(id, revision);
      enqueue(id);
    }
    if (watchMs > 0 && !stopped) watching = setInterval(watch, watchMs).unref();
    await running;
    if (!stopped && chosen.length > 0) {
      options.info?.(
        `warmed ${chosen.length} practice(s) in ${Math.round(performance.now() - began)} ms`,
      );
    }
  })().catch((error) => log(`warming: ${error instanceof Error ? error.message : error}`));

  /** Warms the practice once `delay` ms pass without another call for it. */
  function schedule(practiceId: number, delay: number): void {
    if (stopped) return;
    clearTimeout(timers.get(practiceId));
    timers.set(
      practiceId,
      setTimeout(() => {
        timers.delete(practiceId);
        enqueue(practiceId);
      }, delay).unref(),
    );
  }

  let reading: Promise<void> | null = null;
  /** Reads the revisions again and warms each practice written since (see the module comment). */
  function watch(): void {
    if (stopped || reading || busy()) return;
    reading = recentlyChanged(store.db, maxPractices)
      .then((latest) => {
        for (const { id, revision } of latest) {
          const before = seen.get(id);
          seen.set(id, revision);
          if (before !== revision) schedule(id, watchDebounceMs);
        }
      })
      .catch((error) =>
        log(`watching for writes: ${error instanceof Error ? error.message : error}`),
      )
      .finally(() => {
        reading = null;
      });
  }

  const warmer: Warmer = {
    async idle() {
      await start;
      while (running || timers.size > 0) {
        await (running ?? sleep(POLL_MS));
      }
    },
    touched(practiceId) {
      schedule(practiceId, debounceMs);
    },
    async stop() {
      stopped = true;
      clearInterval(watching);
      await reading;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      queue.length = 0;
      await start;
      await running;
    },
  };
  return warmer;
}
