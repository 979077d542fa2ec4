/**
 * `fulcrum rules apply` (app/rules.ts) on generated Stripe and Toggl exports, on both
 * engines: re-applying changed rules to what was imported leaves every record and every
 * imported row as a fresh import under the new rules would, whatever the page size (the
 * pages follow one another by date and id, and a day holds many rows); it reports what
 * it changed; and a second run changes nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { importPractice, writeStripePayments, writeTogglEntries } from '../bench/import-data.ts';
import { fileSource, importFiles } from '../src/app/imports/import.ts';
import {
  type ApplySummary,
  addRule,
  applyRulesToImports,
  listRules,
  removeRule,
} from '../src/app/rules.ts';
import type { Store } from '../src/store/connect.ts';
import { createPractice } from '../src/store/practice.repository.ts';
import { savePracticeData } from '../src/store/records.repository.ts';
import { saveRules } from '../src/store/rule.repository.ts';
import { describeEachEngine } from './engines.ts';

const ROWS = 400;
let files: string[];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fulcrum-rules-apply-'));
  files = [path.join(dir, 'unified_payments.csv'), path.join(dir, 'toggl.csv')];
  await writeStripePayments(files[0]!, ROWS);
  await writeTogglEntries(files[1]!, ROWS);
});

/** A practice with the benchmark's offers and rules, and the generated files imported. */
async function importedPractice(store: Store, name: string): Promise<number> {
  const data = importPractice();
  const id = await createPractice(store.db, { ...data.practice, name });
  await savePracticeData(store.db, id, data);
  await importFiles(store, id, {
    files: files.map((f) => fileSource(f, path.basename(f))),
    asOf: '2026-11-25',
  });
  return id;
}

/**
 * Changes the rules: an offer moved, charges of one kind moved with their refunds, an
 * activity taken away, a new one given, one rewritten.
 */
async function changeRules(store: Store, practiceId: number): Promise<void> {
  await removeRule(store, practiceId, 'r1');
  await addRule(store, practiceId, {
    when: 'description contains "coaching session"',
    then: { offerId: 'o6' },
  });
  // Refunds of packages match no rule now: they take their charge's offer.
  await removeRule(store, practiceId, 'r2');
  await addRule(store, practiceId, {
    when: 'description contains "package" and type = "charge"',
    then: { offerId: 'o5' },
  });
  await removeRule(store, practiceId, 'r13');
  await addRule(store, practiceId, {
    when: 'project contains "Misc"',
    then: { activity: 'admin' },
  });
  await removeRule(store, practiceId, 'r10');
  await addRule(store, practiceId, {
    when: 'project contains "charting"',
    then: { offerId: 'o3', activity: 'delivery', channel: 'referral' },
  });
}

/** What the rules decide, per record and per imported row, by id. */
async function assignments(store: Store, practiceId: number) {
  const { db } = store;
  const byId = <T extends { id: string }>(rows: T[]) =>
    Object.fromEntries(rows.map(({ id, ...rest }) => [id, rest]));
  return {
    payments: byId(
      await db
        .selectFrom('payments')
        .select(['id', 'offerId', 'clientId'])
        .where('practiceId', '=', practiceId)
        .execute(),
    ),
    timeEntries: byId(
      await db
        .selectFrom('timeEntries')
        .select(['id', 'activity', 'offerId', 'channel', 'clientId'])
        .where('practiceId', '=', practiceId)
        .execute(),
    ),
    importRows: byId(
      await db
        .selectFrom('importRows')
        .select(['id', 'unassigned', 'materialized'])
        .where('practiceId', '=', practiceId)
        .execute(),
    ),
  };
}

type Assignments = Awaited<ReturnType<typeof assignments>>;

/** The summary `rules apply` should report for going from `before` to `after`. */
function expectedSummary(before: Assignments, after: Assignments): ApplySummary {
  const ids = (o: object) => new Set(Object.keys(o));
  const [was, now] = [ids(before.timeEntries), ids(after.timeEntries)];
  const added = [...now].filter((id) => !was.has(id)).length;
  const removed = [...was].filter((id) => !now.has(id)).length;
  let reassigned = 0;
  for (const kind of ['payments', 'timeEntries'] as const) {
    for (const [id, value] of Object.entries(before[kind])) {
      const next = after[kind][id];
      if (next && JSON.stringify(next) !== JSON.stringify(value)) reassigned++;
    }
  }
  return {
    rows: Object.keys(after.importRows).length,
    changed: reassigned + added + removed,
    added,
    removed,
    unassigned: Object.values(after.importRows).filter((r) => r.unassigned).length,
  };
}

describeEachEngine('re-applying rules to imported rows', (ctx) => {
  it.each([
    // One row a page: every page starts inside a day, and every refund's charge was
    // written on an earlier page.
    ['one row', 1],
    ['the default page', undefined],
  ])(
    'gives what a fresh import under the new rules gives, read %s at a time',
    async (_, rowsPerPage) => {
      const { store } = ctx;
      const id = await importedPractice(store, 'Applied');
      const before = await assignments(store, id);
      await changeRules(store, id);

      const progress: { rows: number; of: number }[] = [];
      const summary = await applyRulesToImports(store, id, {
        rowsPerPage,
        onProgress: (p) => progress.push(p),
      });
      const after = await assignments(store, id);

      // The same files imported afresh under the new rules.
      const fresh = await createPractice(store.db, { ...importPractice().practice, name: 'Fresh' });
      await savePracticeData(store.db, fresh, { ...importPractice(), rules: [] });
      await saveRules(store.db, fresh, await listRules(store, id));
      await importFiles(store, fresh, {
        files: files.map((f) => fileSource(f, path.basename(f))),
        asOf: '2026-11-25',
      });
      expect(after).toEqual(await assignments(store, fresh));

      // Every kind of change happened, and the summary counts each.
      expect(summary).toEqual(expectedSummary(before, after));
      expect(summary.added).toBeGreaterThan(0);
      expect(summary.removed).toBeGreaterThan(0);
      expect(summary.changed).toBeGreaterThan(summary.added + summary.removed);

      // Time entries that now count come after the others, each at a position of its own.
      const positions = await store.db
        .selectFrom('timeEntries')
        .select(['id', 'position'])
        .where('practiceId', '=', id)
        .orderBy('position')
        .execute();
      expect(new Set(positions.map((p) => Number(p.position))).size).toBe(positions.length);
      const firstNew = positions.findIndex((p) => !(p.id in before.timeEntries));
      expect(positions.slice(firstNew).every((p) => !(p.id in before.timeEntries))).toBe(true);

      // Progress after every page, of every row.
      expect(progress).toHaveLength(Math.ceil(summary.rows / (rowsPerPage ?? summary.rows)));
      expect(progress.at(-1)).toEqual({ rows: summary.rows, of: summary.rows });

      // Nothing left to change.
      expect(await applyRulesToImports(store, id, { rowsPerPage })).toEqual({
        ...summary,
        changed: 0,
        added: 0,
        removed: 0,
      });
      expect(await assignments(store, id)).toEqual(after);
    },
  );
});
