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

/** Reports asked for before the dashboard's code arrived (prefetchReport), by practice and period. */
const prefetched = new Map<string, { at: number; answer: Promise<Report> }>();
const PREFETCH_KEEP_MS = 30_000;

function prefetchKey(id: number, period: PeriodChoice): string {
  return `${id}|${period.from ?? ''}|${period.to ?? ''}`;
}

/**
 * Asks for the report of the dashboard the address names (`/p/:id` or
 * `/p/:id/dashboard`, with `?from=&to=`) at once, while the dashboard's code is still
 * loading, so the two overlap; `useReport` takes the answer instead of asking again.
 */
export function prefetchReport(location: Pick<Location, 'pathname' | 'search'>): void {
  const match = /^\/p\/(\d+)(?:\/dashboard)?\/?$/.exec(location.pathname);
  if (!match) return;
  const id = Number(match[1]);
  const params = new URLSearchParams(location.search);
  const period = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const answer = request<Report>('GET', `/practices/${id}/report`, { query: period });
  // Never an unhandled rejection: whoever takes it sees the error.
  answer.catch(() => {});
  prefetched.set(prefetchKey(id, period), { at: Date.now(), answer });
}

/** The prefetched answer for this report, once, if recent. */
function takePrefetched(id: number, period: PeriodChoice): Promise<Report> | undefined {
  const key = prefetchKey(id, period);
  const entry = prefetched.get(key);
  prefetched.delete(key);
  return entry && Date.now() - entry.at < PREFETCH_KEEP_MS ? entry.answer : undefined;
}

export function useReport(period: PeriodChoice) {
  const id = usePracticeId();
  return useQuery({
    queryKey: practiceKey(id, 'report', period.from ?? null, period.to ?? null),
    queryFn: ({ signal }) =>
      takePrefetched(id, period) ??
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
 * headline figures. Asked as the report was (`asked`): with no period when the address
 * names none, so the server answers the default series it keeps computed (warmed at
 * its start, kept across restarts) rather than computing the same months under an
 * explicit period.
 */
export function useMonthly(period: Report['period'], asked: PeriodChoice) {
  const id = usePracticeId();
  const monthly = useQuery({
    queryKey: practiceKey(id, 'monthly', period.from, period.to),
    queryFn: ({ signal }) =>
      request<MonthlySeries>('GET', `/practices/${id}/report/monthly`, {
        query: { from: asked.from, to: asked.to },
        signal,
      }),
  });
  return { months: monthly.data?.months, error: monthly.error };
}
