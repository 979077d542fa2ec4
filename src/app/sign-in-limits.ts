/**
 * The sign-in rate limit: failed sign-ins are counted per email and per client address
 * over a window, in the database (so every server process of a deployment shares the
 * count). Past the limit, sign-in is refused — even with the right password — until the
 * oldest failure leaves the window. The decision is a pure function of the counts.
 */
import type { Executor } from '../store/database.ts';
import {
  clearSignInFailures,
  countSignInFailures,
  recordSignInFailures,
} from '../store/sign-in-failure.repository.ts';

export interface SignInLimits {
  windowMs: number;
  perEmail: number;
  perAddress: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  windowMs: 15 * 60_000,
  perEmail: 5,
  perAddress: 30,
};

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The keys a sign-in attempt counts against. */
export function limitKeys(email: string, address: string | undefined): string[] {
  return address ? [`email:${email}`, `ip:${address}`] : [`email:${email}`];
}

/**
 * Whether an attempt may go ahead given the failures counted per key.
 *
 * @example decideSignIn(new Map([['email:a@b.co', { count: 5, oldest: '…' }]]), now, DEFAULT_SIGN_IN_LIMITS)
 */
export function decideSignIn(
  counts: ReadonlyMap<string, { count: number; oldest: string }>,
  now: Date,
  limits: SignInLimits,
): LimitDecision {
  let retryAt = 0;
  for (const [key, { count, oldest }] of counts) {
    const limit = key.startsWith('ip:') ? limits.perAddress : limits.perEmail;
    if (count >= limit) retryAt = Math.max(retryAt, Date.parse(oldest) + limits.windowMs);
  }
  if (retryAt === 0) return { allowed: true };
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)),
  };
}

export async function checkSignInLimit(
  db: Executor,
  keys: readonly string[],
  now: Date,
  limits: SignInLimits,
): Promise<LimitDecision> {
  const since = new Date(now.getTime() - limits.windowMs);
  return decideSignIn(await countSignInFailures(db, keys, since), now, limits);
}

export async function noteSignInFailure(
  db: Executor,
  keys: readonly string[],
  now: Date,
): Promise<void> {
  await recordSignInFailures(db, keys, now);
}

/** After a successful sign-in: the email's failures are forgotten, and stale rows pruned. */
export async function noteSignInSuccess(
  db: Executor,
  email: string,
  now: Date,
  limits: SignInLimits,
): Promise<void> {
  await clearSignInFailures(db, [`email:${email}`], new Date(now.getTime() - limits.windowMs));
}
