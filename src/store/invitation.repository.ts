/** Invitations by link: stored by the SHA-256 of their token; listed, revoked, accepted. */

import { accountsDb, type InvitationRow } from './account.tables.ts';
import type { Executor } from './database.ts';

export async function insertInvitation(db: Executor, invitation: InvitationRow): Promise<void> {
  await accountsDb(db).insertInto('invitations').values(invitation).execute();
}

export async function findInvitationByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<(InvitationRow & { practiceName: string }) | undefined> {
  return accountsDb(db)
    .selectFrom('invitations')
    .innerJoin('practices', 'practices.id', 'invitations.practiceId')
    .selectAll('invitations')
    .select('practices.name as practiceName')
    .where('invitations.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/** The practice's invitations not yet accepted (expired ones included), newest first. */
export async function listPendingInvitations(
  db: Executor,
  practiceId: number,
): Promise<InvitationRow[]> {
  return accountsDb(db)
    .selectFrom('invitations')
    .selectAll()
    .where('practiceId', '=', practiceId)
    .where('acceptedAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute();
}

export async function deleteInvitation(
  db: Executor,
  practiceId: number,
  id: string,
): Promise<boolean> {
  const r = await accountsDb(db)
    .deleteFrom('invitations')
    .where('practiceId', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Marks an invitation accepted unless it already was; false when someone else was first. */
export async function markInvitationAccepted(
  db: Executor,
  id: string,
  userId: number,
  at: string,
): Promise<boolean> {
  const r = await accountsDb(db)
    .updateTable('invitations')
    .set({ acceptedAt: at, acceptedBy: userId })
    .where('id', '=', id)
    .where('acceptedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
