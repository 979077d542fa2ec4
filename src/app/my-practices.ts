/**
 * Practices as a signed-in user sees them: the ones they belong to, creating one (the
 * creator becomes its owner), reading and changing its settings (editors and owners),
 * deleting it with every record (owners).
 */

import type { Practice } from '../domain/model.ts';
import { accountsTransaction } from '../store/account.tables.ts';
import type { Store } from '../store/connect.ts';
import { StoreError } from '../store/errors.ts';
import { listUserPractices, upsertMembership } from '../store/membership.repository.ts';
import {
  createPractice,
  deletePractice,
  findPracticeById,
  type StoredPractice,
  updatePractice,
} from '../store/practice.repository.ts';
import {
  type Actor,
  authorize,
  type PracticeAccess,
  practiceNotFound,
  type Role,
} from './access.ts';
import { AppError } from './errors.ts';

export interface MyPractice extends StoredPractice {
  role: Role;
}

export async function listMyPractices(
  store: Store,
  actor: Actor,
): Promise<{ id: number; name: string; currency: string; role: Role }[]> {
  return listUserPractices(store.db, actor.userId);
}

function nameTaken(error: unknown): unknown {
  if (error instanceof StoreError && error.code === 'practice_name_taken') {
    return new AppError(
      'conflict',
      'a practice with this name exists already: choose another name',
    );
  }
  return error;
}

/** Creates a practice owned by the actor. */
export async function createPracticeAs(
  store: Store,
  actor: Actor,
  practice: Practice,
  now: Date,
): Promise<MyPractice> {
  const id = await accountsTransaction(store.db, async (trx) => {
    const id = await createPractice(trx, practice, now);
    await upsertMembership(trx, {
      practiceId: id,
      userId: actor.userId,
      role: 'owner',
      createdAt: now.toISOString(),
    });
    return id;
  }).catch((error: unknown) => {
    throw nameTaken(error);
  });
  const stored = await findPracticeById(store.db, id);
  return { ...stored!, role: 'owner' };
}

export async function getPracticeAs(store: Store, access: PracticeAccess): Promise<MyPractice> {
  authorize(access, 'read');
  const found = await findPracticeById(store.db, access.practiceId);
  if (!found) throw practiceNotFound(access.practiceId);
  return { ...found, role: access.role };
}

export async function updatePracticeAs(
  store: Store,
  access: PracticeAccess,
  changes: Partial<Practice>,
  now: Date,
): Promise<MyPractice> {
  authorize(access, 'write');
  try {
    await updatePractice(store.db, access.practiceId, changes, now);
  } catch (error) {
    throw nameTaken(error);
  }
  return getPracticeAs(store, access);
}

export async function deletePracticeAs(store: Store, access: PracticeAccess): Promise<void> {
  authorize(access, 'manage');
  await deletePractice(store.db, access.practiceId);
}
