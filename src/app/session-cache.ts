/**
 * What the API keeps for a moment about who is signed in: the session a token stands for
 * and a user's role in a practice, per process, so a burst of reads from one browser
 * costs one session and one membership look-up per `ttlMs` instead of two per request.
 *
 * - Short-lived: an entry serves for `ttlMs` (default 2 s) after it was read from the
 *   database, measured on a monotonic clock; then the next request reads again.
 * - Dropped at once on this process's own changes: every write to sessions or memberships
 *   through the repositories (sign-out, a role changed, a member removed, an invitation
 *   accepted) moves the accounts version (store/account.tables.ts), and an entry read
 *   under an older version is never used. An entry whose load raced such a write is not
 *   kept at all. A transaction that writes them moves the version again when it ends
 *   (`accountsTransaction`), so what a concurrent request read before the commit is not
 *   used after it.
 * - Not shared: another process on the same database (a second `fulcrum serve`, the CLI)
 *   may change sessions or memberships without this process knowing; its change takes
 *   effect here within `ttlMs`.
 * - Bounded: at most `maxEntries` (default 10,000) entries, the oldest dropped first.
 * - What is kept: the session's id (the SHA-256 of its token, never the token), its user,
 *   CSRF token and expiry, and roles. Expiry is checked against the request's clock on
 *   every use; a session due for renewal is read again (and renewed) as before.
 */
import { currentAccountsVersion } from '../store/account.tables.ts';

export interface SessionCacheOptions {
  /** How long an entry serves after it was read, ms (0: nothing is kept). */
  ttlMs: number;
  maxEntries: number;
  /** A monotonic clock in ms (tests pass their own). */
  clock: () => number;
}

export const DEFAULT_SESSION_CACHE: SessionCacheOptions = {
  ttlMs: 2000,
  maxEntries: 10_000,
  clock: () => performance.now(),
};

interface Entry {
  value: unknown;
  readAt: number;
  version: number;
}

export class SessionCache {
  /** In insertion order: the first is the oldest. */
  private readonly entries = new Map<string, Entry>();
  readonly options: SessionCacheOptions;

  constructor(options: Partial<SessionCacheOptions> = {}) {
    this.options = { ...DEFAULT_SESSION_CACHE, ...options };
  }

  /**
   * The kept value of `key` if it is fresh and `usable` accepts it; else what `load` reads
   * (kept when defined, unless sessions or memberships changed in this process meanwhile).
   */
  async load<T>(
    key: string,
    load: () => Promise<T | undefined>,
    usable: (value: T) => boolean = () => true,
  ): Promise<T | undefined> {
    const { ttlMs, clock } = this.options;
    const entry = this.entries.get(key);
    const version = currentAccountsVersion();
    if (entry) {
      if (entry.version === version && clock() - entry.readAt < ttlMs && usable(entry.value as T)) {
        return entry.value as T;
      }
      this.entries.delete(key);
    }
    const readAt = clock();
    const value = await load();
    if (value !== undefined && ttlMs > 0 && currentAccountsVersion() === version) {
      this.put(key, { value, readAt, version });
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  private put(key: string, entry: Entry): void {
    this.entries.delete(key);
    while (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
  }
}
