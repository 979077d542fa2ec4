import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber } from '../dates.ts';
import type { PracticeData } from '../model.ts';
import { toMinor } from '../money.ts';
import { AnalysisError } from './errors.ts';
import { analyze } from './index.ts';
import type { Lever, Report } from './report.ts';
import { FIRST_DAY, hasRecords, LAST_DAY, practiceArb } from './test-arbitraries.ts';

const cents = (major: number) => toMinor(major, 'USD');

/** The report, or the code of the AnalysisError; anything else thrown fails the test. */
function outcome(data: PracticeData, options: Parameters<typeof analyze>[1] = {}) {
  try {
    return analyze(data, options);
  } catch (error) {
    if (error instanceof AnalysisError) return error.code;
    throw error;
  }
}

const periodArb = fc
  .tuple(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), fc.integer({ min: 0, max: 500 }))
  .map(([start, length]) => ({ from: fromDayNumber(start), to: fromDayNumber(start + length) }));

describe('properties', () => {
  it('never throws on valid data, and gives finite numbers only', () => {
    fc.assert(
      fc.property(practiceArb({ foreign: true }), (data) => {
        fc.pre(hasRecords(data));
        const report = analyze(data);
        const numbers: number[] = [];
        JSON.stringify(report, (_, v) => {
          if (typeof v === 'number') numbers.push(v);
          return v;
        });
        expect(numbers.every(Number.isFinite)).toBe(true);
        const impacts = report.levers.map((l) => l.annualImpact);
        expect(impacts.every((x) => x >= 0)).toBe(true);
        expect([...impacts].sort((a, b) => b - a)).toEqual(impacts);
      }),
    );
  });

  it('only throws the documented errors', () => {
    fc.assert(
      fc.property(practiceArb({ foreign: true, gaps: true }), periodArb, (data, period) => {
        const seen = outcome(data, period);
        if (typeof seen === 'string') expect(['no_data', 'missing_rate']).toContain(seen);
        const whole = outcome(data);
        if (typeof whole === 'string') {
          expect(whole).toBe(hasRecords(data) ? 'missing_rate' : 'no_data');
        }
      }),
    );
  });

  it('splits total revenue and costs exactly between streams and unassigned', () => {
    fc.assert(
      fc.property(practiceArb({ foreign: true }), (data) => {
        fc.pre(hasRecords(data));
        const r = analyze(data);
        const sum = (f: (s: Report['streams'][number]) => number) =>
          r.streams.reduce((acc, s) => acc + cents(f(s)), 0);
        expect(sum((s) => s.revenue) + cents(r.totals.unassigned.revenue)).toBe(
          cents(r.totals.revenue),
        );
        expect(sum((s) => s.costs) + cents(r.totals.unassigned.costs)).toBe(cents(r.totals.costs));
        expect(cents(r.totals.revenue) - cents(r.totals.costs)).toBe(cents(r.totals.net));
      }),
    );
  });

  it('does not change when a record dated after the period end is added', () => {
    const lateArb = fc.record({
      kind: fc.constantFrom('payment', 'time', 'cost', 'conversation'),
      after: fc.integer({ min: 1, max: 400 }),
      amount: fc.integer({ min: -10000, max: 10000 }),
      hours: fc.double({ min: 0.001, max: 24, noNaN: true }),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(practiceArb({ foreign: true }), periodArb, lateArb, (data, period, late) => {
        const before = outcome(data, period);
        const date = addDays(period.to, late.after);
        const offerId = data.offers[late.pick % (data.offers.length + 1)]?.id ?? null;
        const clientId = data.clients[late.pick % (data.clients.length + 1)]?.id ?? null;
        const more = structuredClone(data);
        // GBP has no rate at all: a record after the period is never converted.
        if (late.kind === 'payment') {
          more.payments.push({
            id: 'late',
            date,
            amount: late.amount,
            currency: 'GBP',
            fee: 1,
            clientId,
            offerId,
            externalId: null,
            note: null,
          });
        } else if (late.kind === 'time') {
          more.timeEntries.push({
            id: 'late',
            date,
            hours: late.hours,
            activity: 'creation',
            offerId,
            clientId,
            channel: 'podcast',
            note: null,
          });
        } else if (late.kind === 'cost') {
          more.costs.push({
            id: 'late',
            date,
            amount: 100,
            currency: 'GBP',
            offerId,
            channel: 'podcast',
            category: null,
          });
        } else {
          more.conversations.push({
            id: 'late',
            date,
            prospect: null,
            channel: null,
            offerId: null,
            outcome: 'enrolled',
            clientId,
          });
        }
        expect(outcome(more, period)).toEqual(before);
      }),
    );
  });

  it('does not depend on the order of the records', () => {
    fc.assert(
      fc.property(practiceArb({ foreign: true }), fc.integer(), (data, seed) => {
        fc.pre(hasRecords(data));
        const shuffled = structuredClone(data);
        const rng = mulberry(seed);
        for (const list of [
          shuffled.payments,
          shuffled.timeEntries,
          shuffled.costs,
          shuffled.conversations,
          shuffled.clients,
        ]) {
          shuffle(list as unknown[], rng);
        }
        expect(analyze(shuffled)).toEqual(analyze(data));
      }),
    );
  });

  it('scales money and rates by k and leaves hours, shares and ratios alone', () => {
    fc.assert(
      fc.property(practiceArb(), fc.integer({ min: 2, max: 7 }), (data, k) => {
        fc.pre(hasRecords(data));
        const scaled = structuredClone(data);
        for (const p of scaled.payments) {
          p.amount *= k;
          if (p.fee !== null) p.fee *= k;
        }
        for (const c of scaled.costs) c.amount *= k;
        const a = analyze(data);
        const b = analyze(scaled);
        compareScaled(a, b, k);
      }),
      { numRuns: 300 },
    );
  });
});

/** Exact ×k for sums of money; within rounding for rates and yearly values; equal otherwise. */
function compareScaled(a: Report, b: Report, k: number) {
  const money = (x: number, y: number) => expect(cents(y)).toBe(k * cents(x));
  // round(k·x) vs k·round(x) differ by at most (k + 1) halves of the last digit.
  const near = (x: number | null, y: number | null, digit = 0.01) => {
    if (x === null || y === null) return expect(y).toBe(x);
    expect(Math.abs(y - k * x)).toBeLessThanOrEqual(((k + 1) * digit) / 2 + 1e-9);
  };
  for (const key of ['revenue', 'costs', 'net'] as const) money(a.totals[key], b.totals[key]);
  money(a.totals.unassigned.revenue, b.totals.unassigned.revenue);
  money(a.totals.unassigned.costs, b.totals.unassigned.costs);
  expect(b.totals.hours).toBe(a.totals.hours);
  expect(b.totals.unassigned.hours).toBe(a.totals.unassigned.hours);
  near(a.totals.effectiveHourlyRate, b.totals.effectiveHourlyRate);
  near(a.baselineHourlyRate, b.baselineHourlyRate);
  a.streams.forEach((s, i) => {
    const t = b.streams[i]!;
    for (const key of ['revenue', 'costs', 'net'] as const) {
      money(s[key], t[key]);
      money(s.lifetime[key], t.lifetime[key]);
    }
    expect(t.hours).toEqual(s.hours);
    expect(t.hiddenHours).toBe(s.hiddenHours);
    expect([t.lifetime.hours, t.lifetime.hiddenHours]).toEqual([
      s.lifetime.hours,
      s.lifetime.hiddenHours,
    ]);
    near(s.effectiveHourlyRate, t.effectiveHourlyRate);
    near(s.lifetime.effectiveHourlyRate, t.lifetime.effectiveHourlyRate);
    expect(t.leverage).toBe(s.leverage);
    expect(t.beatsBaseline).toBe(s.beatsBaseline);
  });
  a.readiness.criteria.forEach((c, i) => {
    const d = b.readiness.criteria[i]!;
    if (c.id === 'service_income') near(c.value, d.value);
    else expect(d.value).toBe(c.value);
    expect(d.detail).toEqual(c.detail);
  });
  // Targets do not scale, so met, ready, stage and warnings may change: not compared.
  expect(b.ladder.current).toBe(a.ladder.current);
  const lever = <I extends Lever['id']>(r: Report, id: I) =>
    r.levers.find((l) => l.id === id) as Extract<Lever, { id: I }>;
  for (const id of ['raise_rates', 'best_channel', 'referrals', 'more_conversations'] as const) {
    near(lever(a, id).annualImpact, lever(b, id).annualImpact);
  }
  const [ra, rb] = [lever(a, 'raise_rates').details, lever(b, 'raise_rates').details];
  money(ra.serviceRevenue, rb.serviceRevenue);
  expect(rb.breakEvenClientLoss).toBe(ra.breakEvenClientLoss);
  const [ca, cb] = [lever(a, 'best_channel').details, lever(b, 'best_channel').details];
  expect([cb.best, cb.worst]).toEqual([ca.best, ca.worst]);
  for (const [name, x] of Object.entries(ca.channels)) {
    const y = cb.channels[name]!;
    money(x.revenue, y.revenue);
    money(x.marketingCosts, y.marketingCosts);
    expect([y.newClients, y.marketingHours]).toEqual([x.newClients, x.marketingHours]);
    near(x.yieldPerHour, y.yieldPerHour);
  }
  const [fa, fb] = [lever(a, 'referrals').details, lever(b, 'referrals').details];
  expect([fb.referralRate, fb.referredNew, fb.activeClients, fb.newClients]).toEqual([
    fa.referralRate,
    fa.referredNew,
    fa.activeClients,
    fa.newClients,
  ]);
  near(fa.avgNewClientRevenue, fb.avgNewClientRevenue);
  const [ma, mb] = [lever(a, 'more_conversations').details, lever(b, 'more_conversations').details];
  expect([
    mb.closeRate,
    mb.capped,
    mb.extraHours,
    mb.spareHours,
    mb.deliveryHoursPerNewClient,
  ]).toEqual([ma.closeRate, ma.capped, ma.extraHours, ma.spareHours, ma.deliveryHoursPerNewClient]);
  near(ma.valuePerConversation, mb.valuePerConversation);
}

/** A small seeded generator, so a failing shuffle can be replayed. */
function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(list: T[], rng: () => number): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
}
