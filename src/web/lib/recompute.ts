/**
 * What the page recomputes in the browser, with the domain's own `analyze` so every
 * figure is the server's to the cent: the levers under edited assumptions, and the
 * streams month by month (each month is the report's period, cut to the chosen one).
 */

import { isAnalysisError } from '../../domain/analysis/errors.ts';
import type { Assumptions, Lever, Report } from '../../domain/analysis/index.ts';
import { analyze } from '../../domain/analysis/index.ts';
import type { PracticeData } from '../../domain/model.ts';

/** The levers of `report`'s period under other assumptions, worth most first. */
export function leversUnder(
  data: PracticeData,
  period: Report['period'],
  assumptions: Partial<Assumptions>,
): Lever[] {
  return analyze(data, { from: period.from, to: period.to, assumptions }).levers;
}

export interface MonthFigures {
  /** `2025-06` */
  month: string;
  from: string;
  to: string;
  /** Revenue and hours by offer id (streams with nothing in the month are absent). */
  streams: Record<string, { revenue: number; hours: number }>;
}

function lastDayOf(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar months that meet [from, to], each cut to the period. */
export function monthsOf(from: string, to: string): { month: string; from: string; to: string }[] {
  const months: { month: string; from: string; to: string }[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > to.slice(0, 7)) break;
    const start = `${key}-01`;
    const end = lastDayOf(year, month);
    months.push({ month: key, from: start < from ? from : start, to: end > to ? to : end });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** Each stream's revenue and hours in each month of the period (a month with no records is empty). */
export function monthlyStreams(data: PracticeData, period: Report['period']): MonthFigures[] {
  return monthsOf(period.from, period.to).map(({ month, from, to }) => {
    const streams: MonthFigures['streams'] = {};
    try {
      for (const s of analyze(data, { from, to }).streams) {
        if (s.revenue !== 0 || s.hours.total !== 0) {
          streams[s.offerId] = { revenue: s.revenue, hours: s.hours.total };
        }
      }
    } catch (error) {
      if (!isAnalysisError(error, 'no_data')) throw error;
    }
    return { month, from, to, streams };
  });
}
