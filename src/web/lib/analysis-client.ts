/** Calls into the analysis worker (lib/analysis.worker.ts): one worker per page, promises per call. */
import type { Assumptions } from '../../domain/analysis/assumptions.ts';
import type { Lever, Report } from '../../domain/analysis/report.ts';
import type { WorkerRequest, WorkerResponse } from './analysis.worker.ts';
import type { MonthFigures } from './recompute.ts';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function start(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const reply = event.data;
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (reply.ok) call.resolve(reply.result);
    else call.reject(new Error(reply.message));
  };
  worker.onerror = (event) => {
    for (const call of pending.values())
      call.reject(new Error(event.message || 'the analysis worker failed'));
    pending.clear();
  };
  return worker;
}

type Payload<T extends WorkerRequest['type']> = Omit<
  Extract<WorkerRequest, { type: T }>,
  'id' | 'type'
>;

function call<R, T extends WorkerRequest['type']>(type: T, payload: Payload<T>): Promise<R> {
  const id = nextId++;
  return new Promise<R>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    start().postMessage({ id, type, ...payload });
  });
}

/** Loads (again) the practice's records into the worker. */
export const loadPractice = (practiceId: number) =>
  call<{ rows: number }, 'load'>('load', { practiceId });

export const leversIn = (
  practiceId: number,
  period: Report['period'],
  assumptions: Partial<Assumptions>,
) => call<Lever[], 'levers'>('levers', { practiceId, period, assumptions });

export const monthsIn = (practiceId: number, period: Report['period']) =>
  call<MonthFigures[], 'monthly'>('monthly', { practiceId, period });
