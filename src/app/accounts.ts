/**
 * Accounts and sessions: sign up with email and password, sign in (rate limited, see
 * sign-in-limits.ts), the session a cookie token stands for, sign out. A session is a
 * random token given to the browser; the database keeps only its SHA-256, with a CSRF
 * token and a sliding expiry. Secrets never appear in errors or logs.
 */
import type { Store } from '../store/connect.ts';
import type { Executor } from '../store/database.ts';
import { StoreError } from '../store/errors.ts';
import { listUserPractices } from '../store/membership.repository.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  extendSession,
  findLiveSession,
  insertSession,
} from '../store/session.repository.ts';
import { createUser, findUserByEmail } from '../store/user.repository.ts';
import type { Actor, Role } from './access.ts';
import { AppError } from './errors.ts';
import { checkPassword, hashPassword, verifyNothing, verifyPassword } from './passwords.ts';
import type { SessionCache } from './session-cache.ts';
import {
  checkSignInLimit,
  DEFAULT_SIGN_IN_LIMITS,
  limitKeys,
  noteSignInFailure,
  noteSignInSuccess,
  type SignInLimits,
} from './sign-in-limits.ts';
import { newToken, tokenHash } from './tokens.ts';

/** A session lives this long after its last renewal… */
export const SESSION_TTL_MS = 14 * 24 * 3600_000;
/** …and is renewed when a request comes with less than this left. */
const RENEW_BELOW_MS = 13 * 24 * 3600_000;

export interface User {
  id: number;
  email: string;
  name: string | null;
}

export interface NewSession {
  /** The cookie's value: shown once, never stored. */
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export interface SessionInfo {
  user: User;
  actor: Actor;
  /** The session's id (SHA-256 of its token). */
  id: string;
  csrfToken: string;
  expiresAt: string;
}

/** Trimmed and lower-cased: how emails are stored and compared. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates an account.
 *
 * @throws AppError `invalid_input` for a weak password, `conflict` when the email has an account.
 */
export async function signUp(
  db: Executor,
  input: { email: string; password: string; name?: string | null },
  now: Date,
): Promise<User> {
  const email = normalizeEmail(input.email);
  checkPassword(input.password, email);
  const passwordHash = await hashPassword(input.password);
  try {
    const name = input.name?.trim() || null;
    const id = await createUser(db, { email, name, passwordHash }, now);
    return { id, email, name };
  } catch (error) {
    if (error instanceof StoreError && error.code === 'invalid_argument') {
      throw new AppError('conflict', 'an account with this email exists already: sign in instead');
    }
    throw error;
  }
}

/** Starts a session for a user. */
export async function createSession(db: Executor, userId: number, now: Date): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  await insertSession(db, {
    id: tokenHash(token),
    userId,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

export type SignInResult =
  | { ok: true; user: User; session: NewSession }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * Checks email and password and starts a session. Unknown email and wrong password
 * answer the same, in the same time; too many failures answer `rate_limited`.
 */
export async function signIn(
  store: Store,
  input: { email: string; password: string; address?: string },
  now: Date,
  limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const keys = limitKeys(email, input.address);
  const decision = await checkSignInLimit(store.db, keys, now, limits);
  if (!decision.allowed) {
    return { ok: false, reason: 'rate_limited', retryAfterSeconds: decision.retryAfterSeconds };
  }
  const user = await findUserByEmail(store.db, email);
  let valid = false;
  if (user) valid = await verifyPassword(user.passwordHash, input.password);
  else await verifyNothing(input.password);
  if (!user || !valid) {
    await noteSignInFailure(store.db, keys, now);
    return { ok: false, reason: 'invalid_credentials' };
  }
  await noteSignInSuccess(store.db, email, now, limits);
  await deleteExpiredSessions(store.db, now);
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name },
    session: await createSession(store.db, user.id, now),
  };
}

/**
 * The live session a cookie token stands for (renewed when due), or undefined. With a
 * `cache`, a session read less than its TTL ago (and not due for renewal) is served from
 * it (app/session-cache.ts).
 */
export async function sessionFromToken(
  db: Executor,
  token: string,
  now: Date,
  cache?: SessionCache,
): Promise<SessionInfo | undefined> {
  if (!token || token.length > 200) return undefined;
  const id = tokenHash(token);
  if (!cache) return readSession(db, id, now);
  return cache.load(
    `session:${id}`,
    () => readSession(db, id, now),
    (session) => Date.parse(session.expiresAt) - now.getTime() >= RENEW_BELOW_MS,
  );
}

async function readSession(db: Executor, id: string, now: Date): Promise<SessionInfo | undefined> {
  const row = await findLiveSession(db, id, now);
  if (!row) return undefined;
  let expiresAt = row.expiresAt;
  if (Date.parse(expiresAt) - now.getTime() < RENEW_BELOW_MS) {
    expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
    await extendSession(db, id, expiresAt);
  }
  const user = { id: row.userId, email: row.email, name: row.name };
  return {
    user,
    actor: { userId: user.id, email: user.email },
    id,
    csrfToken: row.csrfToken,
    expiresAt,
  };
}

export async function signOut(db: Executor, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}

export interface Me {
  user: User;
  practices: { id: number; name: string; currency: string; role: Role }[];
}

/** The signed-in user and the practices they belong to. */
export async function describeMe(db: Executor, user: User): Promise<Me> {
  return { user, practices: await listUserPractices(db, user.id) };
}
