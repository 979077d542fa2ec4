/**
 * The benchmarks' history and chart (bench/history.ts, bench/chart.tsx), on the results
 * committed in bench/results/: each target read as a margin in the right direction, the
 * history file read back or refused with its line, and the chart drawing every run at
 * the issue's size and nothing else. (The benchmarks themselves are not run here: CI
 * runs them at smoke size, which also writes a history and a chart.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ratioChartSvg } from '../bench/chart.tsx';
import type { ScenarioResult } from '../bench/harness.ts';
import {
  atTargetSize,
  describeMargin,
  historyEntry,
  readHistory,
  TARGETS,
} from '../bench/history.ts';

const RESULTS = path.join(import.meta.dirname, '..', 'bench', 'results');
const result = (name: string): ScenarioResult =>
  JSON.parse(readFileSync(path.join(RESULTS, `${name}.json`), 'utf8')) as ScenarioResult;

/** The result with one measure's median (and optionally a figure) replaced. */
function changed(
  base: ScenarioResult,
  name: string,
  change: { median?: number; ratio?: number; figures?: Record<string, number> },
): ScenarioResult {
  const copy = structuredClone(base);
  const m = copy.measures[name]!;
  Object.assign(m, {
    ...change,
    figures: change.figures ? { ...m.figures, ...change.figures } : m.figures,
  });
  return copy;
}

const scratch = mkdtempSync(path.join(tmpdir(), 'fulcrum-bench-history-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('targets as margins', () => {
  it('gives every committed result a margin, the smallest of its parts', () => {
    for (const name of Object.keys(TARGETS)) {
      const entry = historyEntry(result(name));
      const parts = Object.values(entry.parts ?? {});
      expect(parts, name).toHaveLength(TARGETS[name]!.parts.length);
      expect(entry.margin, name).toBe(Math.min(...parts));
      expect(atTargetSize(entry), name).toBe(true);
    }
  });

  it('reads a time under a limit, a ratio at most 3× and a rate at least a share the right way round', () => {
    const report = result('report');
    const slow = historyEntry(changed(report, 'full', { median: 2500 }));
    expect(slow.parts?.['< 2 s']).toBe(0.8);
    expect(slow.margin).toBeLessThan(1);
    expect(describeMargin(slow)).toMatch(/: 0\.80× \(not met; tightest: < 2 s\)$/);
    const fast = historyEntry(changed(report, 'full', { median: 1000, ratio: 1.5 }));
    expect(fast.parts).toEqual({ '≤ 3× the baseline': 2, '< 2 s': 2 });
    expect(describeMargin(fast)).toContain('2.00× (met');

    const imported = result('import');
    const half = historyEntry(changed(imported, 'fulcrum', { ratio: 0.5 }));
    expect(half.parts?.['≥ 50 % of .import']).toBe(1);
    const heavy = historyEntry(changed(imported, 'fulcrum', { figures: { peakRssMB: 400 } }));
    expect(heavy.parts?.['peak RSS < 300 MB']).toBe(0.75);
  });

  it('leaves a result without the figures a target needs unjudged, and runs at other sizes off the chart', () => {
    const api = result('api');
    const noP99 = structuredClone(api);
    delete noP99.measures.report!.figures!.p99;
    expect(historyEntry(noP99).margin).toBeUndefined();
    const small = { ...result('report'), size: { payments: 2000, timeEntries: 2000 } };
    expect(atTargetSize(historyEntry(small))).toBe(false);
  });
});

describe('history.jsonl', () => {
  it('is read oldest first, and a broken line is named by file and line', async () => {
    const file = path.join(scratch, 'history.jsonl');
    const [a, b] = [historyEntry(result('page')), historyEntry(result('forecast'))];
    const older = { ...b, date: '2020-01-01T00:00:00.000Z' };
    writeFileSync(file, `${JSON.stringify(a)}\n\n${JSON.stringify(older)}\n`);
    expect((await readHistory(file)).map((e) => e.scenario)).toEqual(['forecast', 'page']);
    writeFileSync(file, `${JSON.stringify(a)}\n{"date": 1,\n`);
    await expect(readHistory(file)).rejects.toThrow(`${file}:2: not a JSON line`);
    expect(await readHistory(path.join(scratch, 'none.jsonl'))).toEqual([]);
  });
});

describe('ratios.svg', () => {
  it('draws a point for every run at the issue’s size, a line and a legend row per scenario', async () => {
    const history = await readHistory(path.join(RESULTS, 'history.jsonl'));
    const plotted = history.filter(atTargetSize);
    expect(plotted.length).toBeLessThan(history.length); // a 100k report run is in the file
    const svg = ratioChartSvg(history);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/class="recharts-dot recharts-line-dot"/g)).toHaveLength(plotted.length);
    const scenarios = new Set(plotted.map((e) => e.scenario));
    expect(svg.match(/class="recharts-curve recharts-line-curve"/g)).toHaveLength(scenarios.size);
    for (const scenario of scenarios) {
      const latest = plotted.filter((e) => e.scenario === scenario).at(-1)!;
      const shown = latest.margin! >= 10 ? latest.margin!.toFixed(0) : latest.margin!.toFixed(2);
      expect(svg).toContain(`${scenario}  ${shown}× (${latest.margin! >= 1 ? 'met' : 'not met'})`);
    }
  });
});
