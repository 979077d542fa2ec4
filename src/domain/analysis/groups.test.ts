import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, fromDayNumber, type IsoDate, lastDayOfMonth } from '../dates.ts';
import type { PracticeData } from '../model.ts';
import { resolveAssumptions } from './assumptions.ts';
import { AnalysisError } from './errors.ts';
import { groupBounds, groupRecords, paymentDateClass } from './groups.ts';
import { analyze, analyzeGroups } from './index.ts';
import type { AnalysisData, GroupedData } from './input.ts';
import { type Period, resolvePeriod } from './period.ts';
import { FIRST_DAY, LAST_DAY, practiceArb } from './test-arbitraries.ts';

/**
 * Every record its own group (count 1): what the analysis reads without any grouping.
 * Records after the period end, and conversations outside it, are left out as in
 * `groupRecords`.
 */
function singletonGroups(data: AnalysisData, period: Period): GroupedData {
  const upTo = <R extends { date: IsoDate }>(list: readonly R[]) =>
    list.filter((r) => r.date <= period.to);
  return {
    ...data,
    payments: upTo(data.payments).map((p) => ({
      date: p.date,
      amount: p.amount,
      currency: p.currency,
      fee: p.fee ?? 0,
      clientId: p.clientId,
      offerId: p.offerId,
      count: 1,
    })),
    timeEntries: upTo(data.timeEntries).map((t) => ({ ...t, count: 1 })),
    costs: upTo(data.costs).map((k) => ({ ...k, count: 1 })),
    conversations: upTo(data.conversations)
      .filter((v) => v.date >= period.from)
      .map((v) => ({ date: v.date, outcome: v.outcome, count: 1 })),
  };
}

/** The report, or the code of the AnalysisError. */
function outcome(run: () => unknown) {
  try {
    return run();
  } catch (error) {
    if (error instanceof AnalysisError) return error.code;
    throw error;
  }
}

const periodArb = fc
  .tuple(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), fc.integer({ min: 0, max: 500 }))
  .map(([start, length]) => ({ from: fromDayNumber(start), to: fromDayNumber(start + length) }));

const total = (list: readonly { count: number }[]) => list.reduce((n, g) => n + g.count, 0);

describe('grouped records', () => {
  it('give every figure of every record taken one by one, for any period', () => {
    fc.assert(
      fc.property(
        practiceArb({ foreign: true, gaps: true, dense: true }),
        fc.option(periodArb, { nil: undefined }),
        (data: PracticeData, options) => {
          const grouped = outcome(() => analyze(data, options ?? {}));
          const one = outcome(() => {
            const period = resolvePeriod(data, options ?? {});
            return analyzeGroups(singletonGroups(data, period), period, resolveAssumptions({}));
          });
          expect(grouped).toEqual(one);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('count each record up to the period end once, in fewer groups when records are alike', () => {
    let merged = 0;
    fc.assert(
      fc.property(practiceArb({ foreign: true, dense: true }), periodArb, (data, options) => {
        const period = resolvePeriod(data, options);
        const groups = groupRecords(data, period);
        const upTo = (list: readonly { date: IsoDate }[]) =>
          list.filter((r) => r.date <= period.to).length;
        expect(total(groups.payments)).toBe(upTo(data.payments));
        expect(total(groups.timeEntries)).toBe(upTo(data.timeEntries));
        expect(total(groups.costs)).toBe(upTo(data.costs));
        const inPeriod = data.conversations.filter(
          (v) => v.date >= period.from && v.date <= period.to,
        );
        expect(total(groups.conversations)).toBe(inPeriod.length);
        const sum = (list: readonly { amount: number }[]) => list.reduce((n, r) => n + r.amount, 0);
        expect(sum(groups.payments)).toBe(sum(data.payments.filter((p) => p.date <= period.to)));
        if (groups.payments.length < upTo(data.payments)) merged++;
      }),
      { numRuns: 200 },
    );
    // The dense practices really do put records together (else the test above proves little).
    expect(merged).toBeGreaterThan(50);
  });

  it('put every day of a period within one calendar month in one date class', () => {
    // The monthly series (store/record-sql.ts, selectMonthGroups) groups a month's
    // payments by sign only, on this: the window starts months before the period and
    // ends on its last day (a month's end) or before its first.
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber('2199-12-31') }),
        fc.integer({ min: 0, max: 30 }),
        (start, length) => {
          const from = fromDayNumber(start);
          const end = lastDayOfMonth(from);
          const to = addDays(from, Math.min(length, dayNumber(end) - start));
          const b = groupBounds({ from, to, days: dayNumber(to) - start + 1 }, 'USD');
          // On or after the period's start and the window's; after the window's end
          // unless the period ends on the month's last day.
          const expected = to === end ? 1 + 2 : 1 + 2 + 4;
          for (let day = from; day <= to; day = addDays(day, 1)) {
            expect(paymentDateClass(day, b)).toBe(expected);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keep foreign records apart unless their date, amount and fee agree', () => {
    const base = {
      amount: 1001,
      currency: 'EUR',
      fee: 3,
      clientId: 'c1',
      offerId: null,
      externalId: null,
      note: null,
    };
    const data = {
      practice: {
        name: 'P',
        currency: 'USD',
        timezone: 'UTC',
        startedOn: null,
        niche: null,
        weeklyCapacityHours: null,
        liveSessions: false,
        targets: {},
      },
      offers: [],
      clients: [],
      payments: [
        { ...base, id: 'a', date: '2024-03-01' },
        { ...base, id: 'b', date: '2024-03-01' },
        { ...base, id: 'c', date: '2024-03-02' },
        { ...base, id: 'd', date: '2024-03-01', amount: 1003 },
        { ...base, id: 'e', date: '2024-03-01', currency: 'USD' },
        { ...base, id: 'f', date: '2024-03-02', currency: 'USD', amount: 7 },
      ],
      timeEntries: [],
      costs: [],
      conversations: [],
      rates: [{ date: '2024-01-01', from: 'EUR', to: 'USD', rate: 1.0005 }],
    } satisfies AnalysisData;
    const period = { from: '2024-01-01', to: '2024-12-31', days: 366 };
    const groups = groupRecords(data, period).payments;
    expect(groups.map((g) => [g.currency, g.date, g.amount, g.fee, g.count])).toEqual([
      ['EUR', '2024-03-01', 2002, 6, 2],
      ['EUR', '2024-03-02', 1001, 3, 1],
      ['EUR', '2024-03-01', 1003, 3, 1],
      ['USD', '2024-03-01', 1008, 6, 2],
    ]);
    // Each 10.01 EUR × 1.0005 = 10.015005 rounds to 10.02 USD (2 × 10.01 at once would be
    // 20.03, and the total 50.17); 10.03 EUR → 10.035015 → 10.04; USD 10.01 + 0.07 = 10.08.
    expect(analyze(data, period).totals.revenue).toBe(50.18);
  });
});
