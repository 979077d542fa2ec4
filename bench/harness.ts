/**
 * The benchmark harness: what a scenario is, how its measures are timed against its
 * baseline (same run, same data, interleaved), and the result document written to
 * bench/results/. Scenarios live in bench/scenarios/; bench/run.ts is the command.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** What every scenario is given: the size of the data and how many times to measure. */
export interface BenchOptions {
  /** Payments in the generated practice. */
  payments: number;
  /** Time entries in the generated practice. */
  timeEntries: number;
  seed: number;
  /** Timed runs of each measure. */
  runs: number;
  /** Untimed runs of each measure before the timed ones. */
  warmup: number;
}

/**
 * One thing timed: `run` is called (and awaited) once per run with the scenario's state.
 * It is timed from the outside, unless it returns a `Timed`: then its own figures count
 * (for work done in a child process, timed there, without the process's start).
 */
export interface Measure<S> {
  name: string;
  description: string;
  run(state: S): unknown;
}

/**
 * What a measure returns when it times itself: wall and CPU ms of the work (either left
 * out: timed from the outside), and extra figures of the run (rows/s, peak RSS MB…),
 * whose medians the result reports beside the times.
 */
export class Timed {
  constructor(
    readonly figures: Record<string, number>,
    readonly ms?: number,
    readonly cpuMs?: number,
  ) {}
}

/**
 * CPU ms (user + system) of this process's finished child processes so far, from
 * /proc/self/stat (0 where there is none): the difference around a spawned command is
 * that command's CPU time. Clock ticks, so 10 ms resolution on most Linux systems.
 */
export function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of the file (cutime, cstime); the slice starts at field 3.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

const CLOCK_TICKS = 100;

/** A scenario's state after setup, what the setup measured, and how to clean up. */
export interface Prepared<S> {
  state: S;
  /** Informative figures of the setup (times in ms, rates, counts); never compared. */
  setup: Record<string, number | string>;
  /** Record counts of the data the measures run on. */
  records: Record<string, number>;
  dispose(): Promise<void>;
}

/**
 * A benchmark scenario. Every measure and the baseline run on the same prepared state in
 * the same process; each is reported as milliseconds and as a ratio of the baseline, so
 * the figures that matter travel between machines.
 */
export interface Scenario<S> {
  name: string;
  description: string;
  setup(options: BenchOptions): Promise<Prepared<S>>;
  measures: readonly Measure<S>[];
  /** The cheapest possible answer to a similar question: the yardstick of the ratios. */
  baseline: Measure<S>;
  /** The measure whose ratio to the baseline is the scenario's headline `ratio`. */
  headline: string;
  /**
   * How ratios read. `time` (default): median ÷ the baseline's, lower is better.
   * `throughput`: the baseline's median ÷ this one's, i.e. this measure's rate (rows/s)
   * as a fraction of the baseline's on the same work, higher is better.
   */
  ratio?: RatioKind;
  /** Sizes and run counts this scenario uses when the command line does not set them (not in --smoke). */
  defaults?: Partial<Pick<BenchOptions, 'payments' | 'timeEntries' | 'runs' | 'warmup'>>;
}

export type RatioKind = 'time' | 'throughput';

/**
 * Any scenario, whatever its state: what the registry lists. (`Measure.run` is a method,
 * whose parameter TypeScript checks bivariantly, so every `Scenario<State>` is one.)
 */
export type AnyScenario = Scenario<unknown>;

export interface Stats {
  median: number;
  min: number;
  max: number;
}

export interface MeasureResult extends Stats {
  description: string;
  /** median ÷ baseline median. */
  ratio: number;
  /**
   * Median CPU time of this process (user + system) per run, ms: less sensitive than wall
   * time to other processes on a busy machine; can exceed it (V8 collects garbage on
   * helper threads).
   */
  cpuMedian: number;
  /** cpuMedian ÷ the baseline's: the ratio to trust when the machine was busy. */
  cpuRatio: number;
  /** Every timed run, ms, in run order. */
  samples: number[];
  /** Medians of the extra figures the measure reported (see `Timed`), when it did. */
  figures?: Record<string, number>;
}

export interface Machine {
  node: string;
  cpus: number;
  cpuModel: string;
  totalMemGB: number;
  platform: string;
  /** 1-minute load average when the measures started and when they ended (0 on Windows). */
  loadAverage: { start: number; end: number };
}

export interface ScenarioResult {
  scenario: string;
  description: string;
  size: { payments: number; timeEntries: number };
  records: Record<string, number>;
  seed: number;
  runs: number;
  warmup: number;
  unit: 'ms';
  /**
   * The measures, then `baseline`; `ratio` of each is its median ÷ the baseline's, or the
   * inverse when `ratioKind` is `throughput`.
   */
  measures: Record<string, MeasureResult>;
  ratioKind: RatioKind;
  baseline: string;
  /** headline measure median ÷ baseline median. */
  ratio: number;
  /** The same with CPU medians. */
  cpuRatio: number;
  headline: string;
  setup: Record<string, number | string>;
  machine: Machine;
  date: string;
}

/** Median (the mean of the two middle ones for an even count), min and max. */
export function statsOf(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new RangeError('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export function machine(loadAtStart: number): Machine {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemGB: round(os.totalmem() / 1024 ** 3, 1),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: { start: loadAtStart, end: loadNow() },
  };
}

function loadNow(): number {
  return round(os.loadavg()[0] ?? 0, 2);
}

/**
 * A full garbage collection, so a run does not pay for the garbage of the one before.
 * `--expose-gc` is not needed: the flag is set at run time and `gc` read from a fresh
 * context.
 */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

interface Sample {
  wall: number;
  cpu: number;
  figures?: Record<string, number>;
}

async function timeOnce<S>(measure: Measure<S>, state: S): Promise<Sample> {
  collectGarbage();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await measure.run(state);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const ownCpu = (used.user + used.system) / 1000;
  if (!(result instanceof Timed)) return { wall, cpu: ownCpu };
  return { wall: result.ms ?? wall, cpu: result.cpuMs ?? ownCpu, figures: result.figures };
}

/** Medians of each figure over the samples that have it. */
function figureMedians(samples: readonly Sample[]): Record<string, number> | undefined {
  const names = new Set(samples.flatMap((s) => Object.keys(s.figures ?? {})));
  if (names.size === 0) return undefined;
  const out: Record<string, number> = {};
  for (const name of names) {
    const values = samples.flatMap((s) =>
      s.figures && name in s.figures ? [s.figures[name]!] : [],
    );
    out[name] = round(statsOf(values).median, 2);
  }
  return out;
}

/**
 * Sets the scenario up, runs warm-up then timed rounds, and disposes of it. Each round
 * runs every measure and the baseline once, starting one further along each round, so
 * drift (thermal, caches, JIT) lands on all of them alike.
 */
export async function runScenario<S>(
  scenario: Scenario<S>,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const all = [...scenario.measures, scenario.baseline];
  const names = new Set(all.map((m) => m.name));
  if (names.size !== all.length) throw new Error(`${scenario.name}: measure names repeat`);
  if (!names.has(scenario.headline)) {
    throw new Error(`${scenario.name}: headline "${scenario.headline}" is not a measure`);
  }
  log(`${scenario.name}: setting up…`);
  const prepared = await scenario.setup(options);
  try {
    const loadAtStart = loadNow();
    const samples = new Map<string, Sample[]>(all.map((m) => [m.name, []]));
    const rounds = options.warmup + options.runs;
    for (let round = 0; round < rounds; round++) {
      const timed = round >= options.warmup;
      log(
        `${scenario.name}: ${timed ? `run ${round - options.warmup + 1}/${options.runs}` : `warm-up ${round + 1}/${options.warmup}`}`,
      );
      for (let i = 0; i < all.length; i++) {
        const measure = all[(round + i) % all.length]!;
        const sample = await timeOnce(measure, prepared.state);
        if (timed) samples.get(measure.name)!.push(sample);
      }
    }
    const wall = (name: string) => samples.get(name)!.map((s) => s.wall);
    const cpu = (name: string) => statsOf(samples.get(name)!.map((s) => s.cpu)).median;
    const base = statsOf(wall(scenario.baseline.name));
    const baseCpu = cpu(scenario.baseline.name);
    const ratioKind = scenario.ratio ?? 'time';
    const ratio = (value: number, baseline: number) =>
      round(ratioKind === 'time' ? value / baseline : baseline / value, 2);
    const measures: Record<string, MeasureResult> = {};
    for (const m of all) {
      const stats = statsOf(wall(m.name));
      const figures = figureMedians(samples.get(m.name)!);
      measures[m.name] = {
        description: m.description,
        median: round(stats.median, 2),
        min: round(stats.min, 2),
        max: round(stats.max, 2),
        ratio: ratio(stats.median, base.median),
        cpuMedian: round(cpu(m.name), 2),
        cpuRatio: ratio(cpu(m.name), baseCpu),
        samples: wall(m.name).map((ms) => round(ms, 2)),
        ...(figures ? { figures } : {}),
      };
    }
    return {
      scenario: scenario.name,
      description: scenario.description,
      size: { payments: options.payments, timeEntries: options.timeEntries },
      records: prepared.records,
      seed: options.seed,
      runs: options.runs,
      warmup: options.warmup,
      unit: 'ms',
      measures,
      ratioKind,
      baseline: scenario.baseline.name,
      ratio: measures[scenario.headline]!.ratio,
      cpuRatio: measures[scenario.headline]!.cpuRatio,
      headline: scenario.headline,
      setup: prepared.setup,
      machine: machine(loadAtStart),
      date: new Date().toISOString(),
    };
  } finally {
    await prepared.dispose();
  }
}

/** The result as a short aligned table. */
export function formatResult(result: ScenarioResult): string {
  const times = result.ratioKind === 'time';
  const header = [
    'measure',
    'median ms',
    'min ms',
    'max ms',
    times ? '× baseline' : 'rate ÷ baseline',
    'cpu ms',
    times ? 'cpu ×' : 'cpu rate ÷',
  ];
  const rows = Object.entries(result.measures).map(([name, m]) => [
    name,
    fixed(m.median),
    fixed(m.min),
    fixed(m.max),
    name === result.baseline ? '1' : fixed(m.ratio),
    fixed(m.cpuMedian),
    name === result.baseline ? '1' : fixed(m.cpuRatio),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const { payments, timeEntries } = result.size;
  const setup = Object.entries(result.setup)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? thousands(v) : v}`)
    .join(', ');
  const { cpuModel, cpus, totalMemGB, node, loadAverage } = result.machine;
  return [
    `${result.scenario}: ${thousands(payments)} payments + ${thousands(timeEntries)} time entries, ${plural(result.runs, 'run')} after ${plural(result.warmup, 'warm-up')}`,
    line(header),
    ...rows.map(line),
    ...Object.entries(result.measures).flatMap(([name, m]) =>
      m.figures
        ? [
            `${name}: ${Object.entries(m.figures)
              .map(([k, v]) => `${k} ${fixed(v)}`)
              .join(', ')}`,
          ]
        : [],
    ),
    times
      ? `ratio (${result.headline} ÷ ${result.baseline}): ${fixed(result.ratio)} (CPU time: ${fixed(result.cpuRatio)})`
      : `ratio (${result.headline}'s rate ÷ ${result.baseline}'s): ${fixed(result.ratio)} (CPU time: ${fixed(result.cpuRatio)})`,
    `setup: ${setup}`,
    `machine: ${cpuModel}, ${cpus} cpus, ${totalMemGB} GB, node ${node}, load average ${loadAverage.start} → ${loadAverage.end}`,
  ].join('\n');
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function fixed(value: number): string {
  if (Math.abs(value) >= 1000) return thousands(Math.round(value));
  return value.toFixed(Math.abs(value) >= 100 ? 1 : 2);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function thousands(value: number): string {
  return value.toLocaleString('en-US');
}
