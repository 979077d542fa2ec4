import { describe, expect, it } from 'vitest';
import { analyze } from './index.ts';
import { buildPractice } from './test-factory.ts';

const YEAR_2024 = { from: '2024-01-01', to: '2024-12-31' };

/** A practice with a bit of everything around the period 2024. */
const harbor = () =>
  buildPractice({
    offers: [
      { id: 'o1', kind: 'one_to_one', name: '1:1 coaching' },
      { id: 'o2', kind: 'package' },
      { id: 'o3', kind: 'info_product', name: 'Course' },
      { id: 'o4', kind: 'other' },
    ],
    clients: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }],
    payments: [
      { date: '2024-02-01', amount: 1500, fee: 45, offerId: 'o1', clientId: 'c1' },
      { date: '2024-03-01', amount: 1000, fee: 30, offerId: 'o1', clientId: 'c2' },
      { date: '2024-03-15', amount: -200, offerId: 'o1', clientId: 'c2' }, // refund
      { date: '2024-04-01', amount: 97, fee: 3.11, offerId: 'o3', clientId: 'c3' },
      { date: '2023-12-31', amount: 500, offerId: 'o3', clientId: 'c3' }, // before P
      { date: '2025-01-01', amount: 999, offerId: 'o1', clientId: 'c1' }, // after P
      { date: '2024-05-01', amount: 50, fee: 1, clientId: 'c1' }, // no offer
    ],
    costs: [
      { date: '2024-06-01', amount: 29, offerId: 'o3' },
      { date: '2023-11-01', amount: 100, offerId: 'o3' }, // before P
      { date: '2024-06-01', amount: 10 }, // no offer
    ],
    timeEntries: [
      { date: '2024-02-01', hours: 10, offerId: 'o1' },
      { date: '2024-03-01', hours: 6.5, offerId: 'o1' },
      { date: '2024-03-01', hours: 0.5, offerId: 'o1', activity: 'admin' },
      { date: '2023-06-01', hours: 40, offerId: 'o3', activity: 'creation' }, // before P
      { date: '2024-04-01', hours: 2, offerId: 'o3', activity: 'maintenance' },
      { date: '2024-04-01', hours: 3, offerId: 'o3', activity: 'marketing' },
      { date: '2024-05-01', hours: 1.25, activity: 'admin' }, // no offer
      { date: '2025-01-02', hours: 8, offerId: 'o1' }, // after P
    ],
  });

describe('streams', () => {
  const sut = analyze(harbor(), YEAR_2024);
  const [o1, o2, o3, o4] = sut.streams;

  it('lists one stream per offer, in the order of the offers', () => {
    expect(sut.streams.map((s) => [s.offerId, s.name, s.kind])).toEqual([
      ['o1', '1:1 coaching', 'one_to_one'],
      ['o2', 'o2', 'package'],
      ['o3', 'Course', 'info_product'],
      ['o4', 'o4', 'other'],
    ]);
  });

  it('sums payments by payment date, refunds negative; costs are fees plus linked costs', () => {
    // revenue 1500 + 1000 − 200 = 2300; costs = fees 45 + 30 = 75; net 2225.
    expect(o1).toMatchObject({ revenue: 2300, costs: 75, net: 2225 });
    // revenue 97 (the 500 of 2023-12-31 is before P); costs 3.11 fee + 29 = 32.11; net 64.89.
    expect(o3).toMatchObject({ revenue: 97, costs: 32.11, net: 64.89 });
    expect(o2).toMatchObject({ revenue: 0, costs: 0, net: 0 });
  });

  it('sums hours by activity; hidden hours are the non-delivery ones', () => {
    expect(o1!.hours).toEqual({
      delivery: 16.5, // 10 + 6.5
      sales: 0,
      marketing: 0,
      creation: 0,
      maintenance: 0,
      admin: 0.5,
      total: 17,
    });
    expect(o1!.hiddenHours).toBe(0.5);
    // o3 in P: maintenance 2 + marketing 3 (the 40 creation hours are before P).
    expect(o3!.hours).toMatchObject({ creation: 0, maintenance: 2, marketing: 3, total: 5 });
    expect(o3!.hiddenHours).toBe(5);
  });

  it('computes the effective hourly rate from unrounded net and hours', () => {
    // 2225.00 / 17 h = 130.882… → 130.88.
    expect(o1!.effectiveHourlyRate).toBe(130.88);
    // 64.89 / 5 h = 12.978 → 12.98.
    expect(o3!.effectiveHourlyRate).toBe(12.98);
  });

  it('gives null rates and leverage to a stream without hours', () => {
    expect(o2!.effectiveHourlyRate).toBeNull();
    expect(o2!.leverage).toBeNull();
    expect(o2!.lifetime.effectiveHourlyRate).toBeNull();
    expect(o4!.effectiveHourlyRate).toBeNull();
  });

  it('computes the baseline from one_to_one streams and leverage against it', () => {
    // Only o1 is one_to_one: 2225 / 17 = 130.882… → 130.88.
    expect(sut.baselineHourlyRate).toBe(130.88);
    expect(o1!.leverage).toBe(1);
    // (64.89 / 5) / (2225 / 17) = 12.978 / 130.88235… = 0.099157… → 0.0992.
    expect(o3!.leverage).toBe(0.0992);
  });

  it('brings creation hours before the period back into view over the lifetime', () => {
    // Every date ≤ 2024-12-31: revenue 97 + 500 = 597; costs 3.11 + 29 + 100 = 132.11;
    // net 464.89; hours 40 + 2 + 3 = 45, none delivery; 464.89 / 45 = 10.3308… → 10.33.
    expect(o3!.lifetime).toEqual({
      revenue: 597,
      costs: 132.11,
      net: 464.89,
      hours: 45,
      hiddenHours: 45,
      effectiveHourlyRate: 10.33,
    });
    // The payment and hours after the period never count, not even in the lifetime.
    expect(o1!.lifetime).toEqual({
      revenue: 2300,
      costs: 75,
      net: 2225,
      hours: 17,
      hiddenHours: 0.5,
      effectiveHourlyRate: 130.88,
    });
  });

  it('runs the passive-revenue myth test on product kinds only', () => {
    // Lifetime 10.33 $/h < baseline 130.88 $/h.
    expect(o3!.beatsBaseline).toBe(false);
    expect(o1!.beatsBaseline).toBeNull();
    expect(o2!.beatsBaseline).toBeNull();
    expect(o4!.beatsBaseline).toBeNull();
  });

  it('totals every record of the period, with what has no offer', () => {
    // revenue 2300 + 97 + 50 = 2447; costs 75 + 32.11 + 1 (fee) + 10 (cost) = 118.11;
    // net 2328.89; hours 17 + 5 + 1.25 = 23.25; 2328.89 / 23.25 = 100.1673… → 100.17.
    expect(sut.totals).toEqual({
      revenue: 2447,
      costs: 118.11,
      net: 2328.89,
      hours: 23.25,
      effectiveHourlyRate: 100.17,
      unassigned: { revenue: 50, costs: 11, hours: 1.25 },
    });
  });
});

describe('baseline fallbacks', () => {
  const offers = [
    { id: 'o1', kind: 'one_to_one' as const },
    { id: 'o2', kind: 'package' as const },
    { id: 'o3', kind: 'membership' as const },
  ];

  it('pools every one_to_one stream, also one with revenue but no hours', () => {
    const data = buildPractice({
      offers: [...offers, { id: 'o1b', kind: 'one_to_one' }],
      payments: [
        { date: '2024-02-01', amount: 1000, offerId: 'o1' },
        { date: '2024-02-01', amount: 500, offerId: 'o1b' },
      ],
      timeEntries: [{ date: '2024-02-01', hours: 10, offerId: 'o1' }],
    });
    // (1000 + 500) / (10 + 0) = 150; o1 alone earns 100/h → leverage 100/150 = 0.6667.
    const sut = analyze(data, YEAR_2024);
    expect(sut.baselineHourlyRate).toBe(150);
    expect(sut.streams[0]!.leverage).toBe(0.6667);
  });

  it('falls back to all service kinds when one_to_one has no hours', () => {
    const data = buildPractice({
      offers,
      payments: [
        { date: '2024-02-01', amount: 300, offerId: 'o1' },
        { date: '2024-02-01', amount: 1000, offerId: 'o2' },
        { date: '2024-02-01', amount: 5000, offerId: 'o3' }, // product: not in the baseline
      ],
      timeEntries: [
        { date: '2024-02-01', hours: 10, offerId: 'o2' },
        { date: '2024-02-01', hours: 1, offerId: 'o3', activity: 'maintenance' },
      ],
    });
    // Service net (300 + 1000) / service hours (0 + 10) = 130.
    const sut = analyze(data, YEAR_2024);
    expect(sut.baselineHourlyRate).toBe(130);
    // o3: 5000 / 1 h = 5000 → leverage 5000 / 130 = 38.461538… → 38.4615; it beats 1:1.
    expect(sut.streams[2]).toMatchObject({ leverage: 38.4615, beatsBaseline: true });
  });

  it('is null without service hours, and so are leverage and the myth test', () => {
    const data = buildPractice({
      offers,
      payments: [{ date: '2024-02-01', amount: 1000, offerId: 'o3' }],
      timeEntries: [{ date: '2024-02-01', hours: 4, offerId: 'o3', activity: 'creation' }],
    });
    const sut = analyze(data, YEAR_2024);
    expect(sut.baselineHourlyRate).toBeNull();
    expect(sut.streams[2]).toMatchObject({
      effectiveHourlyRate: 250,
      leverage: null,
      beatsBaseline: null,
    });
  });

  it('gives no leverage against a baseline of 0 or less', () => {
    const data = buildPractice({
      offers,
      payments: [
        { date: '2024-02-01', amount: 100, offerId: 'o1' },
        { date: '2024-03-01', amount: -300, offerId: 'o1' },
      ],
      timeEntries: [{ date: '2024-02-01', hours: 4, offerId: 'o1' }],
    });
    data.payments.push({ ...data.payments[0]!, id: 'p9', amount: 100000, offerId: 'o3' }); // 1000.00
    data.timeEntries.push({ ...data.timeEntries[0]!, id: 't9', hours: 20, offerId: 'o3' });
    const sut = analyze(data, YEAR_2024);
    // (100 − 300) / 4 = −50.
    expect(sut.baselineHourlyRate).toBe(-50);
    expect(sut.streams[0]!.leverage).toBeNull();
    // The product earns 1000 / 20 = 50 ≥ −50: the myth test still compares (decision 14).
    expect(sut.streams[2]).toMatchObject({
      effectiveHourlyRate: 50,
      leverage: null,
      beatsBaseline: true,
    });
  });

  it('compares the myth test on exact values, not the rounded ones', () => {
    // Baseline 100.00 / 3 h = 33.333…; the product earns 33.33 / 1 h = 33.33:
    // both show 33.33, but the product is below the baseline.
    const data = buildPractice({
      offers,
      payments: [
        { date: '2024-02-01', amount: 100, offerId: 'o1' },
        { date: '2024-02-01', amount: 33.33, offerId: 'o3' },
      ],
      timeEntries: [
        { date: '2024-02-01', hours: 3, offerId: 'o1' },
        { date: '2024-02-01', hours: 1, offerId: 'o3', activity: 'creation' },
      ],
    });
    const sut = analyze(data, YEAR_2024);
    expect(sut.baselineHourlyRate).toBe(33.33);
    expect(sut.streams[2]).toMatchObject({ effectiveHourlyRate: 33.33, beatsBaseline: false });
    // 33.33 / 33.333… = 0.9999 exactly.
    expect(sut.streams[2]!.leverage).toBe(0.9999);
  });
});

describe('exact hours and rates', () => {
  it('adds hours as written, in any order', () => {
    const entries = [0.1, 0.2, 0.3, 0.7, 1 / 3].map((hours) => ({
      date: '2024-02-01',
      hours,
      offerId: 'o1',
    }));
    const build = (list: typeof entries) =>
      buildPractice({
        offers: [{ id: 'o1', kind: 'one_to_one' }],
        payments: [{ date: '2024-02-01', amount: 100, offerId: 'o1' }],
        timeEntries: list,
      });
    const forward = analyze(build(entries), YEAR_2024);
    const backward = analyze(build([...entries].reverse()), YEAR_2024);
    // 0.1 + 0.2 + 0.3 + 0.7 + 0.3333333333333333 = 1.6333333333333333 → 1.63 h;
    // 100 / 1.6333… = 61.2244… → 61.22.
    expect(forward.streams[0]!.hours.total).toBe(1.63);
    expect(forward.streams[0]!.effectiveHourlyRate).toBe(61.22);
    expect(backward).toEqual(forward);
  });

  it('rounds rates half away from zero', () => {
    const build = (amount: number) =>
      buildPractice({
        offers: [{ id: 'o1', kind: 'one_to_one' }],
        payments: [{ date: '2024-02-01', amount, offerId: 'o1' }],
        timeEntries: [{ date: '2024-02-01', hours: 8, offerId: 'o1' }],
      });
    // 1.00 / 8 = 0.125 → 0.13; −1.00 / 8 = −0.125 → −0.13.
    expect(analyze(build(1), YEAR_2024).streams[0]!.effectiveHourlyRate).toBe(0.13);
    expect(analyze(build(-1), YEAR_2024).streams[0]!.effectiveHourlyRate).toBe(-0.13);
  });

  it('converts each foreign payment at its own date before summing', () => {
    const data = buildPractice({
      offers: [{ id: 'o1', kind: 'one_to_one' }],
      payments: [
        { date: '2024-01-10', amount: 100, fee: 3, currency: 'EUR', offerId: 'o1' },
        { date: '2024-06-10', amount: 100, fee: 3, currency: 'EUR', offerId: 'o1' },
        { date: '2024-07-10', amount: -50, currency: 'EUR', offerId: 'o1' },
      ],
      rates: [
        { date: '2024-01-01', from: 'EUR', to: 'USD', rate: 1.09 },
        { date: '2024-06-01', from: 'EUR', to: 'USD', rate: 1.0725 },
      ],
      timeEntries: [{ date: '2024-02-01', hours: 2, offerId: 'o1' }],
    });
    const [s] = analyze(data, YEAR_2024).streams;
    // 100 × 1.09 = 109.00; 100 × 1.0725 = 107.25; −50 × 1.0725 = −53.625 → −53.63.
    // revenue 109 + 107.25 − 53.63 = 162.62; fees 3 × 1.09 = 3.27 + 3 × 1.0725 = 3.2175 → 3.22.
    expect(s).toMatchObject({ revenue: 162.62, costs: 6.49, net: 156.13 });
    // 156.13 / 2 = 78.065 → 78.07.
    expect(s!.effectiveHourlyRate).toBe(78.07);
  });
});

describe('unassigned', () => {
  it('counts a payment naming an offer the data does not have as unassigned', () => {
    const data = buildPractice({
      offers: [{ id: 'o1', kind: 'one_to_one' }],
      payments: [
        { date: '2024-02-01', amount: 100, offerId: 'o1' },
        { date: '2024-02-01', amount: 40, fee: 1, offerId: 'ghost' },
      ],
    });
    const sut = analyze(data, YEAR_2024);
    expect(sut.streams.map((s) => s.revenue)).toEqual([100]);
    expect(sut.totals).toMatchObject({ revenue: 140, unassigned: { revenue: 40, costs: 1 } });
  });
});
