/**
 * The in-browser analysis off the main thread: loads the practice's records (its
 * bundle, through the export route) and answers with the domain's own `analyze` —
 * levers under edited assumptions, streams month by month — so a practice of 100,000
 * rows keeps the page responsive while it computes.
 */
/// <reference lib="webworker" />
import type { Assumptions } from '../../domain/analysis/assumptions.ts';
import type { Report } from '../../domain/analysis/report.ts';
import { readBundle } from '../../domain/bundle.ts';
import type { PracticeData } from '../../domain/model.ts';
import { leversUnder, monthlyStreams } from './recompute.ts';

export type WorkerRequest =
  | { id: number; type: 'load'; practiceId: number }
  | {
      id: number;
      type: 'levers';
      practiceId: number;
      period: Report['period'];
      assumptions: Partial<Assumptions>;
    }
  | { id: number; type: 'monthly'; practiceId: number; period: Report['period'] };

export type WorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; message: string };

/** The records of the practice loaded last. */
let current: { practiceId: number; data: PracticeData } | null = null;

async function load(practiceId: number): Promise<{ rows: number }> {
  const response = await fetch(`/api/practices/${practiceId}/export`, {
    credentials: 'same-origin',
  });
  if (!response.ok)
    throw new Error(`the practice's records could not be loaded (HTTP ${response.status})`);
  const result = readBundle(await response.json());
  if (!result.ok) throw new Error('the practice bundle from the server is not valid');
  const data = result.data;
  current = { practiceId, data };
  return {
    rows:
      data.payments.length +
      data.timeEntries.length +
      data.costs.length +
      data.conversations.length,
  };
}

function loaded(practiceId: number): PracticeData {
  if (current?.practiceId !== practiceId)
    throw new Error("the practice's records are not loaded yet");
  return current.data;
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'load':
      return load(request.practiceId);
    case 'levers':
      return leversUnder(loaded(request.practiceId), request.period, request.assumptions);
    case 'monthly':
      return monthlyStreams(loaded(request.practiceId), request.period);
  }
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  handle(request).then(
    (result) => scope.postMessage({ id: request.id, ok: true, result } satisfies WorkerResponse),
    (error: unknown) =>
      scope.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies WorkerResponse),
  );
};
