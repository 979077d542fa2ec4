/**
 * The report of the current practice for a period, and each stream month by month over
 * it, both from the server (src/app/report.ts and src/app/monthly.ts: the one place each
 * figure is computed). The page never downloads the practice's records to draw them.
 */
import { useQuery } from '@tanstack/react-query';
import type { Report } from '../../domain/analysis/report.ts';
import type { IsoDate } from '../../domain/dates.ts';
import { request } from '../lib/api.ts';
import type { MonthlySeries } from '../lib/types.ts';
import { practiceKey, usePracticeId } from './practice.ts';

export interface PeriodChoice {
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
}

export function useReport(period: PeriodChoice) {
  const id = usePracticeId();
  return useQuery({
    queryKey: practiceKey(id, 'report', period.from ?? null, period.to ?? null),
    queryFn: ({ signal }) =>
      request<Report>('GET', `/practices/${id}/report`, {
        query: { from: period.from, to: period.to },
        signal,
      }),
    placeholderData: (previous) => previous,
  });
}

/**
 * Each stream's revenue, hours and rate month by month over the report's period
 * (`GET …/report/monthly`). Asked for once the report is shown, so it never delays the
 * headline figures.
 */
export function useMonthly(period: Report['period']) {
  const id = usePracticeId();
  const monthly = useQuery({
    queryKey: practiceKey(id, 'monthly', period.from, period.to),
    queryFn: ({ signal }) =>
      request<MonthlySeries>('GET', `/practices/${id}/report/monthly`, {
        query: { from: period.from, to: period.to },
        signal,
      }),
  });
  return { months: monthly.data?.months, error: monthly.error };
}
