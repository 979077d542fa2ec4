/**
 * Finding the practice a command or request is about: by name, or the only one there
 * is. Every other use case takes the resolved practice id.
 */
import type { Executor } from '../store/database.ts';
import { findPracticeByName, listPractices } from '../store/practice.repository.ts';
import { countRecords } from '../store/records.repository.ts';
import { AppError } from './errors.ts';

export interface PracticeRef {
  id: number;
  name: string;
}

/**
 * The practice named `name`, or the only practice when no name is given.
 * @example await resolvePractice(db, 'Harbor Light Coaching') // { id: 1, name: 'Harbor Light Coaching' }
 */
export async function resolvePractice(db: Executor, name?: string): Promise<PracticeRef> {
  if (name !== undefined) {
    const found = await findPracticeByName(db, name);
    if (!found) {
      const names = (await listPractices(db)).map((p) => `"${p.name}"`);
      throw new AppError(
        'practice_not_found',
        `no practice named "${name}"${names.length ? `; this database holds ${names.join(', ')}` : '; this database holds none yet'}`,
      );
    }
    return { id: found.id, name: found.name };
  }
  const all = await listPractices(db);
  if (all.length === 0) {
    throw new AppError(
      'practice_not_found',
      'this database holds no practice yet: run `fulcrum demo` for the demo practice or `fulcrum import practice.json`',
    );
  }
  if (all.length > 1) {
    throw new AppError(
      'practice_required',
      `this database holds ${all.length} practices; say which with --practice (${all.map((p) => `"${p.name}"`).join(', ')})`,
    );
  }
  const only = all[0]!;
  return { id: only.id, name: only.name };
}

export interface PracticeSummary extends PracticeRef {
  currency: string;
  payments: number;
  timeEntries: number;
}

/** Every practice with its currency and record counts. */
export async function listPracticeSummaries(db: Executor): Promise<PracticeSummary[]> {
  const out: PracticeSummary[] = [];
  for (const p of await listPractices(db)) {
    const counts = await countRecords(db, p.id);
    out.push({
      id: p.id,
      name: p.name,
      currency: p.currency,
      payments: counts.payments ?? 0,
      timeEntries: counts.timeEntries ?? 0,
    });
  }
  return out;
}
