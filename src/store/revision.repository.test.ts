/**
 * Data revisions: every store function that writes a practice's data moves the
 * practice's revision, in the writer's transaction (a rollback leaves it), and only that
 * practice's; another connection to the database sees the new number. Import settings
 * (rules, saved mappings), which no kept document reads, hold the revision's row while
 * they write but leave its number. On both engines.
 */
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { COLLECTIONS } from './collections.ts';
import { openStore } from './connect.ts';
import type { Executor } from './database.ts';
import {
  createImport,
  finishImport,
  insertImportRows,
  updateImportRowStates,
} from './import-row.repository.ts';
import { saveMapping } from './mapping.repository.ts';
import { createPractice, deletePractice, updatePractice } from './practice.repository.ts';
import { deleteRecord, insertRecord, updateRecord } from './record-crud.repository.ts';
import {
  deleteRecordsById,
  insertNewRecords,
  updateRecordsById,
  upsertRecords,
} from './record-sql.ts';
import { savePracticeData } from './records.repository.ts';
import {
  bumpRevision,
  holdRevision,
  readRevision,
  recentlyChanged,
} from './revision.repository.ts';
import { deleteRule, loadRules, reorderRules, saveRules } from './rule.repository.ts';
import { buildImportRow, buildPayments, buildPractice, buildPracticeData } from './test-data.ts';

const RULE = {
  id: 'r1',
  name: null,
  appliesTo: 'any' as const,
  when: [{ field: 'description', op: 'contains' as const, value: 'VIP' }],
  then: { offerId: 'o1' },
};

const ROW = buildImportRow();

/** Every store write of practice data, in an order that works on one practice. */
const WRITES: [string, (db: Executor, id: number) => Promise<unknown>][] = [
  ['savePracticeData', (db, id) => savePracticeData(db, id, buildPracticeData())],
  ['upsertRecords', (db, id) => upsertRecords(db, COLLECTIONS.payments, id, buildPayments(2), 100)],
  [
    'insertNewRecords',
    (db, id) => insertNewRecords(db, COLLECTIONS.payments, id, buildPayments(3, 'n'), 200),
  ],
  [
    'insertRecord',
    (db, id) => insertRecord(db, COLLECTIONS.payments, id, { ...buildPayments(1, 'x')[0] }),
  ],
  ['updateRecord', (db, id) => updateRecord(db, COLLECTIONS.payments, id, 'x1', { amount: 5 })],
  [
    'updateRecordsById',
    (db, id) => updateRecordsById(db, COLLECTIONS.payments, id, ['n1', 'n2'], { offerId: null }),
  ],
  ['deleteRecordsById', (db, id) => deleteRecordsById(db, COLLECTIONS.payments, id, ['n3'])],
  ['deleteRecord', (db, id) => deleteRecord(db, COLLECTIONS.payments, id, 'x1')],
  ['updatePractice', (db, id) => updatePractice(db, id, { weeklyCapacityHours: 12 })],
  [
    'createImport',
    (db, id) => createImport(db, id, { file: 'a.csv', format: 'stripe', createdAt: 'x' }),
  ],
  ['insertImportRows', (db, id) => insertImportRows(db, id, [ROW])],
  [
    'updateImportRowStates',
    (db, id) => updateImportRowStates(db, id, [ROW.id], { unassigned: false, materialized: true }),
  ],
  [
    'finishImport',
    (db, id) => finishImport(db, id, 1, { rowsRead: 1, rowsAdded: 1, rowsSkipped: 0 }),
  ],
  ['deletePractice', (db, id) => deletePractice(db, id)],
];

/** Writes of import settings: they take the revision's row but do not move it. */
const SETTINGS: [string, (db: Executor, id: number) => Promise<unknown>][] = [
  ['saveRules', (db, id) => saveRules(db, id, [RULE, { ...RULE, id: 'r2' }])],
  ['reorderRules', (db, id) => reorderRules(db, id, ['r2', 'r1'])],
  ['deleteRule', (db, id) => deleteRule(db, id, 'r2')],
  ['saveMapping', (db, id) => saveMapping(db, id, 'bank', { date: 'Date' })],
];

describeEachEngine('data revisions', (ctx) => {
  it('move with every store write of a practice, and only that practice', async () => {
    const { db } = ctx.store;
    const id = await createPractice(db, buildPractice());
    const other = await createPractice(db, buildPractice({ name: 'Other' }));
    const untouched = await readRevision(db, other);
    expect(await readRevision(db, id)).toBeGreaterThan(0);
    for (const [name, write] of WRITES) {
      const before = await readRevision(db, id);
      await write(db, id);
      expect(await readRevision(db, id), name).toBeGreaterThan(before);
    }
    expect(await readRevision(db, other)).toBe(untouched);
  });

  it('move when the transaction commits, once, and not at all when it rolls back', async () => {
    const { db } = ctx.store;
    const id = await createPractice(db, buildPractice());
    const start = await readRevision(db, id);
    await db
      .transaction()
      .execute(async (trx) => {
        await savePracticeData(trx, id, buildPracticeData());
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await readRevision(db, id)).toBe(start);
    const committed = await db.transaction().execute(async (trx) => {
      await bumpRevision(trx, id);
      const first = await readRevision(trx, id);
      await savePracticeData(trx, id, buildPracticeData());
      await updatePractice(trx, id, { niche: 'teachers' });
      // Later writes of the same transaction do not write the revision again.
      expect(await readRevision(trx, id)).toBe(first);
      return first;
    });
    expect(committed).toBeGreaterThan(start);
    expect(await readRevision(db, id)).toBe(committed);
  });

  it('move with the write they announce or not at all, outside a transaction too', async () => {
    // A bump committed on its own before a write would let a report of the old data be
    // kept under the new revision; a write that fails must leave the revision as it was.
    const { db } = ctx.store;
    const taken = await createPractice(db, buildPractice({ name: 'Taken' }));
    const id = await createPractice(db, buildPractice({ name: 'Mine' }));
    const start = await readRevision(db, id);
    await expect(updatePractice(db, id, { name: 'Taken' })).rejects.toThrow();
    expect(await readRevision(db, id)).toBe(start);
    await insertRecord(db, COLLECTIONS.payments, id, { ...buildPayments(1, 'y')[0] });
    const afterInsert = await readRevision(db, id);
    expect(afterInsert).toBeGreaterThan(start);
    expect(await deleteRecord(db, COLLECTIONS.payments, id, 'y1')).toBe(true);
    expect(await readRevision(db, id)).toBeGreaterThan(afterInsert);
    expect(taken).not.toBe(id);
  });

  it('stay where they are when rules and mappings are written, whose rows hold them', async () => {
    const { db } = ctx.store;
    const id = await createPractice(db, buildPractice());
    await savePracticeData(db, id, buildPracticeData());
    for (const [name, write] of SETTINGS) {
      const before = await readRevision(db, id);
      await write(db, id);
      expect(await readRevision(db, id), name).toBe(before);
    }
    expect((await loadRules(db, id)).map((r) => r.id)).toEqual(['r1']);
    // A practice without a row (written before migration 0004) still reads 0.
    await db.deleteFrom('practiceRevisions' as never).execute();
    await saveRules(db, id, [{ ...RULE, id: 'r3' }]);
    expect(await readRevision(db, id)).toBe(0);
    await bumpRevision(db, id);
    expect(await readRevision(db, id)).toBeGreaterThan(0);
  });

  it('are held by a rule write until it commits: another writer of the practice waits', async () => {
    const id = await createPractice(ctx.store.db, buildPractice());
    // The hold alone (what rule and mapping writes take first), and a whole rule write.
    const writes: [string, (trx: Executor) => Promise<unknown>][] = [
      ['holdRevision', (trx) => holdRevision(trx, id)],
      ['saveRules', (trx) => saveRules(trx, id, [RULE])],
    ];
    for (const [name, write] of writes) {
      const second = await openStore(ctx.database.target);
      let release = () => {};
      try {
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let started = () => {};
        const holding = new Promise<void>((resolve) => {
          started = resolve;
        });
        const writer = ctx.store.db.transaction().execute(async (trx) => {
          await write(trx);
          started();
          await held;
        });
        await holding;
        if (second.sqlite) {
          // SQLite: while the transaction is open, a writer that will not wait is refused
          // (a waiting one would block this thread, which holds the lock).
          second.sqlite.pragma('busy_timeout = 0');
          await expect(bumpRevision(second.db, id), name).rejects.toThrow(/locked|busy/i);
          release();
          await writer;
          await bumpRevision(second.db, id);
          continue;
        }
        let bumped = false;
        const other = bumpRevision(second.db, id).then(() => {
          bumped = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        // PostgreSQL: the second connection waits for the row lock instead of interleaving.
        expect(bumped, name).toBe(false);
        release();
        await writer;
        await other;
        expect(bumped, name).toBe(true);
      } finally {
        release();
        await second.close();
      }
    }
  });

  it('list the practices written last first, then the unwritten by id, in one query', async () => {
    const { db } = ctx.store;
    const a = await createPractice(db, buildPractice({ name: 'A' }));
    const b = await createPractice(db, buildPractice({ name: 'B' }));
    const c = await createPractice(db, buildPractice({ name: 'C' }));
    await db.deleteFrom('practiceRevisions' as never).execute();
    await bumpRevision(db, b);
    await bumpRevision(db, a);
    await bumpRevision(db, a);
    const recent = await recentlyChanged(db, 10);
    expect(recent.map((r) => r.id)).toEqual([a, b, c]);
    expect(recent[0]!.revision).toBe(await readRevision(db, a));
    expect(recent[2]!.revision).toBe(0);
    expect((await recentlyChanged(db, 2)).map((r) => r.id)).toEqual([a, b]);
  });

  it('are seen by another connection (another server process) after the commit', async () => {
    const id = await createPractice(ctx.store.db, buildPractice());
    const second = await openStore(ctx.database.target);
    try {
      const seen = await readRevision(second.db, id);
      expect(seen).toBe(await readRevision(ctx.store.db, id));
      await insertRecord(ctx.store.db, COLLECTIONS.payments, id, { ...buildPayments(1)[0] });
      expect(await readRevision(second.db, id)).toBeGreaterThan(seen);
    } finally {
      await second.close();
    }
  });

  it('keep growing for a practice id used again and past the clock', async () => {
    const { db } = ctx.store;
    const id = await createPractice(db, buildPractice());
    await deletePractice(db, id);
    const gone = await readRevision(db, id);
    // The row outlives the practice: whatever gets this id next starts above it.
    expect(gone).toBeGreaterThan(0);
    await bumpRevision(db, id);
    expect(await readRevision(db, id)).toBeGreaterThan(gone);
    // A number from the future (a restored database, a clock behind) still grows by one.
    const ahead = Date.now() + 10 ** 9;
    await db
      .updateTable('practiceRevisions' as never)
      .set({ revision: ahead } as never)
      .where('practiceId' as never, '=', id as never)
      .execute();
    await bumpRevision(db, id);
    expect(await readRevision(db, id)).toBe(ahead + 1);
  });
});
