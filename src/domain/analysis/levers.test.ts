import { describe, expect, it } from 'vitest';
import { analyze } from './index.ts';
import type { Lever, Report } from './report.ts';
import { buildPractice, type PracticeSpec } from './test-factory.ts';

const YEAR_2023 = { from: '2023-01-01', to: '2023-12-31' }; // 365 days: f = 1

function lever<I extends Lever['id']>(r: Report, id: I): Extract<Lever, { id: I }> {
  return r.levers.find((l) => l.id === id) as Extract<Lever, { id: I }>;
}

const OFFERS: PracticeSpec['offers'] = [
  { id: 'o1', kind: 'one_to_one' },
  { id: 'o2', kind: 'package' },
  { id: 'o3', kind: 'workshop' },
  { id: 'o4', kind: 'info_product' },
  { id: 'o5', kind: 'other' },
];

describe('raise_rates', () => {
  const service = (amount: number, extra: PracticeSpec['payments'] = []) =>
    buildPractice({
      offers: OFFERS,
      payments: [{ date: '2023-06-01', amount, offerId: 'o1' }, ...extra],
    });

  it('is raise × service revenue × f, with the break-even client loss', () => {
    const data = service(50000, [
      { date: '2023-06-01', amount: 30000, fee: 900, offerId: 'o2' },
      { date: '2023-06-01', amount: 4000, offerId: 'o3' },
      { date: '2023-06-01', amount: 10000, offerId: 'o4' }, // product: not S
      { date: '2023-06-01', amount: 5000, offerId: 'o5' }, // other: not S
      { date: '2023-06-01', amount: 1000 }, // no offer: not S
      { date: '2022-06-01', amount: 9000, offerId: 'o1' }, // before P
    ]);
    const sut = lever(analyze(data, YEAR_2023), 'raise_rates');
    // S = 50000 + 30000 + 4000 = 84000 (payments only: the fee is not taken off).
    // 0.10 × 84000 × 365/365 = 8400.00; break-even 0.1 / 1.1 = 0.0909…
    expect(sut).toEqual({
      id: 'raise_rates',
      annualImpact: 8400,
      assumptions: { raise: 0.1 },
      details: { breakEvenClientLoss: 0.0909, serviceRevenue: 84000 },
      explanation:
        'Raising rates 10% on $84,000.00 of service revenue over 365 days is worth $8,400.00 a year (10% × $84,000.00 × 365/365); you could lose 9.1% of clients before it costs you.',
    });
  });

  it('annualises a shorter period with f = 365 / days', () => {
    // 2024-01-01 … 2024-06-30 = 182 days; 0.1 × 10000 × 365/182 = 2005.4945… → 2005.49.
    const data = buildPractice({
      offers: OFFERS,
      payments: [{ date: '2024-03-01', amount: 10000, offerId: 'o1' }],
    });
    const sut = lever(analyze(data, { from: '2024-01-01', to: '2024-06-30' }), 'raise_rates');
    expect(sut.annualImpact).toBe(2005.49);
    expect(sut.explanation).toContain(
      'over 182 days is worth $2,005.49 a year (10% × $10,000.00 × 365/182)',
    );
  });

  it('takes the raise assumption', () => {
    const sut = lever(
      analyze(service(10000), { ...YEAR_2023, assumptions: { raise: 0.15 } }),
      'raise_rates',
    );
    // 0.15 × 10000 = 1500; 0.15 / 1.15 = 0.130434… → 0.1304.
    expect(sut).toMatchObject({
      annualImpact: 1500,
      assumptions: { raise: 0.15 },
      details: { breakEvenClientLoss: 0.1304 },
    });
    expect(sut.explanation).toContain('Raising rates 15% on $10,000.00');
    expect(sut.explanation).toContain('lose 13% of clients');
  });

  it('rounds the money once, exactly, half away from zero', () => {
    // 0.29 × 0.50 = 0.145 → 0.15 (floating point would give 0.14499999999999999 → 0.14).
    const sut = lever(
      analyze(service(0.5), { ...YEAR_2023, assumptions: { raise: 0.29 } }),
      'raise_rates',
    );
    expect(sut.annualImpact).toBe(0.15);
  });

  it('is worth 0 when service revenue is 0 or less', () => {
    const sut = lever(analyze(service(-100), YEAR_2023), 'raise_rates');
    expect(sut.annualImpact).toBe(0);
    expect(sut.details.serviceRevenue).toBe(-100);
    expect(sut.explanation).toBe(
      'Service revenue between 2023-01-01 and 2023-12-31 is -$100.00, so raising rates 10% is worth $0.00 a year for now.',
    );
    expect(lever(analyze(service(0), YEAR_2023), 'raise_rates').annualImpact).toBe(0);
  });
});

describe('referrals', () => {
  const data = (period = YEAR_2023) =>
    buildPractice({
      offers: OFFERS,
      clients: [
        { id: 'c0' },
        { id: 'c1', referredBy: 'c0' },
        { id: 'c2', source: ' Referral ' },
        { id: 'c3', source: 'podcast' },
        { id: 'c4', referredBy: 'c0' }, // referred, but not new
        { id: 'c5' },
      ],
      payments: [
        { date: '2022-01-01', amount: 100, clientId: 'c0' },
        { date: period.from, amount: 100, clientId: 'c0' }, // active, not new
        { date: '2023-02-01', amount: 1200, offerId: 'o1', clientId: 'c1' }, // new
        { date: '2023-03-01', amount: 800, offerId: 'o2', clientId: 'c2' }, // new
        { date: '2023-04-01', amount: -200, offerId: 'o2', clientId: 'c2' }, // its refund
        { date: '2023-05-01', amount: 400, clientId: 'c3' }, // new, no offer
        { date: '2022-05-01', amount: 1000, offerId: 'o1', clientId: 'c4' },
        { date: '2023-06-01', amount: 1000, offerId: 'o1', clientId: 'c4' }, // active, not new
        { date: '2022-01-01', amount: 500, offerId: 'o1', clientId: 'c5' },
        { date: '2023-02-01', amount: -100, offerId: 'o1', clientId: 'c5' }, // refund only: not active
      ],
    });

  it('is uplift × active clients × average new-client revenue × f', () => {
    const sut = lever(analyze(data(), YEAR_2023), 'referrals');
    // New: c1, c2, c3 (first payment > 0 in P); their payments in P: 1200 + (800 − 200) + 400 = 2200.
    // avgNewClientRevenue = 2200 / 3 = 733.333… → shown 733.33.
    // Active (a payment > 0 in P): c0, c1, c2, c3, c4 = 5. Referred new: c1, c2 = 2 → 2/5 = 0.4.
    // 0.1 × 5 × 2200/3 × 1 = 366.666… → 366.67.
    expect(sut).toEqual({
      id: 'referrals',
      annualImpact: 366.67,
      assumptions: { uplift: 0.1 },
      details: {
        referralRate: 0.4,
        referredNew: 2,
        activeClients: 5,
        avgNewClientRevenue: 733.33,
        newClients: 3,
      },
      explanation:
        '2 of your 5 active clients came new by referral (40%); 0.5 more referrals a year (uplift 10% × 5 active clients) at $733.33 per new client are worth $366.67 a year (0.5 × $733.33 × 365/365).',
    });
  });

  it('annualises with f and takes the uplift assumption', () => {
    const half = { from: '2023-01-01', to: '2023-07-01' }; // 182 days
    const sut = lever(analyze(data(half), { ...half, assumptions: { uplift: 0.2 } }), 'referrals');
    // 0.2 × 5 × 2200/3 × 365/182 = 1470.6959… → 1470.70.
    expect(sut).toMatchObject({ annualImpact: 1470.7, assumptions: { uplift: 0.2 } });
  });

  it('is 0 with no active clients', () => {
    const none = buildPractice({
      offers: OFFERS,
      payments: [{ date: '2023-05-01', amount: 100, offerId: 'o1' }],
    });
    const sut = lever(analyze(none, YEAR_2023), 'referrals');
    expect(sut).toMatchObject({
      annualImpact: 0,
      details: { referralRate: 0, referredNew: 0, activeClients: 0, avgNewClientRevenue: 0 },
    });
    expect(sut.explanation).toBe(
      'No client paid between 2023-01-01 and 2023-12-31, so there is nobody to ask for referrals yet: $0.00 a year.',
    );
  });

  it("takes a client's first payment at any date: an old client is never new", () => {
    const old = buildPractice({
      offers: OFFERS,
      clients: [{ id: 'c1', source: 'referral' }],
      payments: [
        { date: '2021-01-01', amount: 50, offerId: 'o1', clientId: 'c1' },
        { date: '2023-05-01', amount: 100, offerId: 'o1', clientId: 'c1' },
      ],
    });
    const sut = lever(analyze(old, YEAR_2023), 'referrals');
    expect(sut.details).toMatchObject({
      activeClients: 1,
      newClients: 0,
      referredNew: 0,
      avgNewClientRevenue: 0,
    });
  });

  it('reads "amount > 0" on the recorded amount, even when it converts to 0 cents', () => {
    const tiny = buildPractice({
      offers: OFFERS,
      clients: [{ id: 'c1' }],
      // 0.001 KWD × 3.25 = 0.00325 USD → 0 cents; still a payment above 0.
      payments: [
        { date: '2023-05-01', amount: 0.001, currency: 'KWD', offerId: 'o1', clientId: 'c1' },
      ],
      rates: [{ date: '2023-01-01', from: 'KWD', to: 'USD', rate: 3.25 }],
    });
    const sut = lever(analyze(tiny, YEAR_2023), 'referrals');
    expect(sut.details).toMatchObject({ activeClients: 1, newClients: 1, avgNewClientRevenue: 0 });
  });

  it('starts a client at its first payment > 0, not at an earlier refund', () => {
    const refundFirst = buildPractice({
      offers: OFFERS,
      clients: [{ id: 'c1' }],
      payments: [
        { date: '2022-12-01', amount: -30, offerId: 'o1', clientId: 'c1' },
        { date: '2023-05-01', amount: 100, offerId: 'o1', clientId: 'c1' },
      ],
    });
    expect(lever(analyze(refundFirst, YEAR_2023), 'referrals').details.newClients).toBe(1);
  });

  it('counts a client id that no client has as a client without source or referrer', () => {
    const unknown = buildPractice({
      offers: OFFERS,
      clients: [{ id: 'c1', source: 'referral' }],
      payments: [
        { date: '2023-05-01', amount: 100, offerId: 'o1', clientId: 'c1' },
        { date: '2022-06-01', amount: 50, offerId: 'o1', clientId: 'gone' },
        { date: '2023-06-01', amount: 300, offerId: 'o1', clientId: 'gone' },
        { date: '2023-07-01', amount: 500, offerId: 'o1', clientId: 'left' },
      ],
    });
    const report = analyze(unknown, YEAR_2023);
    // New: c1 (100, referred) and "left" (500); "gone" paid first in 2022. All three active.
    expect(lever(report, 'referrals').details).toMatchObject({
      activeClients: 3,
      newClients: 2,
      referredNew: 1,
      avgNewClientRevenue: 300,
    });
    expect(report.readiness.criteria.find((c) => c.id === 'buyers')?.value).toBe(3);
  });
});

describe('more_conversations', () => {
  const spec = (weeklyCapacityHours: number | null, adminHours = 400): PracticeSpec => ({
    practice: { weeklyCapacityHours },
    offers: OFFERS,
    clients: [{ id: 'n1' }, { id: 'n2' }, { id: 'old' }],
    payments: [
      { date: '2023-03-01', amount: 3000, offerId: 'o2', clientId: 'n1' },
      { date: '2023-04-01', amount: 1000, offerId: 'o1', clientId: 'n2' },
      { date: '2022-01-01', amount: 500, offerId: 'o1', clientId: 'old' },
      { date: '2023-04-01', amount: 500, offerId: 'o1', clientId: 'old' },
    ],
    timeEntries: [
      { date: '2023-03-02', hours: 20, offerId: 'o2', clientId: 'n1' },
      { date: '2023-04-02', hours: 10, offerId: 'o1', clientId: 'n2' },
      { date: '2023-04-02', hours: 1000, offerId: 'o1', clientId: 'old' }, // not a new client
      { date: '2023-04-02', hours: 10, activity: 'marketing', clientId: 'n1' }, // not delivery
      { date: '2022-12-01', hours: 50, offerId: 'o2', clientId: 'n1' }, // before P
      { date: '2023-05-01', hours: adminHours, activity: 'admin' },
    ],
    conversations: [
      ...Array.from({ length: 4 }, () => ({ date: '2023-05-01', outcome: 'enrolled' as const })),
      ...Array.from({ length: 6 }, () => ({ date: '2023-05-01', outcome: 'declined' as const })),
      ...Array.from({ length: 5 }, () => ({ date: '2023-05-01', outcome: 'pending' as const })),
      { date: '2022-12-31', outcome: 'enrolled' as const }, // before P
    ],
  });
  const run = (s: PracticeSpec, period = YEAR_2023) =>
    lever(analyze(buildPractice(s), period), 'more_conversations');

  it('is 52 × extraPerWeek × closeRate × avgNewClientRevenue without a capacity', () => {
    // closeRate 4 / (4 + 6) = 0.4; avg (3000 + 1000) / 2 = 2000; 52 × 1 × 0.4 × 2000 = 41600.
    expect(run(spec(null))).toEqual({
      id: 'more_conversations',
      annualImpact: 41600,
      assumptions: { extraPerWeek: 1 },
      details: {
        closeRate: 0.4,
        valuePerConversation: 800, // 0.4 × 2000
        capped: false,
        enrolled: 4,
        declined: 6,
        uncappedImpact: 41600,
        extraHours: null,
        spareHours: null,
        deliveryHoursPerNewClient: 15, // (20 + 10) / 2
      },
      explanation:
        'You enrolled 4 of 10 decided sales conversations (40%); 1 more a week at $2,000.00 per new client is worth $41,600.00 a year (52 × 1 × 40% × $2,000.00).',
    });
  });

  it('is capped in proportion to spare capacity', () => {
    // Hours in P: 20 + 10 + 1000 + 10 + 400 = 1440; spare = 30 × 52 − 1440 × 365/365 = 120.
    // extraHours = 52 × 1 × 0.4 × 15 = 312 > 120 → 41600 × 120 / 312 = 16000.
    const sut = run(spec(30));
    expect(sut.annualImpact).toBe(16000);
    expect(sut.details).toMatchObject({
      capped: true,
      extraHours: 312,
      spareHours: 120,
      uncappedImpact: 41600,
    });
    expect(sut.explanation).toBe(
      'You enrolled 4 of 10 decided sales conversations (40%); 1 more a week at $2,000.00 per new client would be worth $41,600.00 a year (52 × 1 × 40% × $2,000.00), but the new clients need 312 h of delivery a year and you have 120 h spare (30 h × 52 − 1,440 h × 365/365), so it is capped at $16,000.00 ($41,600.00 × 120 h ÷ 312 h).',
    );
  });

  it('is not capped when the extra hours fit', () => {
    // spare = 40 × 52 − 1440 = 640 ≥ 312.
    const fits = run(spec(40));
    expect(fits).toMatchObject({
      annualImpact: 41600,
      details: { capped: false, extraHours: 312, spareHours: 640 },
    });
    expect(fits.explanation).toBe(
      'You enrolled 4 of 10 decided sales conversations (40%); 1 more a week at $2,000.00 per new client is worth $41,600.00 a year (52 × 1 × 40% × $2,000.00); the 312 h of delivery it needs fit in your 640 h spare.',
    );
    // Exactly full: spare = 30 × 52 − (1440 − 192) = 312 = extraHours: not capped (">" in the spec).
    expect(run(spec(30, 208))).toMatchObject({
      annualImpact: 41600,
      details: { capped: false, spareHours: 312 },
    });
  });

  it('is 0 when there is no spare capacity', () => {
    // spare = 20 × 52 − 1440 = −400 → max(0, −400) = 0.
    const sut = run(spec(20));
    expect(sut).toMatchObject({ annualImpact: 0, details: { capped: true, spareHours: -400 } });
    expect(sut.explanation).toContain('so it is capped at $0.00 ($41,600.00 × 0 h ÷ 312 h)');
  });

  it('annualises the hours worked with f for the capacity', () => {
    // 2023-01-01 … 2023-07-01 = 182 days; hours in P 1440; 1440 × 365/182 = 2887.91…;
    // spare = 60 × 52 − 2887.912… = 232.087… → 232.09; extraHours 312 → capped:
    // 41600 × 232.0879… / 312 = 30945.054… → 30945.05.
    const sut = run(spec(60), { from: '2023-01-01', to: '2023-07-01' });
    expect(sut).toMatchObject({
      annualImpact: 30945.05,
      details: { capped: true, spareHours: 232.09 },
    });
  });

  it('takes the extraPerWeek assumption', () => {
    const sut = lever(
      analyze(buildPractice(spec(null)), { ...YEAR_2023, assumptions: { extraPerWeek: 2 } }),
      'more_conversations',
    );
    // 52 × 2 × 0.4 × 2000 = 83200.
    expect(sut).toMatchObject({ annualImpact: 83200, assumptions: { extraPerWeek: 2 } });
  });

  it('has no close rate and no value without decided conversations', () => {
    const s = spec(30);
    s.conversations = [{ date: '2023-05-01', outcome: 'pending' }];
    const sut = run(s);
    expect(sut.annualImpact).toBe(0);
    expect(sut.details).toMatchObject({
      closeRate: null,
      valuePerConversation: null,
      capped: false,
      extraHours: null,
      spareHours: 120,
    });
    expect(sut.explanation).toBe(
      'No sales conversation between 2023-01-01 and 2023-12-31 ended enrolled or declined, so there is no close rate to project from: $0.00 a year.',
    );
  });

  it('is not capped when the new clients took no delivery hours', () => {
    // Decision: extraHours = 0 leaves nothing for the cap to limit, even with no spare hours
    // (the spec's formula would divide 0 by 0).
    const s = spec(20);
    s.timeEntries = s.timeEntries!.filter((t) => t.clientId !== 'n1' && t.clientId !== 'n2');
    const sut = run(s);
    expect(sut).toMatchObject({ annualImpact: 41600, details: { capped: false, extraHours: 0 } });
  });
});

describe('lever order', () => {
  it('lists levers by annual impact, highest first, ties by id', () => {
    // Nothing to project: every lever is worth 0, so they come in id order.
    const empty = buildPractice({ timeEntries: [{ date: '2023-05-01', hours: 1 }] });
    expect(analyze(empty).levers.map((l) => [l.id, l.annualImpact])).toEqual([
      ['best_channel', 0],
      ['more_conversations', 0],
      ['raise_rates', 0],
      ['referrals', 0],
    ]);
  });

  it('puts the most valuable first', () => {
    const data = buildPractice({
      offers: OFFERS,
      clients: [{ id: 'c1' }],
      payments: [{ date: '2023-05-01', amount: 1000, offerId: 'o1', clientId: 'c1' }],
      conversations: [{ date: '2023-05-01', outcome: 'enrolled' }],
    });
    // more_conversations 52 × 1 × 1 × 1000 = 52000; raise 0.1 × 1000 = 100;
    // referrals 0.1 × 1 × 1000 = 100 (tie with raise_rates: by id); best_channel 0.
    expect(analyze(data, YEAR_2023).levers.map((l) => [l.id, l.annualImpact])).toEqual([
      ['more_conversations', 52000],
      ['raise_rates', 100],
      ['referrals', 100],
      ['best_channel', 0],
    ]);
  });
});
