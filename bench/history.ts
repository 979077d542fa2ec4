/**
 * The history of the benchmark runs against issue #7's targets: every result written to a
 * results folder also adds one line to `history.jsonl` there (bench/run.ts), and
 * bench/chart.tsx draws the lines of the committed folder as `ratios.svg`.
 *
 * Each target is read as a margin: how many times over its target a result is, so that
 * ≥ 1 means met whatever the direction of the figure (a time ratio that must stay under
 * 3×, a rate that must reach half the baseline's, an absolute time). A target of several
 * parts (the report: ≤ 3× the baseline and < 2 s) has the margin of its tightest part.
 */
import { execFileSync } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import { round, type ScenarioResult } from './harness.ts';

/** One part of a target: its margin in a result (NaN where the result lacks the figure). */
interface TargetPart {
  text: string;
  margin(result: ScenarioResult): number;
}

export interface Target {
  /** The target, as its table states it. */
  text: string;
  /** The data size the issue sets for it (`undefined`: any, as for the forecast's demo). */
  size?: { payments: number; timeEntries: number };
  parts: readonly TargetPart[];
}

const MILLION = { payments: 1_000_000, timeEntries: 1_000_000 };

/** A figure of a result, or undefined where the result lacks it (an older result's shape). */
type Figure = (result: ScenarioResult) => number | undefined;

const median =
  (name: string): Figure =>
  (r) =>
    r.measures[name]?.median;
const ratio =
  (name: string): Figure =>
  (r) =>
    r.measures[name]?.ratio;
const figure =
  (name: string, key: string): Figure =>
  (r) =>
    r.measures[name]?.figures?.[key];
const setupFigure =
  (key: string): Figure =>
  (r) => {
    const value = r.setup[key];
    return typeof value === 'number' ? value : undefined;
  };

/** A figure that must stay under `limit`: margin limit ÷ figure. */
function under(value: Figure, limit: number, text: string): TargetPart {
  return { text, margin: (r) => limit / (value(r) ?? Number.NaN) };
}

/** A figure that must reach `least` (a rate as a share of the baseline's): margin figure ÷ least. */
function atLeast(value: Figure, least: number, text: string): TargetPart {
  return { text, margin: (r) => (value(r) ?? Number.NaN) / least };
}

/** Issue #7's targets, by scenario. */
export const TARGETS: Readonly<Record<string, Target>> = {
  import: {
    text: 'import ≥ 50 % of sqlite3 .import rows/s, peak RSS < 300 MB',
    size: MILLION,
    parts: [
      atLeast(ratio('fulcrum'), 0.5, '≥ 50 % of .import'),
      under(figure('fulcrum', 'peakRssMB'), 300, 'peak RSS < 300 MB'),
    ],
  },
  'import-pg': {
    text: 'import on PostgreSQL ≥ 40 % of COPY rows/s',
    size: MILLION,
    parts: [atLeast(ratio('fulcrum'), 0.4, '≥ 40 % of COPY')],
  },
  report: {
    text: 'report --json ≤ 3× one GROUP BY, and < 2 s',
    size: MILLION,
    parts: [under(ratio('full'), 3, '≤ 3× the baseline'), under(median('full'), 2000, '< 2 s')],
  },
  api: {
    text: 'API: report p99 < 50 ms; report and a list page ≥ 25 % of /healthz requests/s',
    size: MILLION,
    parts: [
      under(figure('report', 'p99'), 50, 'report p99 < 50 ms'),
      atLeast(ratio('report'), 0.25, 'report ≥ 25 % of /healthz'),
      atLeast(ratio('list'), 0.25, 'list page ≥ 25 % of /healthz'),
    ],
  },
  forecast: {
    text: 'forecast, 2,000 runs × 36 months on the demo < 0.5 s',
    parts: [under(median('full'), 500, '< 0.5 s')],
  },
  page: {
    text: 'dashboard: first meaningful render < 1.5 s; JS < 350 KB gzipped',
    size: MILLION,
    parts: [
      under(median('warm'), 1500, 'render < 1.5 s'),
      under(setupFigure('jsGzipKB'), 350, 'JS < 350 KB gzipped'),
    ],
  },
};

/** One line of `history.jsonl`. */
export interface HistoryEntry {
  /** When the result's measures ended (the result's `date`). */
  date: string;
  scenario: string;
  /** The checkout measured (`git rev-parse --short HEAD`, `+` when it had changes), if known. */
  commit?: string;
  /**
   * Where the entry was read from when the run did not write it: the first entries are
   * the results committed before the history existed (`bench/results/report.json at 97828f2`).
   */
  source?: string;
  payments: number;
  timeEntries: number;
  runs: number;
  cpuModel: string;
  /** The 1-minute load average at the start and end of the measures. */
  load: [number, number];
  /** The scenario's headline ratio. */
  ratio: number;
  /** Target ÷ measured, the tightest part's (≥ 1: met); absent without a target or its figures. */
  margin?: number;
  /** Each part's margin, by its text. */
  parts?: Record<string, number>;
}

/** The margin of each part of the scenario's target that the result has the figures for. */
function targetParts(result: ScenarioResult): Record<string, number> | undefined {
  const target = TARGETS[result.scenario];
  if (!target) return undefined;
  const parts: Record<string, number> = {};
  for (const part of target.parts) {
    const margin = part.margin(result);
    if (Number.isFinite(margin)) parts[part.text] = round(margin, 3);
  }
  return Object.keys(parts).length === target.parts.length ? parts : undefined;
}

export function historyEntry(result: ScenarioResult, commit?: string): HistoryEntry {
  const parts = targetParts(result);
  return {
    date: result.date,
    scenario: result.scenario,
    ...(commit ? { commit } : {}),
    payments: result.size.payments,
    timeEntries: result.size.timeEntries,
    runs: result.runs,
    cpuModel: result.machine.cpuModel,
    load: [result.machine.loadAverage.start, result.machine.loadAverage.end],
    ratio: result.ratio,
    ...(parts ? { margin: Math.min(...Object.values(parts)), parts } : {}),
  };
}

/** True when the entry was measured at the size its target sets (the chart's points). */
export function atTargetSize(entry: HistoryEntry): boolean {
  const size = TARGETS[entry.scenario]?.size;
  return (
    entry.margin !== undefined &&
    (!size || (entry.payments === size.payments && entry.timeEntries === size.timeEntries))
  );
}

/** The part of the entry's target that sets its margin (the smallest), by its text. */
export function tightestPart(entry: HistoryEntry): string {
  const parts = Object.entries(entry.parts ?? {});
  return parts.reduce((a, b) => (b[1] < a[1] ? b : a), parts[0] ?? ['', 0])[0];
}

/** "target (report --json ≤ 3× …): 1.07× (met; tightest: < 2 s)". */
export function describeMargin(entry: HistoryEntry): string {
  const target = TARGETS[entry.scenario];
  if (!target || entry.margin === undefined) return `${entry.scenario}: no target`;
  const met = entry.margin >= 1 ? 'met' : 'not met';
  return `target (${target.text}): ${entry.margin.toFixed(2)}× (${met}; tightest: ${tightestPart(entry)})`;
}

/** The checkout being measured, or undefined outside a git checkout. */
export function currentCommit(cwd = process.cwd()): string | undefined {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const head = git('rev-parse', '--short', 'HEAD').trim();
    return git('status', '--porcelain', '--untracked-files=no').trim() ? `${head}+` : head;
  } catch {
    return undefined;
  }
}

export async function appendHistory(file: string, entry: HistoryEntry): Promise<void> {
  await appendFile(file, `${JSON.stringify(entry)}\n`);
}

/** The entries of a history file, oldest first; a missing file has none. */
export async function readHistory(file: string): Promise<HistoryEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: HistoryEntry[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as HistoryEntry);
    } catch {
      throw new Error(`${file}:${index + 1}: not a JSON line`);
    }
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}
