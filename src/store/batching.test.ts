/** Large saves are split under each engine's bound-parameter limit and stay duplicate-free. */
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { createPractice } from './practice.repository.ts';
import { countRecords, loadPracticeData, savePracticeData } from './records.repository.ts';
import { buildPayments, buildPracticeData, buildTimeEntries } from './test-data.ts';

// 41,000 payments × 11 columns = 451,000 parameters: far over SQLite's 32,766 and
// PostgreSQL's 65,535 in one statement.
const PAYMENTS = 41_000;

describeEachEngine('batched saves', (ctx) => {
  it(`saves ${PAYMENTS} payments, re-saves them without duplicates, loads them in order`, async () => {
    const { db } = ctx.store;
    const data = buildPracticeData({
      payments: buildPayments(PAYMENTS),
      timeEntries: buildTimeEntries(1_000),
    });
    const id = await createPractice(db, data.practice);
    expect((await savePracticeData(db, id, data)).payments).toEqual({
      added: PAYMENTS,
      updated: 0,
    });
    const changed = { ...data.payments[PAYMENTS - 1]!, amount: -1 };
    const again = { ...data, payments: [...data.payments.slice(0, -1), changed] };
    expect((await savePracticeData(db, id, again)).payments).toEqual({
      added: 0,
      updated: PAYMENTS,
    });
    expect((await countRecords(db, id)).payments).toBe(PAYMENTS);
    const loaded = await loadPracticeData(db, id);
    expect(loaded.payments).toStrictEqual(again.payments);
    expect(loaded.timeEntries).toStrictEqual(data.timeEntries);
  }, 120_000);
});
