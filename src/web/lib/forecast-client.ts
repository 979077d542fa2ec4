/**
 * Calls into the forecast worker (lib/forecast.worker.ts): one worker per page, one
 * promise per call. A failure comes back as the page's ApiError (status 0 when it did
 * not come from the server), so scenes show it like any other.
 */
import { ApiError } from './api.ts';
import type {
  ForecastWorkerRequest,
  ForecastWorkerResponse,
  LoadedModel,
  Simulated,
  SimulateRequest,
} from './forecast.worker.ts';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function start(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./forecast.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<ForecastWorkerResponse>) => {
    const reply = event.data;
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (reply.ok) call.resolve(reply.result);
    else call.reject(new ApiError(reply.status ?? 0, reply.code ?? 'worker_failed', reply.message));
  };
  worker.onerror = (event) => {
    for (const call of pending.values())
      call.reject(new ApiError(0, 'worker_failed', event.message || 'the forecast worker failed'));
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

type Body = ForecastWorkerRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

function call<T>(body: Body): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    start().postMessage({ id, ...body });
  });
}

/** Loads (again) the practice's fitted model into the worker. */
export const loadForecastModel = (practiceId: number) =>
  call<LoadedModel>({ type: 'load', practiceId });

/** Simulates the loaded model: baseline and scenarios. */
export const simulateIn = (practiceId: number, request: SimulateRequest) =>
  call<Simulated>({ type: 'simulate', practiceId, ...request });

export type { Simulated, SimulateRequest };
