import { describe, expect, it } from 'vitest';
import type { Rate } from '../model.ts';
import { convertGroups } from './convert.ts';
import { groupRecords } from './groups.ts';
import { analyze } from './index.ts';
import { buildPractice, errorOf } from './test-factory.ts';

/** A USD practice with one EUR payment of `amount` on 2024-03-02, fee `fee`. */
const euroPayment = (rates: Rate[], amount = 100, fee: number | null = null) =>
  buildPractice({
    payments: [{ id: 'p7', date: '2024-03-02', amount, fee, currency: 'EUR' }],
    rates,
  });

const PERIOD = { from: '2024-01-01', to: '2024-12-31', days: 366 };

const converted = (rates: Rate[], amount = 100, fee: number | null = null) =>
  convertGroups(groupRecords(euroPayment(rates, amount, fee), PERIOD)).payments[0]!;

describe('conversion into the practice currency', () => {
  it('uses the latest rate on or before the record date', () => {
    const rates: Rate[] = [
      { date: '2024-01-01', from: 'EUR', to: 'USD', rate: 1.09 },
      { date: '2024-03-01', from: 'EUR', to: 'USD', rate: 1.1 },
      { date: '2024-03-03', from: 'EUR', to: 'USD', rate: 1.2 }, // after the payment
    ];
    // 100.00 EUR × 1.10 = 110.00 USD.
    expect(converted(rates).amount).toBe(11000);
    // A rate dated the same day counts ("on or before"): 100.00 × 1.5 = 150.00.
    expect(
      converted([...rates, { date: '2024-03-02', from: 'EUR', to: 'USD', rate: 1.5 }]).amount,
    ).toBe(15000);
  });

  it('uses a to→from entry as 1/rate', () => {
    // USD→EUR 0.8: 1 EUR = 1/0.8 = 1.25 USD; 100.00 EUR = 125.00 USD.
    expect(converted([{ date: '2024-01-01', from: 'USD', to: 'EUR', rate: 0.8 }]).amount).toBe(
      12500,
    );
    // A later inverse entry beats an earlier direct one.
    const rates: Rate[] = [
      { date: '2024-01-01', from: 'EUR', to: 'USD', rate: 1.1 },
      { date: '2024-02-01', from: 'USD', to: 'EUR', rate: 0.8 },
    ];
    expect(converted(rates).amount).toBe(12500);
  });

  it('prefers the from→to entry on the same date', () => {
    const rates: Rate[] = [
      { date: '2024-02-01', from: 'USD', to: 'EUR', rate: 0.75 }, // would give 133.33
      { date: '2024-02-01', from: 'EUR', to: 'USD', rate: 1.25 }, // wins: 125.00
    ];
    expect(converted(rates).amount).toBe(12500);
    expect(converted([...rates].reverse()).amount).toBe(12500);
  });

  it('rounds each amount and fee once, half away from zero', () => {
    const rates: Rate[] = [{ date: '2024-01-01', from: 'EUR', to: 'USD', rate: 1.1 }];
    // fee 0.05 EUR × 1.1 = 0.055 → 0.06; amount 150.05 × 1.1 = 165.055 → 165.06.
    expect(converted(rates, 150.05, 0.05)).toMatchObject({ amount: 16506, fee: 6 });
    // A refund rounds away from zero too: −0.05 × 1.1 = −0.055 → −0.06.
    expect(converted(rates, -0.05).amount).toBe(-6);
    // Inverse with a repeating quotient: 100.00 EUR / 0.75 = 133.333… → 133.33.
    expect(converted([{ date: '2024-01-01', from: 'USD', to: 'EUR', rate: 0.75 }]).amount).toBe(
      13333,
    );
  });

  it('converts into a currency without minor digits', () => {
    const data = buildPractice({
      practice: { currency: 'JPY' },
      payments: [{ date: '2024-01-05', amount: 10, currency: 'USD' }],
      rates: [{ date: '2024-01-01', from: 'USD', to: 'JPY', rate: 151.37 }],
    });
    // 10.00 USD × 151.37 = 1513.7 JPY → 1514.
    expect(convertGroups(groupRecords(data, PERIOD)).payments[0]!.amount).toBe(1514);
    expect(analyze(data).totals.revenue).toBe(1514);
  });

  it('names the record that has no rate', () => {
    const data = euroPayment([{ date: '2024-03-03', from: 'EUR', to: 'USD', rate: 1.1 }]);
    const error = errorOf(() => analyze(data));
    expect(error.code).toBe('missing_rate');
    expect(error.message).toBe(
      'payment "p7" (2024-03-02, EUR): no rate from EUR to USD on or before 2024-03-02',
    );
    expect(error.details).toEqual({
      record: 'payment',
      id: 'p7',
      date: '2024-03-02',
      currency: 'EUR',
    });

    const cost = buildPractice({
      costs: [{ id: 'k1', date: '2024-02-01', amount: 29, currency: 'GBP' }],
    });
    expect(errorOf(() => analyze(cost)).message).toBe(
      'cost "k1" (2024-02-01, GBP): no rate from GBP to USD on or before 2024-02-01',
    );
  });

  it('needs a rate for every payment and cost up to the period end, none after it', () => {
    const data = buildPractice({
      payments: [
        { date: '2024-06-01', amount: 100 },
        { id: 'late', date: '2025-01-10', amount: 100, currency: 'GBP' },
      ],
      costs: [{ id: 'early', date: '2020-01-01', amount: 5, currency: 'CHF' }],
    });
    // The GBP payment is after the period: never read, so no rate needed.
    // The CHF cost is before the period: read (lifetime figures), so its rate is needed.
    const error = errorOf(() => analyze(data, { from: '2024-01-01', to: '2024-12-31' }));
    expect(error.message).toBe(
      'cost "early" (2020-01-01, CHF): no rate from CHF to USD on or before 2020-01-01',
    );
    data.costs = [];
    expect(analyze(data, { from: '2024-01-01', to: '2024-12-31' }).totals.revenue).toBe(100);
  });

  it('ignores rates between two other currencies', () => {
    const data = euroPayment([{ date: '2024-01-01', from: 'EUR', to: 'GBP', rate: 0.85 }]);
    expect(errorOf(() => analyze(data)).code).toBe('missing_rate');
  });
});
