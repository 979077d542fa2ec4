/**
 * The forecast of the current practice, computed in the browser: the fitted model is
 * loaded once into the forecast worker (GET …/forecast/model), then every change of the
 * settings or the scenarios is simulated there — no request, the same numbers as POST
 * …/forecast. When the worker cannot run, the server is asked instead.
 */
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import type { Forecast, ScenarioInput } from '../../domain/forecast/index.ts';
import { request } from '../lib/api.ts';
import { loadForecastModel, type SimulateRequest, simulateIn } from '../lib/forecast-client.ts';
import { practiceKey, usePracticeId } from './practice.ts';

export interface ForecastSettings {
  months: number;
  runs: number;
  seed: number;
}

export const DEFAULT_SETTINGS: ForecastSettings = { months: 24, runs: 2000, seed: 7 };
/** The API's limits (src/api/routes/forecast/schema.ts), kept by the page too. */
export const SETTING_LIMITS = { months: [1, 36], runs: [1000, 10_000], seed: [0, 2 ** 32 - 1] };
export const MAX_SCENARIOS = 6;

/** The fitted model in the worker, with the history and channels the page shows. */
export function useForecastModel() {
  const id = usePracticeId();
  return useQuery({
    queryKey: practiceKey(id, 'forecast-model'),
    queryFn: async () => ({ ...(await loadForecastModel(id)), at: Date.now() }),
    staleTime: 60_000,
    retry: false,
  });
}

export interface ForecastResult {
  forecast: Forecast | undefined;
  /** worker: simulated in the browser; server: asked (the worker failed); waiting. */
  source: 'worker' | 'server' | 'waiting';
  /** Time from the request to the answer, ms (simulation and messaging). */
  ms: number | null;
  /** True while a newer request is being computed (the forecast shown is the previous one). */
  stale: boolean;
  /** Scenarios (index in the request) the model could not run, and why. */
  rejected: { index: number; name: string; message: string }[];
  error: unknown;
}

export function useForecast(
  settings: ForecastSettings,
  scenarios: ScenarioInput[],
): ForecastResult {
  const id = usePracticeId();
  const model = useForecastModel();
  const deferred = useDeferredValue(JSON.stringify({ ...settings, scenarios }));
  const workerBroken =
    model.isError &&
    (model.error as { status?: number }).status === 0 &&
    (model.error as { code?: string }).code === 'worker_failed';
  const simulated = useQuery({
    queryKey: practiceKey(id, 'forecast', deferred, model.data?.at ?? null),
    queryFn: async () => {
      const start = performance.now();
      const result = await simulateIn(id, JSON.parse(deferred) as SimulateRequest);
      return { ...result, ms: performance.now() - start };
    },
    enabled: model.data !== undefined,
    placeholderData: (previous) => previous,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const asked = useQuery({
    queryKey: practiceKey(id, 'forecast-server', deferred),
    queryFn: async ({ signal }) => {
      const start = performance.now();
      const forecast = await request<Forecast>('POST', `/practices/${id}/forecast`, {
        body: JSON.parse(deferred),
        signal,
      });
      return { forecast, ms: performance.now() - start };
    },
    enabled: workerBroken,
    placeholderData: (previous) => previous,
    retry: false,
  });
  if (workerBroken) {
    return {
      forecast: asked.data?.forecast,
      source: asked.data ? 'server' : 'waiting',
      ms: asked.data?.ms ?? null,
      stale: asked.isPlaceholderData || asked.isFetching,
      rejected: [],
      error: asked.error,
    };
  }
  return {
    forecast: simulated.data?.forecast,
    source: simulated.data ? 'worker' : 'waiting',
    ms: simulated.data?.ms ?? null,
    stale: simulated.isPlaceholderData || simulated.isFetching,
    rejected: simulated.data?.rejected ?? [],
    error: model.error ?? simulated.error,
  };
}
