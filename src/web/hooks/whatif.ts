/**
 * The levers under the assumptions being edited: the server's report of the same period
 * with the assumptions as query parameters (`GET …/report?raise=0.15`), so they are the
 * report's own figures, computed where the records are. Edits are debounced (a request
 * once typing pauses); until the answer arrives the levers last shown stay, marked as
 * being recomputed. Unedited, they are the report's own.
 */
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { ASSUMPTIONS, type Assumptions } from '../../domain/analysis/assumptions.ts';
import type { Lever, Report } from '../../domain/analysis/report.ts';
import { request } from '../lib/api.ts';
import { practiceKey, usePracticeId } from './practice.ts';

export type AssumptionEdits = Partial<Assumptions>;

/** How long edits must pause before the levers are asked for, ms. */
export const WHAT_IF_DEBOUNCE_MS = 300;

/** Only the edits that differ from the defaults. */
export function effectiveEdits(edits: AssumptionEdits): AssumptionEdits {
  const out: AssumptionEdits = {};
  for (const [name, value] of Object.entries(edits) as [keyof Assumptions, number | undefined][]) {
    if (
      value !== undefined &&
      Number.isFinite(value) &&
      value >= 0 &&
      value !== ASSUMPTIONS[name]
    ) {
      out[name] = value;
    }
  }
  return out;
}

export interface WhatIf {
  levers: Lever[];
  /**
   * report: the report's own levers (no edits); assumptions: the server's levers under
   * the edited assumptions; waiting: an answer is on its way (the levers shown are the
   * last ones); failed: the request failed (`error`).
   */
  source: 'report' | 'assumptions' | 'waiting' | 'failed';
  error: unknown;
}

export function useWhatIf(report: Report, edits: AssumptionEdits): WhatIf {
  const id = usePracticeId();
  const key = JSON.stringify(effectiveEdits(edits));
  const [settled] = useDebouncedValue(key, WHAT_IF_DEBOUNCE_MS);
  const { from, to } = report.period;
  const asked = useQuery({
    queryKey: practiceKey(id, 'report', from, to, settled),
    queryFn: ({ signal }) =>
      request<Report>('GET', `/practices/${id}/report`, {
        query: { from, to, ...(JSON.parse(settled) as AssumptionEdits) },
        signal,
      }),
    enabled: settled !== '{}',
    placeholderData: (previous) => previous,
    retry: false,
  });
  if (key === '{}') return { levers: report.levers, source: 'report', error: null };
  const levers = asked.data?.levers ?? report.levers;
  if (settled !== key || asked.isFetching) return { levers, source: 'waiting', error: null };
  if (asked.isError) return { levers, source: 'failed', error: asked.error };
  return { levers, source: 'assumptions', error: null };
}
