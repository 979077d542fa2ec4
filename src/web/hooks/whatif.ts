/**
 * The levers under the assumptions being edited, recomputed in the browser (in the
 * analysis worker) with the domain's `analyze` on the practice's records: no request,
 * and equal to what the server would answer. Unedited, they are the report's own.
 */
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { ASSUMPTIONS, type Assumptions } from '../../domain/analysis/assumptions.ts';
import type { Lever, Report } from '../../domain/analysis/report.ts';
import { leversIn } from '../lib/analysis-client.ts';
import { request } from '../lib/api.ts';
import { practiceKey, usePracticeId } from './practice.ts';
import { usePracticeRecords } from './report.ts';

export type AssumptionEdits = Partial<Assumptions>;

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
   * server: the report's own levers; browser: recomputed here; asked: the server's
   * report under the assumptions (when the records could not be loaded); waiting.
   */
  source: 'server' | 'browser' | 'asked' | 'waiting';
  error: unknown;
}

export function useWhatIf(report: Report, edits: AssumptionEdits): WhatIf {
  const id = usePracticeId();
  const records = usePracticeRecords();
  const deferred = useDeferredValue(edits);
  const effective = effectiveEdits(deferred);
  const key = JSON.stringify(effective);
  const { from, to } = report.period;
  const recomputed = useQuery({
    queryKey: practiceKey(id, 'levers', from, to, key, records.data?.at ?? null),
    queryFn: () => leversIn(id, report.period, JSON.parse(key) as AssumptionEdits),
    enabled: key !== '{}' && records.data !== undefined,
    placeholderData: (previous) => previous,
    retry: false,
  });
  const asked = useQuery({
    queryKey: practiceKey(id, 'report', from, to, key),
    queryFn: ({ signal }) =>
      request<Report>('GET', `/practices/${id}/report`, {
        query: { from, to, ...(JSON.parse(key) as AssumptionEdits) },
        signal,
      }),
    enabled: key !== '{}' && (records.isError || recomputed.isError),
    placeholderData: (previous) => previous,
  });
  if (key === '{}') return { levers: report.levers, source: 'server', error: null };
  if (recomputed.data && !recomputed.isPlaceholderData) {
    return { levers: recomputed.data, source: 'browser', error: null };
  }
  if (asked.data) return { levers: asked.data.levers, source: 'asked', error: asked.error };
  return { levers: recomputed.data ?? report.levers, source: 'waiting', error: asked.error };
}
