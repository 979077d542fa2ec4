/** Practices on both engines: create, find, list, update, delete (with cascade), unique names. */
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import {
  createPractice,
  deletePractice,
  findPracticeById,
  findPracticeByName,
  listPractices,
  updatePractice,
} from './practice.repository.ts';
import { countRecords, savePracticeData } from './records.repository.ts';
import { buildPractice, buildPracticeData } from './test-data.ts';

describeEachEngine('practice repository', (ctx) => {
  it('creates a practice and finds it by id and by name', async () => {
    const { db } = ctx.store;
    const practice = buildPractice({ liveSessions: false, targets: {}, niche: null });
    const now = new Date('2026-11-25T09:00:00.000Z');
    const id = await createPractice(db, practice, now);
    const expected = {
      ...practice,
      id,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    expect(await findPracticeById(db, id)).toEqual(expected);
    expect(await findPracticeByName(db, practice.name)).toEqual(expected);
    expect(await findPracticeByName(db, practice.name.toUpperCase())).toBeUndefined();
    expect(await findPracticeById(db, id + 1)).toBeUndefined();
  });

  it('lists practices oldest first', async () => {
    const { db } = ctx.store;
    const b = await createPractice(db, buildPractice({ name: 'Zebra Studio' }));
    const a = await createPractice(db, buildPractice({ name: 'Ábaco' }));
    expect((await listPractices(db)).map((p) => [p.id, p.name])).toEqual([
      [b, 'Zebra Studio'],
      [a, 'Ábaco'],
    ]);
  });

  it('refuses a second practice with the same name', async () => {
    const { db } = ctx.store;
    await createPractice(db, buildPractice());
    await expect(createPractice(db, buildPractice())).rejects.toMatchObject({
      code: 'practice_name_taken',
    });
    expect(await listPractices(db)).toHaveLength(1);
  });

  it('updates only the settings given', async () => {
    const { db } = ctx.store;
    const id = await createPractice(db, buildPractice(), new Date('2026-01-01T00:00:00Z'));
    await updatePractice(
      db,
      id,
      { currency: 'JPY', weeklyCapacityHours: 12.5, liveSessions: false, targets: { buyers: 80 } },
      new Date('2026-02-01T00:00:00Z'),
    );
    expect(await findPracticeById(db, id)).toEqual({
      ...buildPractice(),
      currency: 'JPY',
      weeklyCapacityHours: 12.5,
      liveSessions: false,
      targets: { buyers: 80 },
      id,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-02-01T00:00:00.000Z',
    });
  });

  it('refuses to rename onto an existing name, and to update a missing practice', async () => {
    const { db } = ctx.store;
    await createPractice(db, buildPractice({ name: 'One' }));
    const two = await createPractice(db, buildPractice({ name: 'Two' }));
    await expect(updatePractice(db, two, { name: 'One' })).rejects.toMatchObject({
      code: 'practice_name_taken',
    });
    await expect(updatePractice(db, two + 100, { niche: 'x' })).rejects.toMatchObject({
      code: 'practice_not_found',
    });
  });

  it('deletes a practice and, by cascade, only its records', async () => {
    const { db } = ctx.store;
    const data = buildPracticeData();
    const gone = await createPractice(db, data.practice);
    const kept = await createPractice(db, buildPractice({ name: 'Kept' }));
    await savePracticeData(db, gone, data);
    await savePracticeData(db, kept, data);
    expect(await deletePractice(db, gone)).toBe(true);
    expect(await deletePractice(db, gone)).toBe(false);
    expect(await findPracticeById(db, gone)).toBeUndefined();
    expect(Object.values(await countRecords(db, gone))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect((await countRecords(db, kept)).payments).toBe(data.payments.length);
  });

  it('works inside a transaction that rolls back', async () => {
    const { db } = ctx.store;
    await expect(
      db.transaction().execute(async (trx) => {
        await createPractice(trx, buildPractice());
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await listPractices(db)).toEqual([]);
  });
});
