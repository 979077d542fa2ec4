/**
 * The forecast off the main thread: loads the practice's fitted model once (GET
 * …/forecast/model, a few tens of kB) and simulates the baseline and the edited
 * scenarios with the domain's own `simulateForecast` — the same numbers as POST
 * …/forecast and `fulcrum forecast --json` for the same seed.
 */
/// <reference lib="webworker" />
import {
  decodeModel,
  type Forecast,
  type ForecastModel,
  type HistorySeries,
  isForecastError,
  type ScenarioInput,
  simulateForecast,
} from '../../domain/forecast/index.ts';

export interface SimulateRequest {
  months: number;
  runs: number;
  seed: number;
  scenarios: ScenarioInput[];
}

export type ForecastWorkerRequest =
  | { id: number; type: 'load'; practiceId: number }
  | ({ id: number; type: 'simulate'; practiceId: number } & SimulateRequest);

export type ForecastWorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; message: string; code?: string; status?: number };

/** What the page needs to know of a loaded model. */
export interface LoadedModel {
  asOf: string;
  currency: string;
  method: ForecastModel['method'];
  /** Marketing channels of the history, for the "shift marketing" change. */
  channels: string[];
  capacityHoursPerWeek: number | null;
  history: HistorySeries;
}

/**
 * A simulated forecast, how long the simulation took in the worker (ms), and the
 * scenarios the model could not run (index in the request, and why), left out of it.
 */
export interface Simulated {
  forecast: Forecast;
  ms: number;
  rejected: { index: number; name: string; message: string }[];
}

class LoadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let current: { practiceId: number; model: ForecastModel } | null = null;

async function load(practiceId: number): Promise<LoadedModel> {
  const response = await fetch(`/api/practices/${practiceId}/forecast/model`, {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  const body = (await response.json().catch(() => null)) as {
    code?: string;
    message?: string;
    history?: HistorySeries;
  } | null;
  if (!response.ok) {
    throw new LoadError(
      response.status,
      body?.code ?? `http_${response.status}`,
      body?.message ?? `the forecast model could not be loaded (HTTP ${response.status})`,
    );
  }
  const model = decodeModel(body);
  current = { practiceId, model };
  return {
    asOf: model.asOf,
    currency: model.currency,
    method: model.method,
    channels: model.channels.names,
    capacityHoursPerWeek: model.capacityHoursPerWeek,
    history: body?.history ?? {
      currency: model.currency,
      months: [],
      revenue: [],
      hours: [],
      effectiveHourlyRate: [],
    },
  };
}

function simulate(practiceId: number, request: SimulateRequest): Simulated {
  if (current?.practiceId !== practiceId) throw new Error('the forecast model is not loaded yet');
  const start = performance.now();
  const rejected: Simulated['rejected'] = [];
  // Indices into the request of the scenarios still in.
  let kept = request.scenarios.map((_, i) => i);
  for (;;) {
    try {
      const scenarios = kept.map((i) => request.scenarios[i]!);
      const forecast = simulateForecast(current.model, { ...request, scenarios });
      return { forecast, ms: performance.now() - start, rejected };
    } catch (error) {
      // A scenario the model cannot run (a channel without hours…): leave it out, say why.
      if (!isForecastError(error, 'invalid_scenario')) throw error;
      const at = error.details.scenario;
      const index = typeof at === 'number' ? kept[at] : undefined;
      if (index === undefined) throw error;
      const { path, problem } = error.details;
      rejected.push({
        index,
        name: String(request.scenarios[index]?.name ?? ''),
        message:
          path !== undefined && problem !== undefined ? `${path}: ${problem}` : error.message,
      });
      kept = kept.filter((_, i) => i !== at);
    }
  }
}

async function handle(request: ForecastWorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'load':
      return load(request.practiceId);
    case 'simulate': {
      const { id: _, type: __, practiceId, ...options } = request;
      return simulate(practiceId, options);
    }
  }
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<ForecastWorkerRequest>) => {
  const request = event.data;
  handle(request).then(
    (result) =>
      scope.postMessage({ id: request.id, ok: true, result } satisfies ForecastWorkerResponse),
    (error: unknown) =>
      scope.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        // A LoadError's code and status are the server's; a ForecastError has a code too.
        ...(error instanceof Error && 'code' in error && typeof error.code === 'string'
          ? { code: error.code }
          : {}),
        ...(error instanceof LoadError ? { status: error.status } : {}),
      } satisfies ForecastWorkerResponse),
  );
};
