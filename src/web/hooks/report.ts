/**
 * The report of the current practice for a period, from the server (the one place it
 * is computed), and the practice's records for what only the browser needs to recompute
 * instantly: levers under edited assumptions and the monthly series.
 */
import { useQuery } from '@tanstack/react-query';
import type { Report } from '../../domain/analysis/report.ts';
import type { IsoDate } from '../../domain/dates.ts';
import type { PracticeData } from '../../domain/model.ts';
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
 * The practice's records (its bundle, read through the export route) as the domain's
 * PracticeData. The bundle module (with its zod schema) loads only when needed.
 */
export function usePracticeData() {
  const id = usePracticeId();
  return useQuery({
    queryKey: practiceKey(id, 'data'),
    queryFn: async ({ signal }): Promise<PracticeData> => {
      const [bundle, { readBundle, bundleToData }] = await Promise.all([
        request<unknown>('GET', `/practices/${id}/export`, { signal }),
        import('../../domain/bundle.ts'),
      ]);
      const result = readBundle(bundle);
      if (!result.ok) throw new Error('the practice bundle from the server is not valid');
      return bundleToData(result.bundle);
    },
    staleTime: 60_000,
    retry: false,
  });
}
