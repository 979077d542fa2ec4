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
import type { ScenarioResult } from './harness.ts';

/** One part of a target: its margin in a result, or undefined where the result lacks the figure. */
interface TargetPart {
  text: string;
  margin(result: ScenarioResult): number | undefined;
}

export interface Target {
  /** The target, as its table states it. */
  text: string;
  /** The data size the issue sets for it (`undefined`: any, as for the forecast's demo). */
  size?: { payments: number; timeEntries: number };
  parts: readonly TargetPart[];
}

const MILLION = { payments: 1_000_000, timeEntries: 1_000_000 };

function measure(result: ScenarioResult, name: string) {
  return result.measures[name];
}

/** A ratio that must be at least `least` (rates as a fraction of the baseline's). */
function ratioAtLeast(name: string, least: number, text: string): TargetPart {
  return { text, margin: (r) => ratio(r, name) / least };
}

/** A median time, ms, that must stay under `limit`. */
function timeUnder(name: string, limit: number, text: string): TargetPart {
  return { text, margin: (r) => limit / (measure(r, name)?.median ?? Number.NaN) };
}

/** A figure of a measure (or of the setup) that must stay under `limit`. */
function figureUnder(
  name: string | 'setup',
  figure: string,
  limit: number,
  text: string,
): TargetPart {
  return {
    text,
    margin: (r) => {
      const value = name === 'setup' ? r.setup[figure] : measure(r, name)?.figures?.[figure];
      return typeof value === 'number' ? limit / value : undefined;
    },
  };
}

function ratio(result: ScenarioResult, name: string): number {
  return measure(result, name)?.ratio ?? Number.NaN;
}

/** Issue #7's targets, by scenario. */
export const TARGETS: Readonly<Record<string, Target>> = {
  import: {
    text: 'import ≥ 50 % of sqlite3 .import rows/s, peak RSS < 300 MB',
    size: MILLION,
    parts: [
      ratioAtLeast('fulcrum', 0.5, '≥ 50 % of .import'),
      figureUnder('fulcrum', 'peakRssMB', 300, 'peak RSS < 300 MB'),
    ],
  },
  'import-pg': {
    text: 'import on PostgreSQL ≥ 40 % of COPY rows/s',
    size: MILLION,
    parts: [ratioAtLeast('fulcrum', 0.4, '≥ 40 % of COPY')],
  },
  report: {
    text: 'report --json ≤ 3× one GROUP BY, and < 2 s',
    size: MILLION,
    parts: [
      { text: '≤ 3× the baseline', margin: (r) => 3 / ratio(r, 'full') },
      timeUnder('full', 2000, '< 2 s'),
    ],
  },
  api: {
    text: 'API: report p99 < 50 ms; report and a list page ≥ 25 % of /healthz requests/s',
    size: MILLION,
    parts: [
      figureUnder('report', 'p99', 50, 'report p99 < 50 ms'),
      ratioAtLeast('report', 0.25, 'report ≥ 25 % of /healthz'),
      ratioAtLeast('list', 0.25, 'list page ≥ 25 % of /healthz'),
    ],
  },
  forecast: {
    text: 'forecast, 2,000 runs × 36 months on the demo < 0.5 s',
    parts: [timeUnder('full', 500, '< 0.5 s')],
  },
  page: {
    text: 'dashboard: first meaningful render < 1.5 s; JS < 350 KB gzipped',
    size: MILLION,
    parts: [
      timeUnder('warm', 1500, 'render < 1.5 s'),
      figureUnder('setup', 'jsGzipKB', 350, 'JS < 350 KB gzipped'),
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

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The margin of each part of the scenario's target that the result has the figures for. */
export function targetParts(result: ScenarioResult): Record<string, number> | undefined {
  const target = TARGETS[result.scenario];
  if (!target) return undefined;
  const parts: Record<string, number> = {};
  for (const part of target.parts) {
    const margin = part.margin(result);
    if (margin !== undefined && Number.isFinite(margin)) parts[part.text] = round3(margin);
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
