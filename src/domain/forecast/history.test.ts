import { describe, expect, it } from 'vitest';
import { buildPractice } from '../analysis/test-factory.ts';
import { generateDemo } from '../demo/index.ts';
import { isForecastError } from './errors.ts';
import { extractHistory, KIND_KEYS, KINDS } from './history.ts';
import { monthIndex } from './months.ts';
import { historySeries } from './series.ts';

const practice = buildPractice({
  offers: [
    { id: 'o1', kind: 'one_to_one' },
    { id: 'o2', kind: 'info_product' },
  ],
  clients: [{ id: 'c1', source: ' LinkedIn ' }, { id: 'c2' }],
  payments: [
    { date: '2025-01-10', amount: 150, clientId: 'c1', offerId: 'o1' },
    { date: '2025-02-10', amount: 100, currency: 'EUR', clientId: 'c1', offerId: 'o1' },
    { date: '2025-02-11', amount: 97, offerId: 'o2' },
    { date: '2025-03-02', amount: -97, offerId: 'o2' },
    { date: '2025-03-20', amount: -20, clientId: 'c2', offerId: 'o1' },
    { date: '2025-04-02', amount: 150, clientId: 'c1', offerId: 'o1' },
  ],
  timeEntries: [
    { date: '2025-01-10', hours: 1.25, clientId: 'c1', offerId: 'o1' },
    { date: '2025-01-12', hours: 2, activity: 'marketing', channel: 'LinkedIn ' },
    { date: '2025-02-15', hours: 1.5, offerId: 'o1' },
    { date: '2025-03-01', hours: 3, activity: 'creation', offerId: 'o2' },
  ],
  conversations: [
    { date: '2025-01-05', outcome: 'enrolled', clientId: 'c1' },
    { date: '2025-01-20', outcome: 'declined' },
    { date: '2025-02-20', outcome: 'pending' },
  ],
  rates: [{ date: '2025-01-01', from: 'EUR', to: 'USD', rate: 1.09 }],
});

describe('extractHistory', () => {
  it('reads full months up to asOf, in the practice currency, split by what follows a client', () => {
    const h = extractHistory(practice, '2025-03-31');
    expect([h.from, h.to, h.months]).toEqual([monthIndex('2025-01'), monthIndex('2025-03'), 3]);
    expect(h.unusedRecords).toBe(1); // the April payment
    expect([...h.revenue]).toEqual([15000, 10900 + 9700, -9700 - 2000]);
    expect([...h.hours]).toEqual([3.25, 1.5, 3]);
    expect([...h.otherHours]).toEqual([2, 0, 3]);
    expect(h.marketing.get('linkedin')).toEqual(Float64Array.of(2, 0, 0));
    expect([...h.conversations, ...h.enrolled, ...h.declined]).toEqual([2, 1, 0, 1, 0, 0, 1, 0, 0]);
    // c1 arrived in January through LinkedIn; c2 only ever refunded, so nobody to follow.
    expect(h.clients).toEqual([
      {
        id: 'c1',
        arrival: monthIndex('2025-01'),
        firstOfferId: 'o1',
        source: 'linkedin',
        payments: [
          { month: monthIndex('2025-01'), kind: 0, amount: 15000 },
          { month: monthIndex('2025-02'), kind: 0, amount: 10900 },
        ],
        delivery: [{ month: monthIndex('2025-01'), kind: 0, hours: 1.25 }],
      },
    ]);
    const product = KIND_KEYS.indexOf('info_product');
    expect(h.looseRevenue[1 * KINDS + product]).toBe(9700);
    expect(h.looseRevenue[2 * KINDS + product]).toBe(-9700);
    expect(h.looseRevenue[2 * KINDS + 0]).toBe(-2000); // c2's refund
    expect(h.looseDelivery[1 * KINDS + 0]).toBe(1.5);
  });

  it('closes the month of asOf only on its last day', () => {
    expect(extractHistory(practice, '2025-04-29').to).toBe(monthIndex('2025-03'));
    expect(extractHistory(practice, '2025-04-30').to).toBe(monthIndex('2025-04'));
  });

  it('needs 3 full months and a rate for every payment it reads', () => {
    const short = (() => {
      try {
        extractHistory(practice, '2025-03-30');
      } catch (error) {
        return error;
      }
    })();
    expect(isForecastError(short, 'no_data')).toBe(true);
    expect((short as Error).message).toBe(
      'the forecast needs at least 3 full months of records up to 2025-02-28; there are 2',
    );
    const noRate = { ...practice, rates: [] };
    expect(() => extractHistory(noRate, '2025-03-31')).toThrow(
      'payment "p2" (2025-02-10, EUR): no rate from EUR to USD on or before 2025-02-10',
    );
  });

  it('adds up to the payments and hours of the demo practice', () => {
    const data = generateDemo({ endDate: '2026-10-31' });
    const h = extractHistory(data, '2026-10-31');
    expect(h.months).toBe(37);
    const hours = data.timeEntries.reduce((s, t) => s + t.hours, 0);
    expect(h.hours.reduce((s, x) => s + x, 0)).toBeCloseTo(hours, 6);
    let followed = 0;
    for (const c of h.clients) for (const p of c.payments) followed += p.amount;
    const loose = h.looseRevenue.reduce((s, x) => s + x, 0);
    expect(followed + loose).toBe(h.revenue.reduce((s, x) => s + x, 0));
    const series = historySeries(data, '2026-10-31');
    expect(series.months.at(-1)).toBe('2026-10');
    expect(series.revenue).toHaveLength(37);
    expect(series.effectiveHourlyRate.every((r) => r === null || r > 0)).toBe(true);
  });
});
