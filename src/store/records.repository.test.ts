/** savePracticeData / loadPracticeData / countRecords on both engines. */
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import type { PracticeData } from '../domain/model.ts';
import { createPractice } from './practice.repository.ts';
import { countRecords, loadPracticeData, savePracticeData } from './records.repository.ts';
import { buildPractice, buildPracticeData } from './test-data.ts';

describeEachEngine('records repository', (ctx) => {
  async function practiceWith(data: PracticeData): Promise<number> {
    const id = await createPractice(ctx.store.db, data.practice);
    await savePracticeData(ctx.store.db, id, data);
    return id;
  }

  it('round-trips every field type in the saved order', async () => {
    const data = buildPracticeData();
    const id = await practiceWith(data);
    // toStrictEqual: same values, same order, nulls stay null, no extra keys.
    expect(await loadPracticeData(ctx.store.db, id)).toStrictEqual(data);
  });

  it('saving the same data twice adds nothing', async () => {
    const { db } = ctx.store;
    const data = buildPracticeData();
    const id = await practiceWith(data);
    const counts = await countRecords(db, id);
    const summary = await savePracticeData(db, id, data);
    expect(summary.payments).toEqual({ added: 0, updated: data.payments.length });
    expect(await countRecords(db, id)).toEqual(counts);
    expect(await loadPracticeData(db, id)).toStrictEqual(data);
  });

  it('updates changed records by key and appends new ones, keeping the order', async () => {
    const { db } = ctx.store;
    const data = buildPracticeData();
    const id = await practiceWith(data);
    const p1 = { ...data.payments[0]!, amount: 17_500, note: 'changed', externalId: 'ch_1b' };
    const t2 = { ...data.timeEntries[1]!, hours: 2.75, channel: null };
    const rate = { ...data.rates[1]!, rate: 1.1 };
    const snapshot = { date: '2024-06-30', subscribers: 1300 };
    const newPayment = { ...data.payments[1]!, id: 'p9', externalId: 'ch_9' };
    const summary = await savePracticeData(db, id, {
      ...buildPracticeData({ offers: [], clients: [], costs: [], conversations: [] }),
      payments: [newPayment, p1],
      timeEntries: [t2],
      rates: [rate],
      listSnapshots: [snapshot],
    });
    expect(summary.payments).toEqual({ added: 1, updated: 1 });
    expect(summary.offers).toEqual({ added: 0, updated: 0 });
    const loaded = await loadPracticeData(db, id);
    expect(loaded.payments).toStrictEqual([p1, ...data.payments.slice(1), newPayment]);
    expect(loaded.timeEntries).toStrictEqual([data.timeEntries[0], t2]);
    expect(loaded.rates).toStrictEqual([data.rates[0], rate]);
    expect(loaded.listSnapshots).toStrictEqual([snapshot, data.listSnapshots[1]]);
    expect(loaded.offers).toStrictEqual(data.offers);
  });

  it('keeps practices apart: same ids, different records', async () => {
    const { db } = ctx.store;
    const a = buildPracticeData();
    const b = buildPracticeData({
      practice: buildPractice({ name: 'Other', currency: 'EUR' }),
      payments: [{ ...a.payments[0]!, amount: 1 }],
      timeEntries: [],
    });
    const idA = await practiceWith(a);
    const idB = await practiceWith(b);
    expect(await loadPracticeData(db, idA)).toStrictEqual(a);
    expect(await loadPracticeData(db, idB)).toStrictEqual(b);
    expect((await countRecords(db, idB)).timeEntries).toBe(0);
  });

  it('loads dated records up to a date, and all offers and clients', async () => {
    const data = buildPracticeData();
    const id = await practiceWith(data);
    const loaded = await loadPracticeData(ctx.store.db, id, { to: '2024-01-31' });
    expect(loaded.payments.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(loaded.timeEntries).toHaveLength(2);
    expect(loaded.costs).toEqual([]);
    expect(loaded.listSnapshots).toEqual([{ date: '2024-01-31', subscribers: 0 }]);
    expect(loaded.offers).toStrictEqual(data.offers);
    expect(loaded.clients).toStrictEqual(data.clients);
    await expect(loadPracticeData(ctx.store.db, id, { to: '31/01/2024' })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });

  it('refuses an unknown practice', async () => {
    await expect(loadPracticeData(ctx.store.db, 999)).rejects.toMatchObject({
      code: 'practice_not_found',
    });
  });

  it('refuses data naming a record twice, writing nothing', async () => {
    const { db } = ctx.store;
    const data = buildPracticeData();
    const id = await createPractice(db, data.practice);
    const twice = { ...data, rates: [...data.rates, { ...data.rates[0]!, rate: 2 }] };
    await expect(savePracticeData(db, id, twice)).rejects.toMatchObject({
      code: 'duplicate_record',
      message: expect.stringContaining('2024-01-01 JPY USD'),
    });
    expect((await countRecords(db, id)).offers).toBe(0);
  });

  it('keeps external ids unique per practice, not across practices', async () => {
    const { db } = ctx.store;
    const data = buildPracticeData();
    const id = await practiceWith(data);
    const sameInInput = [
      { ...data.payments[0]!, id: 'x1', externalId: 'ch_x' },
      { ...data.payments[0]!, id: 'x2', externalId: 'ch_x' },
    ];
    await expect(
      savePracticeData(db, id, { ...data, payments: sameInInput }),
    ).rejects.toMatchObject({ code: 'duplicate_external_id' });
    // p1 holds ch_1 already: another payment may not take it.
    const stolen = { ...data.payments[0]!, id: 'x3' };
    await expect(savePracticeData(db, id, { ...data, payments: [stolen] })).rejects.toMatchObject({
      code: 'duplicate_external_id',
    });
    expect((await countRecords(db, id)).payments).toBe(data.payments.length);
    // Nulls never clash; another practice may use the same external ids.
    const other = await createPractice(db, buildPractice({ name: 'Other' }));
    await savePracticeData(db, other, data);
    expect((await countRecords(db, other)).payments).toBe(data.payments.length);
  });

  it('rolls the whole save back when one collection fails', async () => {
    const { db } = ctx.store;
    const data = buildPracticeData();
    const id = await practiceWith(data);
    const clash = { ...data.payments[0]!, id: 'p-new', externalId: 'ch_big' };
    const changedOffer = { ...data.offers[0]!, name: 'Renamed' };
    await expect(
      savePracticeData(db, id, { ...data, offers: [changedOffer], payments: [clash] }),
    ).rejects.toMatchObject({ code: 'duplicate_external_id' });
    expect(await loadPracticeData(db, id)).toStrictEqual(data);
  });
});
