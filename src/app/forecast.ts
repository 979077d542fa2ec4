/**
 * The forecast use case (issue #6): load the practice's records and run the seeded
 * Monte Carlo forecast of `domain/forecast` for the baseline and the scenarios given.
 * Scenario files are parsed here too, so a bad one is an error naming its file and the
 * JSON path of each problem. The CLI and the API both call this.
 */

import {
  type EncodedModel,
  encodeModel,
  type FitOptions,
  type Forecast,
  ForecastError,
  type ForecastOptions,
  fitForecastModel,
  forecast,
  type HistorySeries,
  historySeries,
  readScenario,
  type Scenario,
  type ScenarioInput,
} from '../domain/forecast/index.ts';
import { parseJson } from '../domain/json.ts';
import type { Store } from '../store/connect.ts';
import { loadPracticeData } from '../store/records.repository.ts';
import { authorize, type PracticeAccess } from './access.ts';
import { AppError, type AppErrorCode } from './errors.ts';
import { cached, sortedEntries } from './report-cache.ts';

export interface ForecastRequest extends Omit<ForecastOptions, 'scenarios'> {
  scenarios?: readonly (Scenario | ScenarioInput)[];
  /** Where each scenario came from (a file name), for error messages; default `scenarios[i]`. */
  sources?: readonly string[];
}

const CODES: Record<ForecastError['code'], AppErrorCode> = {
  no_data: 'no_data',
  missing_rate: 'missing_rate',
  invalid_option: 'invalid_input',
  invalid_scenario: 'invalid_scenario',
};

/**
 * Turns a forecast error into the app's error. A scenario problem names the scenario's
 * source and the JSON path: `raise.json: changes[0].clientLossPercent: …`.
 */
export function fromForecastError(error: unknown, sources: readonly string[] = []): never {
  if (!(error instanceof ForecastError)) throw error;
  const { scenario, path, problem } = error.details;
  if (error.code === 'invalid_scenario' && typeof scenario === 'number' && path !== undefined) {
    const source = sources[scenario] ?? `scenarios[${scenario}]`;
    throw new AppError('invalid_scenario', `${source}: ${path}: ${problem ?? error.message}`, [
      { path: String(path), message: String(problem ?? error.message) },
    ]);
  }
  throw new AppError(CODES[error.code], error.message, undefined, { cause: error });
}

/**
 * Parses and validates the text of a scenario file. Throws `invalid_json` (with the line
 * and column) or `invalid_scenario` listing every problem by JSON path.
 * @example parseScenarioText('{"name":"Raise","changes":[{"type":"raise_rates","raisePercent":10}]}', 'raise.json')
 */
export function parseScenarioText(text: string, source: string): Scenario {
  const json = parseJson(text);
  if (!json.ok) {
    throw new AppError('invalid_json', `${source}:${json.line}:${json.column}: ${json.message}`, [
      { path: `line ${json.line}, column ${json.column}`, message: json.message },
    ]);
  }
  const result = readScenario(json.value);
  if (!result.ok) {
    const count = result.problems.length;
    throw new AppError(
      'invalid_scenario',
      `${source} is not a valid scenario (${count} problem${count > 1 ? 's' : ''})`,
      result.problems,
    );
  }
  return result.scenario;
}

/** Loads the practice and forecasts its next months, baseline and scenarios. */
export async function buildForecast(
  store: Store,
  practiceId: number,
  request: ForecastRequest = {},
): Promise<Forecast> {
  const { sources = [], ...options } = request;
  const data = await loadPracticeData(store.db, practiceId);
  try {
    return forecast(data, options);
  } catch (error) {
    return fromForecastError(error, sources);
  }
}

/**
 * Forecasts computed at once by this process, at most. One forecast can take a second or
 * two of the server's only thread (10,000 runs × 36 months × 6 scenarios; on a large
 * practice the load too): beyond this, a request is answered `busy` (503) at once
 * rather than stalling every other user behind a queue of simulations.
 */
export const MAX_CONCURRENT_FORECASTS = 2;
let forecastsRunning = 0;

/**
 * Runs `compute` unless `MAX_CONCURRENT_FORECASTS` forecasts are running already; then
 * throws `busy`.
 */
export async function limitedForecast<T>(compute: () => Promise<T>): Promise<T> {
  if (forecastsRunning >= MAX_CONCURRENT_FORECASTS) {
    throw new AppError(
      'busy',
      'the server is computing other forecasts at the moment; try again in a few seconds',
    );
  }
  forecastsRunning++;
  try {
    return await compute();
  } finally {
    forecastsRunning--;
  }
}

/**
 * `buildForecast` for a member of the practice (any role may read it), as JSON text: the
 * same request on the same data is answered from the
 * report cache (kept until the practice's data changes, app/report-cache.ts), and new
 * ones are limited to `MAX_CONCURRENT_FORECASTS` at once.
 */
export async function forecastJsonAs(
  store: Store,
  access: PracticeAccess,
  request: ForecastRequest = {},
): Promise<string> {
  authorize(access, 'read');
  // Every input but the scenarios' file names, which only word the errors.
  const { sources: _sources, ...inputs } = request;
  const key = `forecast|${JSON.stringify(sortedEntries(inputs))}`;
  return cached(store, access.practiceId, key, () =>
    limitedForecast(() => buildForecast(store, access.practiceId, request)),
  );
}

/** `forecastModelAs` as JSON text, kept like the report until the data changes. */
export async function forecastModelJsonAs(store: Store, access: PracticeAccess): Promise<string> {
  authorize(access, 'read');
  return cached(store, access.practiceId, 'forecast-model', () =>
    limitedForecast(() => forecastModelAs(store, access)),
  );
}

export interface ModelTransfer extends EncodedModel {
  /** The full months of history the fan chart draws before the forecast. */
  history: HistorySeries;
}

/**
 * The practice's fitted forecast model, JSON-safe (domain/forecast/transfer.ts), and its
 * monthly history, for a member: the web page's worker simulates scenarios on it without
 * asking again, to the same numbers as `buildForecast`.
 */
export async function forecastModelAs(
  store: Store,
  access: PracticeAccess,
  options: FitOptions = {},
): Promise<ModelTransfer> {
  authorize(access, 'read');
  const data = await loadPracticeData(store.db, access.practiceId);
  try {
    const model = fitForecastModel(data, options);
    return { ...encodeModel(model), history: historySeries(data, model.asOf) };
  } catch (error) {
    return fromForecastError(error);
  }
}
