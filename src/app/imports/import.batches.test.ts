/**
 * Imports longer than one write batch (2,000 rows), on both engines: a refund finds the
 * offer and client of its charge whether the charge was planned in the same batch, in an
 * earlier batch of the same import (then already written) or in an earlier import; a
 * re-import adds nothing; positions keep counting across batches and imports.
 */
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/engines.ts';
import { generateDemo } from '../../domain/demo/index.ts';
import { createPractice } from '../../store/practice.repository.ts';
import { savePracticeData } from '../../store/records.repository.ts';
import { importFiles } from './import.ts';

const HEADER =
  'id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description,Customer Facing Amount,Customer Facing Currency,Transfer,Transfer Date (UTC),Transfer Group';

const chargeId = (i: number) => `ch_3Test${String(i).padStart(8, '0')}`;

function charge(i: number, description: string): string {
  return `txn_c${i},charge,${chargeId(i)},150.00,4.65,145.35,usd,2024-01-05 10:00,2024-01-07 10:00,${description},150.00,usd,,,`;
}

function refund(i: number): string {
  return `txn_r${i},refund,re_${i},-150.00,0.00,-150.00,usd,2024-02-01 10:00,2024-02-01 10:00,REFUND FOR CHARGE (${chargeId(i)}),150.00,usd,,,`;
}

/** Charge 0 is coaching (o1 by rule), charges 1…n−1 are a course (o4 by rule). */
function charges(n: number): string[] {
  return Array.from({ length: n }, (_, i) => charge(i, i === 0 ? 'Coaching session' : 'Course'));
}

const file = (name: string, lines: string[]) => ({
  name,
  open: () => [Buffer.from(`${HEADER}\n${lines.join('\n')}\n`)],
});

describeEachEngine('imports of several batches', (ctx) => {
  async function practice(): Promise<number> {
    const demo = generateDemo();
    const id = await createPractice(ctx.store.db, demo.practice);
    await savePracticeData(ctx.store.db, id, {
      ...demo,
      clients: [],
      payments: [],
      timeEntries: [],
      costs: [],
      conversations: [],
      rules: [
        {
          id: 'r1',
          appliesTo: 'payment',
          when: [{ field: 'description', op: 'contains', value: 'coaching' }],
          then: { offerId: 'o1' },
        },
        {
          id: 'r2',
          appliesTo: 'payment',
          when: [{ field: 'description', op: 'equals', value: 'course' }],
          then: { offerId: 'o4' },
        },
      ],
    });
    return id;
  }

  async function offerOf(practiceId: number, id: string) {
    const row = await ctx.store.db
      .selectFrom('payments')
      .select(['offerId', 'position'])
      .where('practiceId', '=', practiceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row;
  }

  // With the indexes dropped after the first batch (SQLite: store/deferred-indexes.ts), the
  // stored charge is found through the payments' keys held in memory.
  it.each([
    ['', undefined],
    [', its indexes built after the rows', 1000],
  ])(
    'a refund 5,000 rows after its charge gets the charge offer%s; re-importing adds nothing',
    async (_, deferIndexesAtRows) => {
      const id = await practice();
      // Refund 1 sits in the same batch as its charge; refund 0 two batches later.
      const lines = [...charges(5000).slice(0, 2), refund(1), ...charges(5000).slice(2), refund(0)];
      const request = {
        files: [file('balance.csv', lines)],
        asOf: '2026-11-25',
        deferIndexesAtRows,
      };
      const first = await importFiles(ctx.store, id, request);
      expect(first.files[0]!.added.payments).toBe(5002);
      expect((await offerOf(id, 'stripe-balance:txn_r0'))?.offerId).toBe('o1');
      expect((await offerOf(id, 'stripe-balance:txn_r1'))?.offerId).toBe('o4');

      const again = await importFiles(ctx.store, id, request);
      expect(again.files[0]!.added.payments).toBe(0);
      expect(again.files[0]!.duplicates).toBe(5002);
    },
  );

  it("a refund imported later finds its stored charge's offer, and positions keep counting", async () => {
    const id = await practice();
    await importFiles(ctx.store, id, {
      files: [file('charges.csv', charges(2500))],
      asOf: '2026-11-25',
    });
    const report = await importFiles(ctx.store, id, {
      files: [file('refunds.csv', [refund(0), refund(2499)])],
      asOf: '2026-11-25',
    });
    expect(report.files[0]!.added.payments).toBe(2);
    const early = await offerOf(id, 'stripe-balance:txn_r0');
    const late = await offerOf(id, 'stripe-balance:txn_r2499');
    expect(early?.offerId).toBe('o1');
    expect(late?.offerId).toBe('o4');
    // 2,500 charges at positions 0…2,499, then the two refunds.
    expect([Number(early?.position), Number(late?.position)]).toEqual([2500, 2501]);
    const last = await offerOf(id, `stripe-balance:${chargeId(2499)}`);
    expect(Number(last?.position)).toBe(2499);
  });
});
