/**
 * Who may do what in a practice. A user belongs to practices with a role: an owner may
 * do everything and manage members, an editor changes data and imports, an advisor
 * reads. `accessPractice` is the only way to get a `PracticeAccess`, and every use
 * case that acts on a practice for a user takes one and checks its permission — so a
 * user who is not a member gets `not_found` (the practice might as well not exist) and
 * a member without the right role gets `forbidden`.
 */
import type { Role } from '../store/account.tables.ts';
import type { Executor } from '../store/database.ts';
import { findMembership } from '../store/membership.repository.ts';
import { AppError } from './errors.ts';
import type { SessionCache } from './session-cache.ts';

export type { Role } from '../store/account.tables.ts';
export const ROLES = ['owner', 'editor', 'advisor'] as const satisfies readonly Role[];

/** The signed-in user a use case acts for. */
export interface Actor {
  userId: number;
  email: string;
}

declare const granted: unique symbol;

/** Proof that `actor` belongs to `practiceId` with `role` (made by `accessPractice` only). */
export interface PracticeAccess {
  readonly actor: Actor;
  readonly practiceId: number;
  readonly role: Role;
  readonly [granted]: true;
}

/** read: every member; write: data, rules, imports, settings; manage: members, invitations, deletion. */
export type Permission = 'read' | 'write' | 'manage';

const ALLOWED: Record<Permission, readonly Role[]> = {
  read: ['owner', 'editor', 'advisor'],
  write: ['owner', 'editor'],
  manage: ['owner'],
};

export function can(role: Role, permission: Permission): boolean {
  return ALLOWED[permission].includes(role);
}

/** The error a non-member gets for any practice id, existing or not: it says nothing more. */
export function practiceNotFound(practiceId: number): AppError {
  return new AppError('not_found', `no practice ${practiceId}`);
}

/**
 * The actor's access to a practice. With a `cache`, a role read less than its TTL ago is
 * served from it (app/session-cache.ts); only memberships are kept, never their absence.
 *
 * @example const access = await accessPractice(store.db, actor, 3); // { practiceId: 3, role: 'editor', … }
 * @throws AppError `not_found` when the actor is not a member (or there is no such practice).
 */
export async function accessPractice(
  db: Executor,
  actor: Actor,
  practiceId: number,
  cache?: SessionCache,
): Promise<PracticeAccess> {
  const read = async () => (await findMembership(db, practiceId, actor.userId))?.role;
  const role = cache ? await cache.load(`role:${actor.userId}:${practiceId}`, read) : await read();
  if (!role) throw practiceNotFound(practiceId);
  return { actor, practiceId, role } as PracticeAccess;
}

/**
 * Throws unless the access's role has the permission.
 *
 * @throws AppError `forbidden`, naming the role and what it may do.
 */
export function authorize(access: PracticeAccess, permission: Permission): void {
  if (can(access.role, permission)) return;
  const what =
    permission === 'manage'
      ? 'only an owner of the practice may do this'
      : `an ${access.role} may read this practice but not change it`;
  throw new AppError('forbidden', what);
}
