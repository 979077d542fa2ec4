/**
 * Members of a practice: list them (every member may), change a role or remove someone
 * (owners only; anyone may leave). A practice always keeps at least one owner.
 */
import { accountsTransaction } from '../store/account.tables.ts';
import type { Store } from '../store/connect.ts';
import {
  countOwners,
  deleteMembership,
  findMembership,
  listMembers,
  type MemberRow,
  updateMembershipRole,
} from '../store/membership.repository.ts';
import { authorize, type PracticeAccess, type Role } from './access.ts';
import { AppError } from './errors.ts';

export type Member = MemberRow;

export async function listMembersOf(store: Store, access: PracticeAccess): Promise<Member[]> {
  authorize(access, 'read');
  return listMembers(store.db, access.practiceId);
}

function lastOwner(): AppError {
  return new AppError(
    'conflict',
    'a practice needs at least one owner: make someone else an owner first',
  );
}

/** @throws AppError `not_found` for a user who is not a member, `conflict` for the last owner. */
export async function changeMemberRole(
  store: Store,
  access: PracticeAccess,
  userId: number,
  role: Role,
): Promise<Member> {
  authorize(access, 'manage');
  return accountsTransaction(store.db, async (trx) => {
    const current = await findMembership(trx, access.practiceId, userId);
    if (!current) throw new AppError('not_found', `no member ${userId} in this practice`);
    if (current.role === 'owner' && role !== 'owner') {
      if ((await countOwners(trx, access.practiceId)) <= 1) throw lastOwner();
    }
    await updateMembershipRole(trx, access.practiceId, userId, role);
    const member = (await listMembers(trx, access.practiceId)).find((m) => m.userId === userId);
    return member!;
  });
}

/** Removes a member (owners), or the actor themself (anyone may leave). */
export async function removeMember(
  store: Store,
  access: PracticeAccess,
  userId: number,
): Promise<void> {
  if (userId !== access.actor.userId) authorize(access, 'manage');
  await accountsTransaction(store.db, async (trx) => {
    const current = await findMembership(trx, access.practiceId, userId);
    if (!current) throw new AppError('not_found', `no member ${userId} in this practice`);
    if (current.role === 'owner' && (await countOwners(trx, access.practiceId)) <= 1) {
      throw lastOwner();
    }
    await deleteMembership(trx, access.practiceId, userId);
  });
}
