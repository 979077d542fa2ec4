import { describe, expect, it } from 'vitest';
import type { Practice } from '../model.ts';
import { analyze } from './index.ts';
import { incomeWindow } from './readiness.ts';
import type { Criterion, Report } from './report.ts';
import { buildPractice, type PaymentSpec, type PracticeSpec } from './test-factory.ts';

const criterion = (r: Report, id: Criterion['id']) =>
  r.readiness.criteria.find((c) => c.id === id)!;

const OFFERS: PracticeSpec['offers'] = [
  { id: 'o1', kind: 'one_to_one' },
  { id: 'o2', kind: 'package' },
  { id: 'o3', kind: 'info_product' },
];

describe('years_in_business', () => {
  const run = (practice: Partial<Practice>, to: string, payments: PaymentSpec[] = []) =>
    criterion(
      analyze(
        buildPractice({ practice, payments, conversations: [{ date: to, outcome: 'pending' }] }),
        { to },
      ),
      'years_in_business',
    );

  it('counts days from startedOn to `to` ÷ 365.25, met on the exact value', () => {
    // 2021-03-01 → 2024-02-29 = 1095 days; 1095 / 365.25 = 2.99794… → shows 3, not met;
    // the gap 0.00205… rounds up to 0.01 so it never reads 0 while unmet.
    expect(run({ startedOn: '2021-03-01' }, '2024-02-29')).toMatchObject({
      value: 3,
      target: 3,
      met: false,
      gap: 0.01,
      unit: 'years',
      detail: { since: '2021-03-01' },
    });
    // One day later: 1096 / 365.25 = 3.000684… → met.
    expect(run({ startedOn: '2021-03-01' }, '2024-03-01')).toMatchObject({
      value: 3,
      met: true,
      gap: 0,
    });
  });

  it('starts at the earliest payment without startedOn, a refund included', () => {
    const payments: PaymentSpec[] = [
      { date: '2023-05-01', amount: 100 },
      { date: '2022-01-10', amount: -20 },
      { date: '2025-01-01', amount: 100 }, // after `to`: ignored
    ];
    // 2022-01-10 → 2024-12-31 = 1086 days; 1086 / 365.25 = 2.97330… → 2.97; gap 0.0267 → 0.03.
    expect(run({}, '2024-12-31', payments)).toMatchObject({
      value: 2.97,
      gap: 0.03,
      met: false,
      detail: { since: '2022-01-10' },
    });
  });

  it('is negative when startedOn is after `to`, as the formula says', () => {
    // 2025-01-01 → 2024-12-31 = −1 day; −1 / 365.25 = −0.0027… → −0.00 shows as 0; gap 3.0027… → 3.01.
    expect(run({ startedOn: '2025-01-01' }, '2024-12-31')).toMatchObject({
      value: 0,
      met: false,
      gap: 3.01,
    });
    // 2026-01-01 → 2024-12-31 = −366 days → −1.0020… → −1.
    expect(run({ startedOn: '2026-01-01' }, '2024-12-31')).toMatchObject({ value: -1 });
  });

  it('is 0 without startedOn and without payments', () => {
    expect(run({}, '2024-12-31')).toMatchObject({ value: 0, gap: 3, detail: { since: null } });
  });

  it('uses the practice target', () => {
    expect(
      run({ startedOn: '2024-01-01', targets: { yearsInBusiness: 0.5 } }, '2024-12-31'),
    ).toMatchObject({
      target: 0.5,
      met: true, // 365 / 365.25 = 0.99931… → 1
      value: 1,
    });
  });
});

describe('buyers', () => {
  it('counts clients whose payments up to `to`, in practice currency, sum to more than 0', () => {
    const data = buildPractice({
      offers: OFFERS,
      clients: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((id) => ({ id })),
      payments: [
        { date: '2024-02-01', amount: 100, clientId: 'c1' },
        { date: '2024-03-01', amount: -100, clientId: 'c1' }, // refunded in full: 0, no buyer
        { date: '2024-02-01', amount: 50, clientId: 'c2' }, // buyer
        { date: '2020-02-01', amount: 10, clientId: 'c3' }, // before P still counts: buyer
        { date: '2025-02-01', amount: 50, clientId: 'c4' }, // after `to`: no buyer
        { date: '2024-02-01', amount: -10, clientId: 'c5' },
        { date: '2024-03-01', amount: 20, clientId: 'c5' }, // −10 + 20 = 10: buyer
        // 100.00 EUR × 1.09 = 109.00 USD, refund 108.00 USD: +1.00 → buyer
        // (the recorded amounts would sum to −8).
        { date: '2024-02-01', amount: 100, currency: 'EUR', clientId: 'c6' },
        { date: '2024-03-01', amount: -108, clientId: 'c6' },
        { date: '2024-02-01', amount: 500 }, // no client
      ],
      rates: [{ date: '2024-01-01', from: 'EUR', to: 'USD', rate: 1.09 }],
    });
    const c = criterion(analyze(data, { from: '2024-01-01', to: '2024-12-31' }), 'buyers');
    expect(c).toMatchObject({ value: 4, target: 50, met: false, gap: 46, unit: 'clients' });
  });
});

describe('niche', () => {
  const spec = (niche: string | null): PracticeSpec => ({
    practice: { niche },
    offers: OFFERS,
    clients: [
      { id: 'c1', segment: 'nurses' },
      { id: 'c2', segment: ' NURSES' },
      { id: 'c3', segment: 'teachers' },
      { id: 'c4' },
    ],
    payments: [
      { date: '2024-02-01', amount: 600, offerId: 'o1', clientId: 'c1' },
      { date: '2024-02-01', amount: 300, offerId: 'o2', clientId: 'c2' },
      { date: '2024-02-01', amount: 300, offerId: 'o1', clientId: 'c3' },
      { date: '2024-02-01', amount: 200, offerId: 'o1', clientId: 'c4' },
      { date: '2024-02-01', amount: 1000, offerId: 'o3', clientId: 'c3' }, // product: not service
      { date: '2024-02-01', amount: 500, clientId: 'c3' }, // no offer: not service
      { date: '2023-02-01', amount: 5000, offerId: 'o1', clientId: 'c3' }, // before P
      { date: '2024-02-01', amount: 100, offerId: 'o1' }, // no client: in S only
    ],
  });
  const run = (niche: string | null) =>
    criterion(
      analyze(buildPractice(spec(niche)), { from: '2024-01-01', to: '2024-12-31' }),
      'niche',
    );

  it("divides the niche's service revenue by all service revenue, segments compared trimmed and lower-cased", () => {
    // S = 600 + 300 + 300 + 200 + 100 = 1500; nurses = 600 + 300 = 900; 900 / 1500 = 0.6.
    expect(run('Nurses ')).toMatchObject({
      value: 0.6,
      target: 0.6,
      met: true,
      gap: 0,
      unit: 'share',
      detail: { segment: 'nurses', segmentFrom: 'practice' },
    });
    // teachers: 300 / 1500 = 0.2.
    expect(run('teachers')).toMatchObject({ value: 0.2, met: false, gap: 0.4 });
    expect(run('dentists')).toMatchObject({ value: 0, detail: { segment: 'dentists' } });
  });

  it('takes the segment with the most service revenue when the practice names none', () => {
    expect(run(null)).toMatchObject({
      value: 0.6,
      detail: { segment: 'nurses', segmentFrom: 'largest' },
    });
    expect(run('  ')).toMatchObject({ detail: { segment: 'nurses', segmentFrom: 'largest' } });
  });

  it('breaks a tie between segments by name', () => {
    const data = buildPractice({
      offers: OFFERS,
      clients: [
        { id: 'c1', segment: 'b' },
        { id: 'c2', segment: 'a' },
      ],
      payments: [
        { date: '2024-02-01', amount: 500, offerId: 'o1', clientId: 'c1' },
        { date: '2024-02-01', amount: 500, offerId: 'o1', clientId: 'c2' },
      ],
    });
    // 500 / 1000 = 0.5 whichever is taken; the report names "a".
    expect(criterion(analyze(data), 'niche')).toMatchObject({
      value: 0.5,
      detail: { segment: 'a' },
    });
  });

  it('is 0 when service revenue is below 0', () => {
    const data = buildPractice({
      offers: OFFERS,
      clients: [{ id: 'c1', segment: 'a' }],
      payments: [{ date: '2024-02-01', amount: -500, offerId: 'o1', clientId: 'c1' }],
    });
    // −500 / −500 would be 1; a share of a loss means nothing: 0.
    expect(criterion(analyze(data), 'niche')).toMatchObject({ value: 0 });
  });

  it('is 0 when there is no service revenue', () => {
    const data = buildPractice({
      offers: OFFERS,
      clients: [{ id: 'c1', segment: 'a' }],
      payments: [{ date: '2024-02-01', amount: 500, offerId: 'o3', clientId: 'c1' }],
    });
    expect(criterion(analyze(data), 'niche')).toMatchObject({
      value: 0,
      detail: { segment: null },
    });
  });

  it('rounds the share to 4 decimals', () => {
    const data = buildPractice({
      offers: OFFERS,
      clients: [{ id: 'c1', segment: 'a' }],
      payments: [
        { date: '2024-02-01', amount: 100, offerId: 'o1', clientId: 'c1' },
        { date: '2024-02-01', amount: 200, offerId: 'o1' },
      ],
    });
    // 100 / 300 = 0.33333… → 0.3333; gap 0.6 − 0.33333… = 0.26666… → up to 0.2667.
    expect(criterion(analyze(data), 'niche')).toMatchObject({ value: 0.3333, gap: 0.2667 });
  });
});

describe('service_income', () => {
  it('looks at the 3 full months ending with `to` when `to` ends its month, else before', () => {
    expect(incomeWindow('2024-06-30')).toEqual({ from: '2024-04-01', to: '2024-06-30' });
    expect(incomeWindow('2024-06-29')).toEqual({ from: '2024-03-01', to: '2024-05-31' });
    expect(incomeWindow('2024-02-29')).toEqual({ from: '2023-12-01', to: '2024-02-29' });
    expect(incomeWindow('2024-03-01')).toEqual({ from: '2023-12-01', to: '2024-02-29' });
    expect(incomeWindow('2025-01-15')).toEqual({ from: '2024-10-01', to: '2024-12-31' });
  });

  const payments: PaymentSpec[] = [
    { date: '2024-02-29', amount: 1000, offerId: 'o1' },
    { date: '2024-03-31', amount: 3000, offerId: 'o1' },
    { date: '2024-04-01', amount: 6000, offerId: 'o2' },
    { date: '2024-05-15', amount: 9000, offerId: 'o1' },
    { date: '2024-05-20', amount: 5000, offerId: 'o3' }, // product: not service income
    { date: '2024-05-21', amount: 700 }, // no offer: not service income
    { date: '2024-06-29', amount: 15000, offerId: 'o1' },
    { date: '2024-06-30', amount: 100, offerId: 'o1' },
  ];
  const run = (to: string, from?: string) =>
    criterion(analyze(buildPractice({ offers: OFFERS, payments }), { from, to }), 'service_income');

  it('averages service revenue over the window, in money', () => {
    // to 2024-06-30 (last day): April–June = 6000 + 9000 + 15000 + 100 = 30100; ÷ 3 = 10033.333… → 10033.33.
    expect(run('2024-06-30')).toMatchObject({
      value: 10033.33,
      target: 10000,
      met: true,
      gap: 0,
      unit: 'money',
      detail: { from: '2024-04-01', to: '2024-06-30' },
    });
    // to 2024-06-29: March–May = 3000 + 6000 + 9000 = 18000; ÷ 3 = 6000; gap 4000.
    expect(run('2024-06-29')).toMatchObject({ value: 6000, met: false, gap: 4000 });
  });

  it('does not stop at the start of the period', () => {
    // The period starts 2024-06-01 but the window is still April–June.
    expect(run('2024-06-30', '2024-06-01')).toMatchObject({ value: 10033.33 });
  });

  it('decides met on the exact average', () => {
    const data = buildPractice({
      offers: OFFERS,
      payments: [{ date: '2024-06-10', amount: 29999.99, offerId: 'o1' }],
    });
    // 29999.99 / 3 = 9999.99666… → shows 10000.00 but is short by 0.0033… → gap 0.01.
    expect(criterion(analyze(data, { to: '2024-06-30' }), 'service_income')).toMatchObject({
      value: 10000,
      met: false,
      gap: 0.01,
    });
  });
});

describe('sales_experience', () => {
  const run = (outcomes: ('enrolled' | 'declined' | 'pending')[], target?: number) =>
    criterion(
      analyze(
        buildPractice({
          practice: { targets: target === undefined ? {} : { conversations: target } },
          conversations: [
            ...outcomes.map((outcome) => ({ date: '2024-06-01', outcome })),
            { date: '2023-01-01', outcome: 'enrolled' as const }, // before P
          ],
        }),
        { from: '2024-01-01', to: '2024-12-31' },
      ),
      'sales_experience',
    );

  it('counts enrolled and declined conversations in P, not pending ones', () => {
    const outcomes = [...Array(12).fill('declined'), ...Array(8).fill('enrolled'), 'pending'];
    expect(run(outcomes)).toMatchObject({
      value: 20,
      target: 20,
      met: true,
      gap: 0,
      unit: 'conversations',
      detail: { enrolled: 8, declined: 12 },
    });
    expect(run(['enrolled', 'declined'])).toMatchObject({ value: 2, met: false, gap: 18 });
  });

  it('needs at least one enrolled', () => {
    expect(run(Array(25).fill('declined'))).toMatchObject({ value: 25, met: false, gap: 0 });
    expect(run(['declined', 'enrolled'], 2)).toMatchObject({ met: true });
  });
});

describe('ready, stage and warnings', () => {
  /** A practice that meets every foundation criterion with small targets. */
  const solid = (extra: PracticeSpec = {}) =>
    buildPractice({
      practice: {
        startedOn: '2020-01-01',
        niche: 'nurses',
        targets: { monthlyServiceIncome: 100, buyers: 2, conversations: 2 },
      },
      offers: OFFERS,
      clients: [
        { id: 'c1', segment: 'nurses' },
        { id: 'c2', segment: 'nurses' },
      ],
      conversations: [
        { date: '2024-06-01', outcome: 'enrolled' },
        { date: '2024-06-02', outcome: 'declined' },
      ],
      ...extra,
      payments: [
        // April–June service income 600 / 3 = 200 ≥ 100.
        { date: '2024-04-10', amount: 300, offerId: 'o1', clientId: 'c1' },
        { date: '2024-05-10', amount: 300, offerId: 'o2', clientId: 'c2' },
        ...(extra.payments ?? []),
      ],
    });
  const run = (data: ReturnType<typeof solid>) => analyze(data, { to: '2024-06-30' }).readiness;

  it('is ready when all five are met, and no products earned in P', () => {
    expect(run(solid())).toEqual(
      expect.objectContaining({ ready: true, stage: 'ready', warnings: [] }),
    );
    // Hours on a product alone do not make the practice "leveraging".
    const hours = solid({
      timeEntries: [{ date: '2024-05-01', hours: 3, offerId: 'o3', activity: 'creation' }],
    });
    expect(run(hours)).toMatchObject({ stage: 'ready', warnings: [] });
  });

  it('is leveraging when ready and products had revenue in P', () => {
    const data = solid({
      payments: [{ date: '2024-05-01', amount: 49, offerId: 'o3', clientId: 'c1' }],
    });
    expect(run(data)).toMatchObject({ ready: true, stage: 'leveraging' });
    // A product refund alone is not revenue (decision: product revenue in P must be > 0).
    const refund = solid({
      payments: [{ date: '2024-05-01', amount: -49, offerId: 'o3', clientId: 'c1' }],
    });
    expect(run(refund)).toMatchObject({ stage: 'ready' });
  });

  it('is building when the income is at least half its target but something is unmet', () => {
    const data = solid({
      practice: { startedOn: '2024-01-01', targets: { monthlyServiceIncome: 400 } },
    });
    // 200 = exactly 0.5 × 400: not below half, so building.
    expect(run(data)).toMatchObject({ ready: false, stage: 'building', warnings: [] });
  });

  it('is foundation when the income is below half its target', () => {
    const data = solid({
      practice: { startedOn: '2020-01-01', targets: { monthlyServiceIncome: 400.01 } },
    });
    // 200 < 0.5 × 400.01 = 200.005.
    expect(run(data)).toMatchObject({ ready: false, stage: 'foundation' });
  });

  it('warns of products before the foundation when products took revenue or hours', () => {
    const early = { practice: { startedOn: '2024-01-01', targets: {} } };
    const revenue = solid({
      ...early,
      payments: [{ date: '2024-05-01', amount: 49, offerId: 'o3' }],
    });
    expect(run(revenue)).toMatchObject({ ready: false, warnings: ['products_before_foundation'] });
    const hours = solid({
      ...early,
      timeEntries: [{ date: '2024-05-01', hours: 0.5, offerId: 'o3', activity: 'creation' }],
    });
    expect(run(hours).warnings).toEqual(['products_before_foundation']);
    // Work on a product before the period does not warn.
    const before = solid({
      ...early,
      timeEntries: [{ date: '2023-05-01', hours: 40, offerId: 'o3', activity: 'creation' }],
    });
    expect(run(before).warnings).toEqual([]);
  });

  it('lists the criteria in the order of the spec', () => {
    expect(run(solid()).criteria.map((c) => c.id)).toEqual([
      'years_in_business',
      'buyers',
      'niche',
      'service_income',
      'sales_experience',
    ]);
  });
});
