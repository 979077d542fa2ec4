/**
 * Payments and costs in the practice currency (spec/analysis.md, "Period, currency,
 * rounding"): each amount and fee converted once, at its own date, rounded to the
 * minor unit half away from zero (a group of records, groups.ts, as count × one record).
 * A record without a rate is an error naming it.
 */
import type { IsoDate } from '../dates.ts';
import { RateTable } from '../rates.ts';
import { AnalysisError } from './errors.ts';
import type { AnalysisData, CostGroup, GroupedData, PaymentGroup } from './input.ts';

/** A group of payments with its amount and fee in practice minor units. */
export interface ConvertedPayment {
  record: PaymentGroup;
  amount: number;
  fee: number;
}

/** A group of costs with its amount in practice minor units. */
export interface ConvertedCost {
  record: CostGroup;
  amount: number;
}

export interface Converted {
  payments: ConvertedPayment[];
  costs: ConvertedCost[];
}

function missingRate(noun: string, id: string, date: IsoDate, currency: string, target: string) {
  return new AnalysisError(
    'missing_rate',
    `${noun} "${id}" (${date}, ${currency}): no rate from ${currency} to ${target} on or before ${date}`,
    { record: noun, id, date, currency },
  );
}

/**
 * Converts every group of payments and costs (all dated on or before the period end). A
 * group in the practice currency needs no rate: its sums are its value. A group in
 * another currency holds records of one date, amount and fee (groups.ts), each converted
 * and rounded on its own: its value is count × one conversion. Throws `missing_rate`
 * when a group has no rate; `requireRates` names the record.
 * @example
 * convertGroups(groups).payments[0] // { record, amount: 16350, fee: 0 }
 */
export function convertGroups(data: GroupedData): Converted {
  const target = data.practice.currency;
  const table = new RateTable(data.rates, target);
  const convert = (noun: string, date: IsoDate, currency: string, sum: number, count: number) => {
    if (currency === target) return sum;
    const value = table.convert(sum / count, currency, date);
    if (value === null) throw missingRate(noun, `${noun} group`, date, currency, target);
    return value * count;
  };
  const payments: ConvertedPayment[] = [];
  for (const p of data.payments) {
    const amount = convert('payment', p.date, p.currency, p.amount, p.count);
    // A fee of 0 (or none) needs no rate; an amount always does, as for a single record.
    const fee = p.fee === 0 ? 0 : convert('payment', p.date, p.currency, p.fee, p.count);
    payments.push({ record: p, amount, fee });
  }
  const costs: ConvertedCost[] = [];
  for (const k of data.costs) {
    costs.push({ record: k, amount: convert('cost', k.date, k.currency, k.amount, k.count) });
  }
  return { payments, costs };
}

/**
 * Throws `missing_rate` for the first record, in input order (payments, then costs),
 * dated on or before `to` whose currency has no rate on or before its date.
 * @example requireRates(data, '2024-12-31') // throws: payment "p7" (2024-03-02, EUR): no rate …
 */
export function requireRates(data: AnalysisData, to: IsoDate): void {
  const target = data.practice.currency;
  const table = new RateTable(data.rates, target);
  const check = (noun: string, id: string, date: IsoDate, currency: string, minor: number) => {
    if (date <= to && table.convert(minor, currency, date) === null) {
      throw missingRate(noun, id, date, currency, target);
    }
  };
  // A payment's fee is converted at the same date and currency as its amount.
  for (const p of data.payments) check('payment', p.id, p.date, p.currency, p.amount);
  for (const k of data.costs) check('cost', k.id, k.date, k.currency, k.amount);
}
