import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/index.ts';
import { dataToBundle, readBundle } from '../bundle.ts';
import { addDays, shiftYears } from '../dates.ts';
import type { PracticeData } from '../model.ts';
import { findRate } from '../rates.ts';
import { DEMO_DEFAULTS, DEMO_OFFER_IDS, generateDemo } from './index.ts';

const sut = generateDemo();
const course = sut.offers.find((o) => o.kind === 'info_product')!;

function datesOf(d: PracticeData): string[] {
  return [
    ...d.payments.map((p) => p.date),
    ...d.timeEntries.map((t) => t.date),
    ...d.costs.map((k) => k.date),
    ...d.conversations.map((v) => v.date),
  ].sort();
}

describe('generateDemo', () => {
  it('is deterministic: same seed and end date, same data', () => {
    expect(generateDemo({ seed: 7, endDate: '2026-03-15' })).toEqual(
      generateDemo({ seed: 7, endDate: '2026-03-15' }),
    );
    expect(generateDemo({ seed: DEMO_DEFAULTS.seed, endDate: DEMO_DEFAULTS.endDate })).toEqual(sut);
  });

  it('differs with another seed', () => {
    const other = generateDemo({ seed: 2 });
    expect(other).not.toEqual(sut);
    expect(other.payments.length).not.toBe(sut.payments.length);
  });

  it('tells the Harbor Light Coaching story', () => {
    expect(sut.practice).toMatchObject({
      name: 'Harbor Light Coaching',
      currency: 'USD',
      timezone: 'America/New_York',
      niche: 'nurses',
      weeklyCapacityHours: 30,
      liveSessions: true,
    });
    expect(generateDemo({ name: 'Other Name' }).practice.name).toBe('Other Name');
    expect(sut.offers.map((o) => o.kind).sort()).toEqual(
      ['group_program', 'info_product', 'one_to_one', 'other', 'package', 'package'].sort(),
    );
    expect(sut.clients.length).toBeGreaterThanOrEqual(80);
    expect(sut.clients.length).toBeLessThanOrEqual(150);
    const records = sut.payments.length + sut.timeEntries.length;
    expect(records).toBeGreaterThan(2000);
    expect(records).toBeLessThan(6000);
    expect(sut.payments.some((p) => p.offerId === null)).toBe(true);
  });

  it('produces a bundle that validates', () => {
    const result = readBundle(JSON.parse(JSON.stringify(dataToBundle(sut))));
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(result.ok && result.data).toEqual(sut);
  });

  it('keeps ids unique, references valid, money in integer minor units', () => {
    for (const items of [
      sut.offers,
      sut.clients,
      sut.payments,
      sut.timeEntries,
      sut.costs,
      sut.conversations,
    ]) {
      expect(new Set(items.map((x) => x.id)).size).toBe(items.length);
    }
    const offers = new Set(sut.offers.map((o) => o.id));
    const clients = new Set(sut.clients.map((c) => c.id));
    const ok = (id: string | null, set: Set<string>) => id === null || set.has(id);
    for (const r of [...sut.payments, ...sut.timeEntries, ...sut.conversations]) {
      expect(ok(r.clientId, clients) && ok(r.offerId, offers)).toBe(true);
    }
    for (const k of sut.costs) expect(ok(k.offerId, offers)).toBe(true);
    sut.clients.forEach((c, i) => {
      if (c.referredBy) expect(sut.clients.findIndex((x) => x.id === c.referredBy)).toBeLessThan(i);
    });
    for (const p of sut.payments) {
      expect(Number.isInteger(p.amount) && p.amount !== 0).toBe(true);
      expect(Number.isInteger(p.fee) && p.fee! >= 0).toBe(true);
    }
    for (const k of sut.costs) expect(Number.isInteger(k.amount) && k.amount > 0).toBe(true);
    for (const o of sut.offers) expect(o.price === null || Number.isInteger(o.price)).toBe(true);
    for (const t of sut.timeEntries) expect(t.hours > 0 && t.hours <= 24).toBe(true);
    expect(new Set(sut.payments.map((p) => p.externalId)).size).toBe(sut.payments.length);
  });

  it('spans three years ending at endDate', () => {
    for (const endDate of ['2026-10-31', '2025-06-15']) {
      const d = generateDemo({ endDate });
      const dates = datesOf(d);
      expect(dates.at(-1)).toBe(endDate);
      expect(dates[0]! >= d.practice.startedOn!).toBe(true);
      expect(dates[0]! <= shiftYears(endDate, -3)).toBe(true);
      expect(d.listSnapshots.at(-1)!.date).toBe(endDate);
    }
    expect(() => generateDemo({ endDate: '2026-02-30' })).toThrow(RangeError);
  });

  it('has refunds dated after the payment they refund', () => {
    const refunds = sut.payments.filter((p) => p.amount < 0);
    expect(refunds.length).toBeGreaterThanOrEqual(1);
    for (const r of refunds) {
      const original = sut.payments.find((p) => r.note?.includes(p.externalId!) && p.amount > 0)!;
      expect(original.amount).toBe(-r.amount);
      expect(r.date > original.date).toBe(true);
    }
    expect(refunds.some((r) => r.offerId === course.id)).toBe(true);
  });

  it('has two currencies, with a rate on or before every non-USD amount', () => {
    expect(new Set(sut.payments.map((p) => p.currency))).toEqual(new Set(['USD', 'EUR']));
    expect(sut.costs.some((k) => k.currency === 'EUR')).toBe(true);
    for (const r of [...sut.payments, ...sut.costs]) {
      if (r.currency !== 'USD')
        expect(findRate(sut.rates, r.currency, 'USD', r.date)).not.toBeNull();
    }
  });

  it('spends creation hours on the course before its launch', () => {
    const before = sut.timeEntries.filter(
      (t) => t.offerId === course.id && t.activity === 'creation' && t.date < course.launchedOn!,
    );
    expect(before.reduce((h, t) => h + t.hours, 0)).toBeGreaterThan(100);
    const sales = sut.payments.filter((p) => p.offerId === course.id && p.amount > 0);
    expect(sales.every((p) => p.date >= course.launchedOn!)).toBe(true);
  });

  it('has discovery calls with all three outcomes and a believable close rate', () => {
    const count = (o: string) => sut.conversations.filter((v) => v.outcome === o).length;
    expect(count('pending')).toBeGreaterThan(0);
    const closeRate = count('enrolled') / (count('enrolled') + count('declined'));
    expect(closeRate).toBeGreaterThan(0.3);
    expect(closeRate).toBeLessThan(0.45);
    for (const v of sut.conversations) expect(v.outcome === 'enrolled').toBe(v.clientId !== null);
  });

  it('has at least two channels with marketing hours and new clients in the last year', () => {
    const from = addDays(shiftYears(DEMO_DEFAULTS.endDate, -1), 1);
    const first = new Map<string, string>();
    for (const p of sut.payments) {
      if (p.clientId && p.amount > 0 && !(first.get(p.clientId)! <= p.date))
        first.set(p.clientId, p.date);
    }
    const newBy = new Set(
      sut.clients.filter((c) => (first.get(c.id) ?? '') >= from).map((c) => c.source),
    );
    const marketed = new Set(
      sut.timeEntries
        .filter((t) => t.activity === 'marketing' && t.channel && t.date >= from)
        .map((t) => t.channel),
    );
    expect([...marketed].filter((c) => newBy.has(c)).length).toBeGreaterThanOrEqual(2);
  });

  it('grows its list every month', () => {
    const counts = sut.listSnapshots.map((s) => s.subscribers);
    expect(counts.length).toBe(37);
    for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeGreaterThan(counts[i - 1]!);
  });
});

describe('the demo through the analysis', () => {
  const report = analyze(sut);
  const stream = (id: string) => report.streams.find((s) => s.offerId === id)!;

  it('shows the passive-revenue myth: the course earns less per hour than 1:1 over its life', () => {
    const c = stream(DEMO_OFFER_IDS.course);
    expect(report.baselineHourlyRate).toBeGreaterThan(100);
    expect(report.baselineHourlyRate).toBeLessThan(150);
    expect(c.lifetime.effectiveHourlyRate!).toBeLessThan(report.baselineHourlyRate!);
    expect(c.beatsBaseline).toBe(false);
    expect(stream(DEMO_OFFER_IDS.package).leverage!).toBeGreaterThan(1);
  });

  it('finds a practice still building, with products before the foundation', () => {
    const income = report.readiness.criteria.find((c) => c.id === 'service_income')!;
    expect(income.value).toBeGreaterThan(5000);
    expect(income.value).toBeLessThan(10000);
    expect(report.readiness.stage).toBe('building');
    expect(report.readiness.warnings).toContain('products_before_foundation');
  });

  it('measures at least two channels for the best_channel lever', () => {
    const lever = report.levers.find((l) => l.id === 'best_channel')!;
    const channels = Object.values(
      (
        lever.details as {
          channels: Record<string, { yieldPerHour: number | null; newClients: number }>;
        }
      ).channels,
    );
    expect(
      channels.filter((c) => c.yieldPerHour !== null && c.newClients >= 1).length,
    ).toBeGreaterThanOrEqual(2);
    expect(lever.annualImpact).toBeGreaterThan(0);
  });
});
