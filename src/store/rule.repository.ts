/**
 * A practice's import rules, in the order they apply. Conditions and targets are stored
 * as JSON text (identical on both engines); `position` keeps the order. No figure reads
 * a rule until `rules apply` writes records, so rule writes hold the practice's revision
 * row without moving it (revision.repository.ts): kept reports stay valid.
 */
import type { Rule } from '../domain/rules/model.ts';
import { type Executor, inTransaction } from './database.ts';
import { holdRevision } from './revision.repository.ts';
import type { RuleTable } from './rule.table.ts';

function toRule(
  row: Pick<RuleTable, 'id' | 'name' | 'appliesTo' | 'conditions' | 'targets'>,
): Rule {
  return {
    id: row.id,
    name: row.name,
    appliesTo: row.appliesTo as Rule['appliesTo'],
    when: JSON.parse(row.conditions) as Rule['when'],
    then: JSON.parse(row.targets) as Rule['then'],
  };
}

/** The practice's rules in order. */
export async function loadRules(db: Executor, practiceId: number): Promise<Rule[]> {
  const rows = await db
    .selectFrom('rules')
    .select(['id', 'name', 'appliesTo', 'conditions', 'targets'])
    .where('practiceId', '=', practiceId)
    .orderBy('position')
    .execute();
  return rows.map(toRule);
}

/**
 * Upserts rules by id: existing ones are updated in place (keeping their position), new
 * ones are appended in the given order.
 */
export async function saveRules(
  db: Executor,
  practiceId: number,
  rules: readonly Rule[],
): Promise<void> {
  if (rules.length === 0) return;
  await inTransaction(db, (trx) => insertRules(trx, practiceId, rules));
}

async function insertRules(db: Executor, practiceId: number, rules: readonly Rule[]) {
  await holdRevision(db, practiceId);
  const last = await db
    .selectFrom('rules')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('practiceId', '=', practiceId)
    .executeTakeFirst();
  let next = last?.last == null ? 0 : Number(last.last) + 1;
  for (const rule of rules) {
    const values = {
      name: rule.name ?? null,
      appliesTo: rule.appliesTo,
      conditions: JSON.stringify(rule.when),
      targets: JSON.stringify(rule.then),
    };
    await db
      .insertInto('rules')
      .values({ practiceId, id: rule.id, position: next++, ...values })
      .onConflict((oc) => oc.columns(['practiceId', 'id']).doUpdateSet(values))
      .execute();
  }
}

/** Deletes one rule; false when there was none with that id. */
export async function deleteRule(db: Executor, practiceId: number, id: string): Promise<boolean> {
  const result = await inTransaction(db, async (trx) => {
    await holdRevision(trx, practiceId);
    return trx
      .deleteFrom('rules')
      .where('practiceId', '=', practiceId)
      .where('id', '=', id)
      .executeTakeFirst();
  });
  return Number(result.numDeletedRows) > 0;
}

/** Rewrites the order: `ids` lists every rule of the practice in its new order. */
export async function reorderRules(
  db: Executor,
  practiceId: number,
  ids: readonly string[],
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await holdRevision(trx, practiceId);
    for (const [position, id] of ids.entries()) {
      await trx
        .updateTable('rules')
        .set({ position })
        .where('practiceId', '=', practiceId)
        .where('id', '=', id)
        .execute();
    }
  });
}
