import { describe, expect, it } from 'vitest';
import { analyze } from './index.ts';
import { annualFactor, defaultFrom, resolvePeriod } from './period.ts';
import { buildPractice, errorOf } from './test-factory.ts';

const one = (date: string) =>
  buildPractice({
    offers: [{ id: 'o1', kind: 'one_to_one' }],
    payments: [{ date, amount: 100, offerId: 'o1' }],
  });

describe('period', () => {
  it('defaults from to the day after the same date a year before to', () => {
    expect(defaultFrom('2025-06-30')).toBe('2024-07-01');
    // 29 February maps to 28 February first, then the day after.
    expect(defaultFrom('2024-02-29')).toBe('2023-03-01');
    expect(defaultFrom('2024-12-31')).toBe('2024-01-01');
  });

  it('counts days with both ends included', () => {
    // 2024-07-01 … 2025-06-30: no 29 February inside → 365 days.
    expect(resolvePeriod(one('2025-06-30'))).toEqual({
      from: '2024-07-01',
      to: '2025-06-30',
      days: 365,
    });
    // 2023-03-01 … 2024-02-29 holds 29 February 2024 → 366 days, f = 365/366.
    const leap = resolvePeriod(one('2024-02-29'));
    expect(leap).toEqual({ from: '2023-03-01', to: '2024-02-29', days: 366 });
    expect(annualFactor(leap)).toEqual({ n: 365n, d: 366n });
    // 2023-03-02 … 2024-03-01 also holds 29 February.
    expect(resolvePeriod(one('2024-03-01')).days).toBe(366);
    expect(resolvePeriod(one('2024-01-01'), { from: '2024-01-01' }).days).toBe(1);
  });

  it('defaults to to the latest payment, time entry, cost or conversation', () => {
    const data = buildPractice({
      payments: [{ date: '2024-05-01', amount: 10 }],
      timeEntries: [{ date: '2024-05-02', hours: 1 }],
      costs: [{ date: '2024-04-01', amount: 5 }],
      conversations: [{ date: '2024-06-15', outcome: 'pending' }],
      // Rates and list snapshots are not records of the practice's work.
      rates: [{ date: '2024-12-01', from: 'EUR', to: 'USD', rate: 1.1 }],
    });
    data.listSnapshots.push({ date: '2024-12-31', subscribers: 10 });
    expect(resolvePeriod(data)).toEqual({ from: '2023-06-16', to: '2024-06-15', days: 366 });
    // A time entry can be the latest record too.
    data.timeEntries.push({ ...data.timeEntries[0]!, id: 't9', date: '2024-07-01' });
    expect(resolvePeriod(data).to).toBe('2024-07-01');
  });

  it('takes a given from with the default to, and a given to with the default from', () => {
    expect(resolvePeriod(one('2024-05-01'), { from: '2024-01-01' })).toEqual({
      from: '2024-01-01',
      to: '2024-05-01',
      days: 122, // 31 + 29 + 31 + 30 + 1
    });
    expect(resolvePeriod(one('2024-05-01'), { to: '2024-03-31' }).from).toBe('2023-04-01');
  });

  it('refuses dates that are not real YYYY-MM-DD dates', () => {
    for (const bad of ['2024-13-01', '2023-02-29', '2024-1-5', '05/01/2024', '']) {
      const error = errorOf(() => resolvePeriod(one('2024-05-01'), { to: bad }));
      expect(error.code).toBe('invalid_period');
      expect(error.message).toBe(`to "${bad}" is not a date written YYYY-MM-DD`);
    }
    expect(errorOf(() => resolvePeriod(one('2024-05-01'), { from: '2024-02-30' })).code).toBe(
      'invalid_period',
    );
  });

  it('refuses from after to', () => {
    const given = errorOf(() =>
      resolvePeriod(one('2024-05-01'), { from: '2024-06-01', to: '2024-05-31' }),
    );
    expect(given.code).toBe('invalid_period');
    expect(given.message).toBe('from 2024-06-01 is after to 2024-05-31');
    // Decision: a from after the latest record (the default to) is a reversed period too.
    const defaulted = errorOf(() => resolvePeriod(one('2024-05-01'), { from: '2024-06-01' }));
    expect(defaulted.code).toBe('invalid_period');
    expect(defaulted.message).toBe('from 2024-06-01 is after to 2024-05-01 (the latest record)');
  });

  it('says no_data when the practice has no records at all', () => {
    const error = errorOf(() =>
      analyze(buildPractice({ offers: [{ id: 'o1', kind: 'one_to_one' }] })),
    );
    expect(error.code).toBe('no_data');
    expect(error.message).toBe(
      'the practice has no payments, time entries, costs or conversations yet',
    );
    // Even with an explicit period.
    expect(
      errorOf(() => analyze(buildPractice(), { from: '2024-01-01', to: '2024-12-31' })).code,
    ).toBe('no_data');
  });

  it('says no_data when no record falls in the period', () => {
    const error = errorOf(() =>
      analyze(one('2024-05-01'), { from: '2023-01-01', to: '2023-12-31' }),
    );
    expect(error.code).toBe('no_data');
    expect(error.message).toBe(
      'no payments, time entries, costs or conversations between 2023-01-01 and 2023-12-31',
    );
    // One conversation in the period is enough to report on.
    const talk = buildPractice({ conversations: [{ date: '2023-06-01', outcome: 'pending' }] });
    expect(analyze(talk).period).toEqual({ from: '2022-06-02', to: '2023-06-01', days: 365 });
  });
});
