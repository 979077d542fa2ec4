/**
 * Import rules as a use case: list, add (typed as text, validated, checked against the
 * practice's offers and clients), remove, and re-apply to every imported row — which
 * reassigns the records those rows became and brings waiting time entries in once a
 * rule gives them an activity.
 */
import type { Transaction } from 'kysely';
import { formatPath } from '../domain/bundle.ts';
import type { Client, TimeEntry } from '../domain/model.ts';
import type { Rule, RuleTargets } from '../domain/rules/model.ts';
import { formatParseError, parseConditions } from '../domain/rules/parse.ts';
import { ruleSchema } from '../domain/rules/schema.ts';
import { compileRules } from '../importers/rules/compile.ts';
import { COLLECTIONS } from '../store/collections.ts';
import type { Store } from '../store/connect.ts';
import type { Database, Executor } from '../store/database.ts';
import { listImportRows, updateImportRowState } from '../store/import-row.repository.ts';
import { insertNewRecords, nextPosition } from '../store/record-sql.ts';
import { bumpRevision } from '../store/revision.repository.ts';
import { deleteRule, loadRules, saveRules } from '../store/rule.repository.ts';
import { AppError } from './errors.ts';
import { ImportPlanner } from './imports/plan.ts';
import { fromImportRow } from './imports/rows.ts';

export interface NewRule {
  /** The conditions as a user types them: `description contains "VIP"`. */
  when: string;
  then: RuleTargets;
  appliesTo?: Rule['appliesTo'];
  name?: string | null;
  id?: string;
}

export async function listRules(store: Store, practiceId: number): Promise<Rule[]> {
  return loadRules(store.db, practiceId);
}

async function checkTargets(db: Executor, practiceId: number, then: RuleTargets): Promise<void> {
  if (then.offerId) {
    const offer = await db
      .selectFrom('offers')
      .select('id')
      .where('practiceId', '=', practiceId)
      .where('id', '=', then.offerId)
      .executeTakeFirst();
    if (!offer) {
      const ids = await db
        .selectFrom('offers')
        .select(['id', 'name'])
        .where('practiceId', '=', practiceId)
        .execute();
      throw new AppError(
        'invalid_input',
        `no offer "${then.offerId}"; the offers are ${ids.map((o) => `${o.id} (${o.name})`).join(', ') || 'none yet'}`,
      );
    }
  }
  if (then.clientId) {
    const client = await db
      .selectFrom('clients')
      .select('id')
      .where('practiceId', '=', practiceId)
      .where('id', '=', then.clientId)
      .executeTakeFirst();
    if (!client) throw new AppError('invalid_input', `no client "${then.clientId}"`);
  }
}

function readConditions(text: string): Rule['when'] {
  const parsed = parseConditions(text);
  if (!parsed.ok) {
    throw new AppError(
      'invalid_input',
      `cannot read the conditions:\n${formatParseError(text, parsed.error)}`,
    );
  }
  return parsed.when;
}

/** Validates a rule whole and checks its targets exist, then saves it (upsert by id). */
async function checkAndSave(store: Store, practiceId: number, candidate: Rule): Promise<Rule> {
  const checked = ruleSchema.safeParse(candidate);
  if (!checked.success) {
    throw new AppError(
      'invalid_input',
      checked.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; '),
    );
  }
  await checkTargets(store.db, practiceId, checked.data.then);
  await saveRules(store.db, practiceId, [checked.data as Rule]);
  return checked.data as Rule;
}

/** Adds a rule at the end of the list; returns it. */
export async function addRule(store: Store, practiceId: number, input: NewRule): Promise<Rule> {
  const when = readConditions(input.when);
  const existing = await loadRules(store.db, practiceId);
  let id = input.id;
  if (!id) {
    let n = existing.length + 1;
    while (existing.some((r) => r.id === `r${n}`)) n++;
    id = `r${n}`;
  } else if (existing.some((r) => r.id === id)) {
    throw new AppError('conflict', `a rule with id "${id}" exists already`);
  }
  return checkAndSave(store, practiceId, {
    id,
    name: input.name ?? null,
    appliesTo: input.appliesTo ?? 'any',
    when,
    then: input.then,
  });
}

/** Changes a rule in place (its position stays): new conditions, targets set or cleared. */
export async function updateRule(
  store: Store,
  practiceId: number,
  id: string,
  changes: {
    when?: string;
    then?: RuleTargets;
    appliesTo?: Rule['appliesTo'];
    name?: string | null;
  },
): Promise<Rule> {
  const rule = (await loadRules(store.db, practiceId)).find((r) => r.id === id);
  if (!rule) throw new AppError('not_found', `no rule "${id}"`);
  return checkAndSave(store, practiceId, {
    ...rule,
    when: changes.when === undefined ? rule.when : readConditions(changes.when),
    then: { ...rule.then, ...changes.then },
    appliesTo: changes.appliesTo ?? rule.appliesTo,
    name: changes.name === undefined ? rule.name : changes.name,
  });
}

export async function removeRule(store: Store, practiceId: number, id: string): Promise<void> {
  if (!(await deleteRule(store.db, practiceId, id)))
    throw new AppError('not_found', `no rule "${id}"`);
}

export interface ApplySummary {
  rows: number;
  changed: number;
  /** Time entries that became records because a rule now gives them an activity. */
  added: number;
  /** Time entries taken out because no rule gives them an activity any more. */
  removed: number;
  unassigned: number;
}

const PAGE = 5000;

/** Re-applies the rules to every imported row of the practice, in one transaction. */
export async function applyRulesToImports(store: Store, practiceId: number): Promise<ApplySummary> {
  return store.db.transaction().execute(async (trx) => reapply(trx, practiceId));
}

async function reapply(trx: Transaction<Database>, practiceId: number): Promise<ApplySummary> {
  // The records below are updated with this function's own SQL.
  await bumpRevision(trx, practiceId);
  const clients = (await trx
    .selectFrom('clients')
    .select(['id', 'name', 'email', 'segment', 'source', 'referredBy'])
    .where('practiceId', '=', practiceId)
    .execute()) as Client[];
  const planner = new ImportPlanner({
    matcher: compileRules(await loadRules(trx, practiceId)),
    clients,
    storedPayment: () => undefined,
  });
  const summary: ApplySummary = { rows: 0, changed: 0, added: 0, removed: 0, unassigned: 0 };
  for (let offset = 0; ; offset += PAGE) {
    const rows = await listImportRows(trx, practiceId, { limit: PAGE, offset });
    if (rows.length === 0) break;
    const newClients: Client[] = [];
    const newEntries: TimeEntry[] = [];
    for (const row of rows) {
      summary.rows++;
      const plan = planner.plan(fromImportRow(row), row.format);
      if (plan.newClient) newClients.push(plan.newClient);
      if (plan.unassigned) summary.unassigned++;
      const record = plan.record;
      let changed = false;
      if (record?.kind === 'payment') {
        const r = await trx
          .updateTable('payments')
          .set({ offerId: record.value.offerId, clientId: record.value.clientId })
          .where('practiceId', '=', practiceId)
          .where('id', '=', row.id)
          .where((eb) =>
            eb.or([
              eb('offerId', 'is distinct from', record.value.offerId),
              eb('clientId', 'is distinct from', record.value.clientId),
            ]),
          )
          .executeTakeFirst();
        changed = Number(r.numUpdatedRows) > 0;
      } else if (record?.kind === 'cost') {
        const r = await trx
          .updateTable('costs')
          .set({ offerId: record.value.offerId, channel: record.value.channel })
          .where('practiceId', '=', practiceId)
          .where('id', '=', row.id)
          .where((eb) =>
            eb.or([
              eb('offerId', 'is distinct from', record.value.offerId),
              eb('channel', 'is distinct from', record.value.channel),
            ]),
          )
          .executeTakeFirst();
        changed = Number(r.numUpdatedRows) > 0;
      } else if (record?.kind === 'time') {
        if (row.materialized) {
          const v = record.value;
          const r = await trx
            .updateTable('timeEntries')
            .set({
              activity: v.activity,
              offerId: v.offerId,
              channel: v.channel,
              clientId: v.clientId,
            })
            .where('practiceId', '=', practiceId)
            .where('id', '=', row.id)
            .where((eb) =>
              eb.or([
                eb('activity', 'is distinct from', v.activity),
                eb('offerId', 'is distinct from', v.offerId),
                eb('channel', 'is distinct from', v.channel),
                eb('clientId', 'is distinct from', v.clientId),
              ]),
            )
            .executeTakeFirst();
          changed = Number(r.numUpdatedRows) > 0;
        } else {
          newEntries.push(record.value);
          summary.added++;
          changed = true;
        }
      } else if (row.materialized) {
        await trx
          .deleteFrom('timeEntries')
          .where('practiceId', '=', practiceId)
          .where('id', '=', row.id)
          .execute();
        summary.removed++;
        changed = true;
      }
      if (changed) summary.changed++;
      const materialized = record !== null;
      if (
        Boolean(row.unassigned) !== plan.unassigned ||
        Boolean(row.materialized) !== materialized
      ) {
        await updateImportRowState(trx, practiceId, row.id, {
          unassigned: plan.unassigned,
          materialized,
        });
      }
    }
    for (const [name, records] of [
      ['clients', newClients],
      ['timeEntries', newEntries],
    ] as const) {
      if (records.length === 0) continue;
      const spec = COLLECTIONS[name];
      await insertNewRecords(
        trx,
        spec,
        practiceId,
        records,
        await nextPosition(trx, spec, practiceId),
      );
    }
  }
  return summary;
}
