/**
 * What every route gets: the options `createApp` was given, resolved once (`Deps`),
 * and the per-request variables the middleware sets (`ApiEnv`): the session, and for
 * `/api/practices/:practiceId/…` the caller's access to that practice.
 */
import type { PracticeAccess } from '../app/access.ts';
import type { SessionInfo } from '../app/accounts.ts';
import { SessionCache, type SessionCacheOptions } from '../app/session-cache.ts';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from '../app/sign-in-limits.ts';
import type { Store } from '../store/connect.ts';
import type { ErrorLogger } from './errors.ts';
import { UploadStore } from './routes/imports/uploads.ts';

export interface ApiOptions {
  store: Store;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  /** Always mark cookies Secure (the server itself speaks TLS). Default: only for https requests. */
  secureCookies?: boolean;
  /** Believe X-Forwarded-Proto/-Host/-For from a reverse proxy in front. Default false. */
  trustProxy?: boolean;
  /** Other origins allowed to send state-changing requests (e.g. a dev server of the web app). */
  allowedOrigins?: readonly string[];
  /** Largest JSON body, bytes (default 1 MiB). */
  maxJsonBytes?: number;
  /** Largest import upload, bytes, all files together (default 50 MiB). */
  maxUploadBytes?: number;
  signInLimits?: SignInLimits;
  /** Whether anyone may create an account (default true); invitations still need one. */
  allowSignUp?: boolean;
  /** How long an import upload is kept for its commit, ms (default 15 minutes). */
  uploadTtlMs?: number;
  /** Where unexpected errors are written (default: stderr). */
  log?: ErrorLogger;
  /**
   * How long sessions and roles read from the database serve later requests of this
   * process (default 2 s, at most 10,000 entries; `ttlMs: 0` reads every time): see
   * app/session-cache.ts.
   */
  sessionCache?: Partial<SessionCacheOptions>;
}

export interface Deps {
  store: Store;
  now: () => Date;
  secureCookies: boolean;
  trustProxy: boolean;
  allowedOrigins: readonly string[];
  maxJsonBytes: number;
  maxUploadBytes: number;
  signInLimits: SignInLimits;
  allowSignUp: boolean;
  uploads: UploadStore;
  log: ErrorLogger;
  sessions: SessionCache;
}

export function resolveOptions(options: ApiOptions): Deps {
  const now = options.now ?? (() => new Date());
  return {
    store: options.store,
    now,
    secureCookies: options.secureCookies ?? false,
    trustProxy: options.trustProxy ?? false,
    allowedOrigins: options.allowedOrigins ?? [],
    maxJsonBytes: options.maxJsonBytes ?? 1024 * 1024,
    maxUploadBytes: options.maxUploadBytes ?? 50 * 1024 * 1024,
    signInLimits: options.signInLimits ?? DEFAULT_SIGN_IN_LIMITS,
    allowSignUp: options.allowSignUp ?? true,
    uploads: new UploadStore({ ttlMs: options.uploadTtlMs ?? 15 * 60_000, now }),
    log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
    sessions: new SessionCache(options.sessionCache),
  };
}

export interface ApiVariables {
  /** The signed-in session, when the request carried a live one. */
  session: SessionInfo | undefined;
  /** Set on `/api/practices/:practiceId/…` once the user is known to be a member. */
  access: PracticeAccess;
}

export type ApiEnv = { Variables: ApiVariables };
