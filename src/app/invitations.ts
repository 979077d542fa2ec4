/**
 * Invitations by link: an owner creates one with a role (and, optionally, the only
 * email that may use it) and gets a token to share once; whoever opens the link signs
 * in or up and accepts it, becoming a member with that role. Tokens are stored as their
 * SHA-256; an invitation is used once and expires (7 days unless said otherwise).
 */

import { accountsTransaction, type Role } from '../store/account.tables.ts';
import type { Store } from '../store/connect.ts';
import {
  deleteInvitation,
  findInvitationByTokenHash,
  insertInvitation,
  listPendingInvitations,
  markInvitationAccepted,
} from '../store/invitation.repository.ts';
import { findMembership, upsertMembership } from '../store/membership.repository.ts';
import { type Actor, authorize, type PracticeAccess } from './access.ts';
import { normalizeEmail } from './accounts.ts';
import { AppError } from './errors.ts';
import { newId, newToken, tokenHash } from './tokens.ts';

export const DEFAULT_INVITATION_DAYS = 7;

export interface Invitation {
  id: string;
  role: Role;
  email: string | null;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}

export interface CreatedInvitation extends Invitation {
  /** The secret of the link; shown once, never stored. */
  token: string;
}

export async function createInvitation(
  store: Store,
  access: PracticeAccess,
  input: { role: Role; email?: string | null; expiresInDays?: number },
  now: Date,
): Promise<CreatedInvitation> {
  authorize(access, 'manage');
  const token = newToken();
  const days = input.expiresInDays ?? DEFAULT_INVITATION_DAYS;
  const row = {
    id: newId('inv'),
    tokenHash: tokenHash(token),
    practiceId: access.practiceId,
    role: input.role,
    email: input.email ? normalizeEmail(input.email) : null,
    createdBy: access.actor.userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * 24 * 3600_000).toISOString(),
    acceptedAt: null,
    acceptedBy: null,
  };
  await insertInvitation(store.db, row);
  return { ...present(row, now), token };
}

function present(
  row: { id: string; role: Role; email: string | null; createdAt: string; expiresAt: string },
  now: Date,
): Invitation {
  return {
    id: row.id,
    role: row.role,
    email: row.email,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    expired: Date.parse(row.expiresAt) <= now.getTime(),
  };
}

export async function listInvitations(
  store: Store,
  access: PracticeAccess,
  now: Date,
): Promise<Invitation[]> {
  authorize(access, 'manage');
  return (await listPendingInvitations(store.db, access.practiceId)).map((r) => present(r, now));
}

export async function revokeInvitation(
  store: Store,
  access: PracticeAccess,
  id: string,
): Promise<void> {
  authorize(access, 'manage');
  if (!(await deleteInvitation(store.db, access.practiceId, id)))
    throw new AppError('not_found', `no invitation "${id}"`);
}

function invalidLink(): AppError {
  return new AppError(
    'not_found',
    'this invitation link is not valid: it is unknown, used or expired; ask for a new one',
  );
}

async function usable(store: Store, token: string, now: Date) {
  const row = await findInvitationByTokenHash(store.db, tokenHash(token));
  if (!row || row.acceptedAt !== null || Date.parse(row.expiresAt) <= now.getTime())
    throw invalidLink();
  return row;
}

export interface InvitationPreview {
  practice: { name: string };
  role: Role;
  email: string | null;
  expiresAt: string;
}

/** What a link invites to, for the page that asks to accept it (whoever holds the token). */
export async function describeInvitation(
  store: Store,
  token: string,
  now: Date,
): Promise<InvitationPreview> {
  const row = await usable(store, token, now);
  return {
    practice: { name: row.practiceName },
    role: row.role,
    email: row.email,
    expiresAt: row.expiresAt,
  };
}

/**
 * Makes the actor a member with the invitation's role (a member keeps a stronger role).
 *
 * @throws AppError `not_found` for an unusable link, `forbidden` when it names another email.
 */
export async function acceptInvitation(
  store: Store,
  actor: Actor,
  token: string,
  now: Date,
): Promise<{ practice: { id: number; name: string }; role: Role }> {
  const row = await usable(store, token, now);
  if (row.email !== null && row.email !== normalizeEmail(actor.email)) {
    throw new AppError('forbidden', 'this invitation is for another email address');
  }
  return accountsTransaction(store.db, async (trx) => {
    if (!(await markInvitationAccepted(trx, row.id, actor.userId, now.toISOString())))
      throw invalidLink();
    const current = await findMembership(trx, row.practiceId, actor.userId);
    const rank = { owner: 0, editor: 1, advisor: 2 } as const;
    const role = current && rank[current.role] < rank[row.role] ? current.role : row.role;
    await upsertMembership(trx, {
      practiceId: row.practiceId,
      userId: actor.userId,
      role,
      createdAt: current?.createdAt ?? now.toISOString(),
    });
    return { practice: { id: row.practiceId, name: row.practiceName }, role };
  });
}
