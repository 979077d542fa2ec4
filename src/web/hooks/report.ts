/**
 * The report of the current practice for a period, from the server (the one place it
 * is computed), and what the browser recomputes from the practice's records in the
 * analysis worker: the monthly series (and, in whatif.ts, levers under edited assumptions).
 */
import { useQuery } from '@tanstack/react-query';
import type { Report } from '../../domain/analysis/report.ts';
import type { IsoDate } from '../../domain/dates.ts';
import { loadPractice, monthsIn } from '../lib/analysis-client.ts';
import { request } from '../lib/api.ts';
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
 * The practice's records, loaded into the analysis worker (which reads the bundle
 * through the export route); `at` changes with every load, so what depends on the
 * records recomputes after an import or an edit invalidates the practice's queries.
 */
export function usePracticeRecords() {
  const id = usePracticeId();
  return useQuery({
    queryKey: practiceKey(id, 'data'),
    queryFn: async () => ({ ...(await loadPractice(id)), at: Date.now() }),
    staleTime: 60_000,
    retry: false,
  });
}

/** Each stream's revenue and hours month by month over the period (see lib/recompute.ts). */
export function useMonthly(period: Report['period']) {
  const id = usePracticeId();
  const records = usePracticeRecords();
  const monthly = useQuery({
    queryKey: practiceKey(id, 'monthly', period.from, period.to, records.data?.at ?? null),
    queryFn: () => monthsIn(id, period),
    enabled: records.data !== undefined,
  });
  return { months: monthly.data, error: records.error ?? monthly.error };
}
