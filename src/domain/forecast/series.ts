/**
 * The history the fan chart draws before the forecast: each full month's revenue,
 * hours and revenue per hour, as the forecast reads them.
 */
import type { IsoDate } from '../dates.ts';
import type { PracticeData } from '../model.ts';
import { minorDigits } from '../money.ts';
import { ForecastError } from './errors.ts';
import { extractHistory, latestRecordDate } from './history.ts';
import { monthLabel } from './months.ts';

export interface HistorySeries {
  currency: string;
  months: string[];
  /** Major units of the practice currency. */
  revenue: number[];
  hours: number[];
  /** Revenue ÷ hours, before costs; null in a month without hours. */
  effectiveHourlyRate: (number | null)[];
}

/**
 * Monthly history up to the last full month on or before `asOf` (default: the latest record).
 * @example historySeries(generateDemo(), '2026-10-31').months.at(-1) // '2026-10'
 * @throws ForecastError `no_data`, `missing_rate` as the forecast does.
 */
export function historySeries(data: PracticeData, asOf?: IsoDate): HistorySeries {
  const date = asOf ?? latestRecordDate(data);
  if (date === null) throw new ForecastError('no_data', 'the practice has no records yet');
  const h = extractHistory(data, date);
  const scale = 10 ** minorDigits(h.currency);
  const out: HistorySeries = {
    currency: h.currency,
    months: [],
    revenue: [],
    hours: [],
    effectiveHourlyRate: [],
  };
  for (let i = 0; i < h.months; i++) {
    const revenue = h.revenue[i]!;
    const hours = Math.round(h.hours[i]! * 100) / 100;
    out.months.push(monthLabel(h.from + i));
    out.revenue.push(Math.round(revenue) / scale);
    out.hours.push(hours);
    out.effectiveHourlyRate.push(
      h.hours[i]! > 0 ? Math.round((revenue / scale / h.hours[i]!) * 100) / 100 : null,
    );
  }
  return out;
}
