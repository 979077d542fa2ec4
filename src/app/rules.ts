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
import { type PaymentRef, selectPaymentRefs } from '../store/bulk-insert.ts';
import { COLLECTIONS } from '../store/collections.ts';
import type { Store } from '../store/connect.ts';
import type { Database, Executor } from '../store/database.ts';
import {
  countImportRows,
  importRowPages,
  updateImportRowStates,
} from '../store/import-row.repository.ts';
import {
  deleteRecordsById,
  insertNewRecords,
  nextPosition,
  selectRecordsById,
  updateRecordsById,
} from '../store/record-sql.ts';
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

/** Imported rows read, planned and written back at a time. */
const ROWS_PER_PAGE = 5000;

/**
 * The fields of each kind of record a rule decides, as `reapply` compares and writes
 * them (the rest of a record is the source's and stays as imported).
 */
const ASSIGNED = {
  payments: ['offerId', 'clientId'],
  costs: ['offerId', 'channel'],
  timeEntries: ['activity', 'offerId', 'channel', 'clientId'],
} as const;

type Assigned = keyof typeof ASSIGNED;
type Fields = Record<string, unknown>;

/** Record ids gathered by the values they are to be given: one write per distinct values. */
class WritesByValues<V extends object> {
  private readonly groups = new Map<string, { values: V; ids: string[] }>();

  /** `values` built the same way each time (the same keys in the same order). */
  add(values: V, id: string): void {
    const key = JSON.stringify(values);
    const group = this.groups.get(key);
    if (group) group.ids.push(id);
    else this.groups.set(key, { values, ids: [id] });
  }

  [Symbol.iterator]() {
    return this.groups.values();
  }
}

export interface ApplyOptions {
  /** Rows read at a time (the default suits any size; tests make it small). */
  rowsPerPage?: number;
  /** Called after each page: rows re-applied so far, of how many. */
  onProgress?: (progress: { rows: number; of: number }) => void;
}

/** Re-applies the rules to every imported row of the practice, in one transaction. */
export async function applyRulesToImports(
  store: Store,
  practiceId: number,
  options: ApplyOptions = {},
): Promise<ApplySummary> {
  return store.db.transaction().execute((trx) => reapply(trx, practiceId, options));
}

/**
 * Walks the imported rows in date order, a page at a time after the last row read (the
 * index of migration 0010), plans each again under today's rules and clients, and
 * writes back only what differs: per page, one read of the records' assigned fields per
 * kind, one update per distinct assignment, one delete, one insert of the time entries
 * that now count, and one update per new inbox state.
 */
async function reapply(
  trx: Transaction<Database>,
  practiceId: number,
  { rowsPerPage = ROWS_PER_PAGE, onProgress }: ApplyOptions,
): Promise<ApplySummary> {
  // The records below are updated with this function's own SQL.
  await bumpRevision(trx, practiceId);
  const clients = (await trx
    .selectFrom('clients')
    .select(['id', 'name', 'email', 'segment', 'source', 'referredBy'])
    .where('practiceId', '=', practiceId)
    .execute()) as Client[];
  // The payments refunds on this page refund, as stored: those of earlier pages are
  // written already, and the planner forgets each page's payments once it is written.
  let refunded = new Map<string, PaymentRef>();
  const planner = new ImportPlanner({
    matcher: compileRules(await loadRules(trx, practiceId)),
    clients,
    storedPayment: (id) => refunded.get(id),
  });
  const summary: ApplySummary = { rows: 0, changed: 0, added: 0, removed: 0, unassigned: 0 };
  const of = onProgress ? await countImportRows(trx, practiceId) : 0;
  for await (const rows of importRowPages(trx, practiceId, { rowsPerPage })) {
    const originals = rows.filter((r) => r.refundOf).map((r) => `${r.format}:${r.refundOf}`);
    refunded = new Map((await selectPaymentRefs(trx, practiceId, originals)).map((p) => [p.id, p]));
    const newClients: Client[] = [];
    const newEntries: TimeEntry[] = [];
    const wanted: Record<Assigned, Map<string, object>> = {
      payments: new Map(),
      costs: new Map(),
      timeEntries: new Map(),
    };
    const removed: string[] = [];
    const states = new WritesByValues<{ unassigned: boolean; materialized: boolean }>();
    for (const row of rows) {
      summary.rows++;
      const plan = planner.plan(fromImportRow(row), row.format);
      if (plan.newClient) newClients.push(plan.newClient);
      if (plan.unassigned) summary.unassigned++;
      const record = plan.record;
      if (record?.kind === 'payment') wanted.payments.set(row.id, record.value);
      else if (record?.kind === 'cost') wanted.costs.set(row.id, record.value);
      else if (record?.kind === 'time') {
        if (row.materialized) wanted.timeEntries.set(row.id, record.value);
        else newEntries.push(record.value);
      } else if (row.materialized) removed.push(row.id);
      const state = { unassigned: plan.unassigned, materialized: record !== null };
      if (
        Boolean(row.unassigned) !== state.unassigned ||
        Boolean(row.materialized) !== state.materialized
      )
        states.add(state, row.id);
    }
    for (const name of Object.keys(ASSIGNED) as Assigned[])
      summary.changed += await reassign(trx, name, practiceId, wanted[name]);
    const taken = await deleteRecordsById(trx, COLLECTIONS.timeEntries, practiceId, removed);
    summary.removed += taken;
    summary.changed += taken;
    summary.added += newEntries.length;
    summary.changed += newEntries.length;
    for (const { values, ids } of states) await updateImportRowStates(trx, practiceId, ids, values);
    for (const [name, records] of [
      ['clients', newClients],
      ['timeEntries', newEntries],
    ] as const) {
      if (records.length === 0) continue;
      const target = COLLECTIONS[name];
      const first = await nextPosition(trx, target, practiceId);
      await insertNewRecords(trx, target, practiceId, records, first);
    }
    planner.forget(wanted.payments.keys());
    onProgress?.({ rows: summary.rows, of });
  }
  return summary;
}

/**
 * Gives the stored records of `name` the assigned fields in `wanted` (by record id) where
 * they differ; returns how many records changed. Records no longer stored (deleted by
 * hand since) are left alone.
 */
async function reassign(
  trx: Transaction<Database>,
  name: Assigned,
  practiceId: number,
  wanted: ReadonlyMap<string, object>,
): Promise<number> {
  if (wanted.size === 0) return 0;
  const spec = COLLECTIONS[name];
  const fields = ASSIGNED[name];
  const stored = await selectRecordsById(trx, spec, practiceId, [...wanted.keys()], fields);
  const changes = new WritesByValues<Fields>();
  for (const [id, planned] of wanted) {
    const record = planned as Fields;
    const now = stored.get(id);
    if (!now || fields.every((f) => (now[f] ?? null) === (record[f] ?? null))) continue;
    const values: Fields = {};
    for (const f of fields) values[f] = record[f] ?? null;
    changes.add(values, id);
  }
  let changed = 0;
  for (const { values, ids } of changes)
    changed += await updateRecordsById(trx, spec, practiceId, ids, values);
  return changed;
}
