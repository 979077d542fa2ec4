/**
 * Payments and costs in the practice currency (spec/analysis.md, "Period, currency,
 * rounding"): each amount and fee converted once, at its own date, rounded to the
 * minor unit half away from zero. A record without a rate is an error naming it.
 */
import type { IsoDate } from '../dates.ts';
import { RateTable } from '../rates.ts';
import { AnalysisError } from './errors.ts';
import type { AnalysisCost, AnalysisData, AnalysisPayment } from './input.ts';

/** A payment with its amount and fee in practice minor units. */
export interface ConvertedPayment {
  record: AnalysisPayment;
  amount: number;
  fee: number;
}

/** A cost with its amount in practice minor units. */
export interface ConvertedCost {
  record: AnalysisCost;
  amount: number;
}

export interface Converted {
  payments: ConvertedPayment[];
  costs: ConvertedCost[];
}

/**
 * Converts every payment and cost dated on or before `to` (records after it are never
 * read, so they need no rate). Throws `missing_rate` for the first record, in input
 * order (payments, then costs), whose currency has no rate on or before its date.
 * @example
 * convertUpTo(data, '2024-12-31').payments[0] // { record, amount: 16350, fee: 0 }
 */
export function convertUpTo(data: AnalysisData, to: IsoDate): Converted {
  const target = data.practice.currency;
  const table = new RateTable(data.rates, target);
  const convert = (noun: string, id: string, date: IsoDate, currency: string, minor: number) => {
    const value = table.convert(minor, currency, date);
    if (value === null) {
      throw new AnalysisError(
        'missing_rate',
        `${noun} "${id}" (${date}, ${currency}): no rate from ${currency} to ${target} on or before ${date}`,
        { record: noun, id, date, currency },
      );
    }
    return value;
  };
  const payments: ConvertedPayment[] = [];
  for (const p of data.payments) {
    if (p.date > to) continue;
    const amount = convert('payment', p.id, p.date, p.currency, p.amount);
    const fee = p.fee ? convert('payment', p.id, p.date, p.currency, p.fee) : 0;
    payments.push({ record: p, amount, fee });
  }
  const costs: ConvertedCost[] = [];
  for (const k of data.costs) {
    if (k.date > to) continue;
    costs.push({ record: k, amount: convert('cost', k.id, k.date, k.currency, k.amount) });
  }
  return { payments, costs };
}
