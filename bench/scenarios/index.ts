/**
 * Every benchmark scenario, in run order. A new scenario (import, API, page) is a
 * `Scenario` (bench/harness.ts) in its own file here, added to this list.
 */
import type { AnyScenario } from '../harness.ts';
import { apiScenario } from './api.ts';
import { forecastScenario } from './forecast.ts';
import { importPgScenario, importSqliteScenario } from './import.ts';
import { pageScenario } from './page.ts';
import { reportScenario } from './report.ts';

export const SCENARIOS: readonly AnyScenario[] = [
  reportScenario,
  importSqliteScenario,
  importPgScenario,
  pageScenario,
  apiScenario,
  forecastScenario,
];
