/**
 * The levers under the assumptions being edited, recomputed in the browser with the
 * domain's `analyze` on the practice's records (instant, and equal to what the server
 * would answer). Unedited, they are the server's report's own levers.
 */
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo } from 'react';
import { ASSUMPTIONS, type Assumptions } from '../../domain/analysis/assumptions.ts';
import type { Lever, Report } from '../../domain/analysis/report.ts';
import { request } from '../lib/api.ts';
import { leversUnder } from '../lib/recompute.ts';
import { practiceKey, usePracticeId } from './practice.ts';
import { usePracticeData } from './report.ts';

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
  const data = usePracticeData();
  const deferred = useDeferredValue(edits);
  const effective = effectiveEdits(deferred);
  const key = JSON.stringify(effective);
  const recomputed = useMemo(() => {
    if (key === '{}' || !data.data) return null;
    try {
      return {
        levers: leversUnder(data.data, report.period, JSON.parse(key) as AssumptionEdits),
        error: null,
      };
    } catch (error) {
      return { levers: report.levers, error };
    }
  }, [key, data.data, report]);
  const { from, to } = report.period;
  const asked = useQuery({
    queryKey: practiceKey(id, 'report', from, to, key),
    queryFn: ({ signal }) =>
      request<Report>('GET', `/practices/${id}/report`, {
        query: { from, to, ...(JSON.parse(key) as AssumptionEdits) },
        signal,
      }),
    enabled: key !== '{}' && data.isError,
    placeholderData: (previous) => previous,
  });
  if (key === '{}') return { levers: report.levers, source: 'server', error: null };
  if (recomputed) return { ...recomputed, source: 'browser' };
  if (asked.data) return { levers: asked.data.levers, source: 'asked', error: asked.error };
  return { levers: report.levers, source: 'waiting', error: asked.error };
}
