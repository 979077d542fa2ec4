import { describe, expect, it } from 'vitest';
import type { Offer, OfferKind } from '../model.ts';
import { analyze } from './index.ts';
import { rungOf } from './ladder.ts';
import { buildPractice, type PracticeSpec } from './test-factory.ts';

const offer = (kind: OfferKind, price: number | null = null): Offer => ({
  id: 'o',
  name: 'o',
  kind,
  price,
  launchedOn: null,
});

describe('rungOf', () => {
  it('places every kind on its rung', () => {
    const high = 200000; // 2000.00 in cents
    expect(rungOf(offer('one_to_one', 999999), high)).toBe(1);
    expect(rungOf(offer('package'), high)).toBe(2); // no price: an ordinary package
    expect(rungOf(offer('package', 199999), high)).toBe(2);
    expect(rungOf(offer('package', 200000), high)).toBe(3); // price ≥ highTicketPrice
    expect(rungOf(offer('retainer', 250000), high)).toBe(3);
    expect(rungOf(offer('retainer', 100), high)).toBe(2);
    expect(rungOf(offer('group_program'), high)).toBe(4);
    expect(rungOf(offer('workshop'), high)).toBe(4);
    expect(rungOf(offer('info_product'), high)).toBe(5);
    expect(rungOf(offer('membership'), high)).toBe(5);
    expect(rungOf(offer('team_delivered'), high)).toBe(6);
    expect(rungOf(offer('licensing'), high)).toBe(6);
    expect(rungOf(offer('other'), high)).toBeNull();
  });
});

describe('ladder', () => {
  const UNMET = ['years_in_business', 'buyers', 'niche', 'service_income', 'sales_experience'];
  const build = (
    parts: { kind: OfferKind; price?: number; revenue: number }[],
    extra: PracticeSpec = {},
  ) =>
    buildPractice({
      ...extra,
      offers: parts.map((p, i) => ({ id: `o${i + 1}`, kind: p.kind, price: p.price ?? null })),
      payments: parts
        .filter((p) => p.revenue !== 0)
        .map((p, i) => ({ date: '2024-05-01', amount: p.revenue, offerId: `o${i + 1}` })),
      timeEntries: [{ date: '2024-05-01', hours: 1 }],
    });
  const run = (data: ReturnType<typeof build>) => analyze(data, { to: '2024-06-30' }).ladder;

  it('stands on the highest rung with at least 10% of revenue and recommends the nearest eligible one', () => {
    const data = build([
      { kind: 'one_to_one', revenue: 8900 },
      { kind: 'package', price: 2500, revenue: 1000 }, // 1000 / 10000 = exactly 10%: rung 3 counts
      { kind: 'info_product', revenue: 100 }, // 1%: does not count
    ]);
    expect(run(data)).toEqual({
      current: 3,
      recommended: 4,
      candidates: [
        {
          rung: 4,
          distance: 1,
          eligible: true,
          reasons: [],
          label: 'group programs and workshops',
        },
        {
          rung: 5,
          distance: 2,
          eligible: false,
          reasons: UNMET,
          label: 'products and memberships',
        },
        {
          rung: 6,
          distance: 3,
          eligible: false,
          reasons: UNMET,
          label: 'beyond your own hours: team delivery and licensing',
        },
      ],
    });
  });

  it('does not count an offer just under 10%', () => {
    const data = build([
      { kind: 'one_to_one', revenue: 9001 },
      { kind: 'group_program', revenue: 999 }, // 999 / 10000 = 9.99%
    ]);
    expect(run(data)).toMatchObject({ current: 1, recommended: 2 });
  });

  it('compares the package price with the practice highTicketPrice', () => {
    const data = build([{ kind: 'package', price: 2500, revenue: 1000 }], {
      practice: { targets: { highTicketPrice: 5000 } },
    });
    // 2500 < 5000: an ordinary package, rung 2 → the next is 3.
    expect(run(data)).toMatchObject({ current: 2, recommended: 3 });
  });

  it('stands on rung 0 without revenue, and other offers stand on no rung', () => {
    expect(run(build([{ kind: 'one_to_one', revenue: 0 }]))).toMatchObject({
      current: 0,
      recommended: 1,
    });
    const other = run(build([{ kind: 'other', revenue: 5000 }]));
    expect(other.current).toBe(0);
    expect(other.candidates.map((c) => [c.rung, c.distance])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
      [6, 6],
    ]);
  });

  it('stands on rung 0 when total revenue is not above 0', () => {
    const data = build([
      { kind: 'group_program', revenue: 100 },
      { kind: 'one_to_one', revenue: -500 },
    ]);
    expect(run(data).current).toBe(0);
  });

  it('skips live rungs 1 and 4 when the practice cannot keep appointments', () => {
    const one = build([{ kind: 'one_to_one', revenue: 1000 }], {
      practice: { liveSessions: false },
    });
    expect(run(one)).toMatchObject({ current: 1, recommended: 2 });
    const high = build([{ kind: 'retainer', price: 3000, revenue: 1000 }], {
      practice: { liveSessions: false },
    });
    const sut = run(high);
    // Rung 4 needs live sessions, rungs 5 and 6 need readiness: nothing fits, the levers are the next step.
    expect(sut.recommended).toBeNull();
    expect(sut.candidates.map((c) => [c.rung, c.eligible, c.reasons])).toEqual([
      [4, false, ['live_sessions']],
      [5, false, UNMET],
      [6, false, UNMET],
    ]);
    const none = build([{ kind: 'other', revenue: 1000 }], { practice: { liveSessions: false } });
    expect(run(none)).toMatchObject({ current: 0, recommended: 2 });
  });

  it('opens rungs 5 and 6 once the practice is ready', () => {
    const data = build([{ kind: 'group_program', revenue: 900 }], {
      practice: {
        startedOn: '2020-01-01',
        targets: { buyers: 1, monthlyServiceIncome: 100, conversations: 1, nicheShare: 0 },
      },
      clients: [{ id: 'c1' }],
      conversations: [{ date: '2024-05-01', outcome: 'enrolled' }],
    });
    data.payments[0]!.clientId = 'c1';
    const sut = analyze(data, { to: '2024-06-30' });
    expect(sut.readiness.ready).toBe(true);
    expect(sut.ladder).toMatchObject({
      current: 4,
      recommended: 5,
      candidates: [
        { rung: 5, eligible: true, reasons: [] },
        { rung: 6, eligible: true, reasons: [] },
      ],
    });
  });

  it('has no candidates on the top rung', () => {
    expect(run(build([{ kind: 'licensing', revenue: 1000 }]))).toEqual({
      current: 6,
      recommended: null,
      candidates: [],
    });
  });
});
