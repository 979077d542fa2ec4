/**
 * `npm run bench`: runs the benchmark scenarios, prints a table per scenario and writes
 * `<scenario>.json` to bench/results/ (or to `--out`), adds a line per result to the
 * folder's `history.jsonl` and, at the end, redraws its `ratios.svg` (bench/history.ts, chart.tsx).
 * See bench/README.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { drawChart } from './chart.tsx';
import { LARGE_DEFAULTS } from './data.ts';
import { type AnyScenario, type BenchOptions, formatResult, runScenario } from './harness.ts';
import {
  appendHistory,
  atTargetSize,
  currentCommit,
  describeMargin,
  historyEntry,
} from './history.ts';
import { SCENARIOS } from './scenarios/index.ts';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const DEFAULT_RUNS = 7;
const DEFAULT_WARMUP = 2;
const SMOKE = { size: 2000, runs: 2, warmup: 1 } as const;

const USAGE = `Usage: npm run bench -- [options]   (or: npx tsx bench/run.ts [options])

  --scenario NAME     run only this scenario (repeatable); --list shows them
  --size N            payments and time entries each (default ${LARGE_DEFAULTS.payments}; env BENCH_SIZE)
  --payments N        payments only (overrides --size)
  --time-entries N    time entries only (overrides --size)
  --runs N            timed runs per measure (default ${DEFAULT_RUNS})
  --warmup N          untimed runs per measure first (default ${DEFAULT_WARMUP})
  --seed N            data seed (default ${LARGE_DEFAULTS.seed})
  --smoke             quick check: size ${SMOKE.size}, ${SMOKE.runs} runs, ${SMOKE.warmup} warm-up; results go to
                      a temp directory unless --out is given (committed results stay untouched)
  --out PATH          a directory for <scenario>.json, or a .json file when one scenario runs
                      (default bench/results/); a directory also gets each result's line in
                      history.jsonl and the chart of the targets, ratios.svg
  --list              list the scenarios and exit
  -h, --help          this help`;

class UsageError extends Error {}

interface Plan {
  scenarios: AnyScenario[];
  options: BenchOptions;
  /** The options of one scenario: `options` with the scenario's defaults where no flag set them. */
  optionsFor: (scenario: AnyScenario) => BenchOptions;
  /** Where each scenario's result goes. */
  target: (scenario: string) => string;
  /** The folder of the results, whose history.jsonl and ratios.svg are kept; none for `--out FILE.json`. */
  folder?: string;
}

function plan(argv: string[]): Plan | 'help' | 'list' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      scenario: { type: 'string', multiple: true },
      size: { type: 'string' },
      payments: { type: 'string' },
      'time-entries': { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      seed: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      out: { type: 'string' },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (values.list) return 'list';

  const known = new Map(SCENARIOS.map((s) => [s.name, s]));
  const names = values.scenario ?? SCENARIOS.map((s) => s.name);
  const scenarios = names.map((name) => {
    const scenario = known.get(name);
    if (!scenario) {
      throw new UsageError(`unknown scenario "${name}" (known: ${[...known.keys()].join(', ')})`);
    }
    return scenario;
  });

  const smoke = values.smoke;
  const envSize = process.env.BENCH_SIZE?.trim() ? process.env.BENCH_SIZE : undefined;
  const size = integer(
    values.size ?? (smoke ? undefined : envSize),
    '--size',
    smoke ? SMOKE.size : LARGE_DEFAULTS.payments,
    1,
  );
  const options: BenchOptions = {
    payments: integer(values.payments, '--payments', size, 1),
    timeEntries: integer(values['time-entries'], '--time-entries', size, 1),
    runs: integer(values.runs, '--runs', smoke ? SMOKE.runs : DEFAULT_RUNS, 1),
    warmup: integer(values.warmup, '--warmup', smoke ? SMOKE.warmup : DEFAULT_WARMUP, 0),
    seed: integer(values.seed, '--seed', LARGE_DEFAULTS.seed, 0),
  };

  const optionsFor = (scenario: AnyScenario): BenchOptions => {
    const d = smoke ? {} : (scenario.defaults ?? {});
    const sized = values.size !== undefined || envSize !== undefined;
    return {
      ...options,
      payments: values.payments || sized ? options.payments : (d.payments ?? options.payments),
      timeEntries:
        values['time-entries'] || sized
          ? options.timeEntries
          : (d.timeEntries ?? options.timeEntries),
      runs: values.runs ? options.runs : (d.runs ?? options.runs),
      warmup: values.warmup ? options.warmup : (d.warmup ?? options.warmup),
    };
  };

  const out = values.out ?? (smoke ? path.join(os.tmpdir(), 'fulcrum-bench-smoke') : RESULTS_DIR);
  if (out.endsWith('.json')) {
    if (scenarios.length !== 1) {
      throw new UsageError('--out FILE.json needs exactly one --scenario; give a directory');
    }
    return { scenarios, options, optionsFor, target: () => path.resolve(out) };
  }
  const folder = path.resolve(out);
  return {
    scenarios,
    options,
    optionsFor,
    target: (name) => path.join(folder, `${name}.json`),
    folder,
  };
}

/** A whole number ≥ min; `100000`, `100_000` and `100,000` are all accepted. */
function integer(raw: string | undefined, flag: string, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const text = raw.trim().replace(/[_,]/g, '');
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${flag}: expected a whole number ≥ ${min}, got "${raw}"`);
  }
  return value;
}

async function main(argv: string[]): Promise<number> {
  let chosen: ReturnType<typeof plan>;
  try {
    chosen = plan(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`bench: ${message}\n\n${USAGE}\n`);
    return 2;
  }
  if (chosen === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (chosen === 'list') {
    for (const s of SCENARIOS) process.stdout.write(`${s.name}\t${s.description}\n`);
    return 0;
  }
  const { scenarios, optionsFor, target, folder } = chosen;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // The checkout as it was when the runs began (before any result file changed it).
  const commit = currentCommit(import.meta.dirname);
  for (const scenario of scenarios) {
    const result = await runScenario(scenario, optionsFor(scenario), log);
    const file = target(scenario.name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`\n${formatResult(result)}\nwritten: ${file}\n`);
    if (folder) {
      const entry = historyEntry(result, commit);
      await appendHistory(path.join(folder, 'history.jsonl'), entry);
      if (atTargetSize(entry)) process.stdout.write(`${describeMargin(entry)}\n`);
    }
  }
  const chart = folder ? await drawChart(folder) : undefined;
  if (chart) process.stdout.write(`chart: ${chart}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
