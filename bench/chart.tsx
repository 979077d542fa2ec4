/**
 * `npm run bench:chart`: draws `history.jsonl` of a results folder (bench/history.ts) as
 * `ratios.svg` there: each target's margin (target ÷ measured, ≥ 1 met) at every run at
 * the issue's size, on a log scale, one line per scenario, runs in the order they were
 * made. `npm run bench` redraws it once its scenarios are done.
 *
 * Drawn with recharts (the page's chart library) rendered to static markup: the same
 * axes, scales and ticks as the app's charts, no browser needed.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CartesianGrid, Customized, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { atTargetSize, type HistoryEntry, readHistory, TARGETS, tightestPart } from './history.ts';

const WIDTH = 760;
const HEIGHT = 380;
const PLOT = { top: 44, right: 250, bottom: 34, left: 12 };
const Y_TICKS = [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];
const COLORS: Record<string, string> = {
  import: '#c2410c',
  'import-pg': '#a16207',
  report: '#1d4ed8',
  api: '#047857',
  forecast: '#7c3aed',
  page: '#be185d',
};
const FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';

interface Point {
  x: number;
  margin: number;
  entry: HistoryEntry;
}

const number = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(2));

/** The chart of the entries at their target's size, as a standalone SVG document. */
export function ratioChartSvg(history: readonly HistoryEntry[]): string {
  const entries = history.filter(atTargetSize);
  const points = entries.map((entry, x) => ({ x, margin: entry.margin as number, entry }));
  const scenarios = Object.keys(TARGETS).filter((s) => points.some((p) => p.entry.scenario === s));
  const series = scenarios.map((scenario) => ({
    scenario,
    color: COLORS[scenario] ?? '#334155',
    points: points.filter((p) => p.entry.scenario === scenario),
  }));
  // The first run of each day, and the first on another machine: the x axis's marks.
  const days = points.filter((p, i) => i === 0 || day(points[i - 1]!) !== day(p));
  const machines = points.filter(
    (p, i) => i > 0 && points[i - 1]!.entry.cpuModel !== p.entry.cpuModel,
  );
  const last = Math.max(points.length - 1, 1);

  const chart = (
    <LineChart width={WIDTH} height={HEIGHT} margin={PLOT}>
      <CartesianGrid stroke="#e2e8f0" vertical={false} />
      <XAxis
        dataKey="x"
        type="number"
        domain={[-0.5, last + 0.5]}
        ticks={days.map((p) => p.x)}
        tickFormatter={(x: number) => day(points[x]!)}
        tick={{ fontSize: 11, fill: '#475569' }}
        stroke="#94a3b8"
      />
      <YAxis
        type="number"
        scale="log"
        domain={[Y_TICKS[0]!, Y_TICKS[Y_TICKS.length - 1]!]}
        ticks={Y_TICKS}
        allowDataOverflow
        tickFormatter={(y: number) => `${y}×`}
        tick={{ fontSize: 11, fill: '#475569' }}
        stroke="#94a3b8"
        width={44}
      />
      {machines.map((p) => (
        <ReferenceLine
          key={`machine-${p.x}`}
          x={p.x - 0.5}
          stroke="#94a3b8"
          strokeDasharray="2 3"
          label={{
            value: `${shortCpu(p.entry.cpuModel)} from here`,
            position: 'insideTopRight',
            fontSize: 10,
            fill: '#64748b',
          }}
        />
      ))}
      <ReferenceLine
        y={1}
        stroke="#0f172a"
        strokeWidth={1.5}
        label={{ value: 'target', position: 'insideBottomRight', fontSize: 11, fill: '#0f172a' }}
      />
      {series.map(({ scenario, color, points: data }) => (
        <Line
          key={scenario}
          data={data}
          dataKey="margin"
          name={scenario}
          stroke={color}
          strokeWidth={2}
          dot={{ r: 3, fill: color, stroke: color }}
          isAnimationActive={false}
        />
      ))}
      <Customized component={() => legend(series)} />
      <Customized component={title} />
    </LineChart>
  );
  const markup = renderToStaticMarkup(chart);
  const svg = markup.slice(markup.indexOf('<svg'), markup.lastIndexOf('</svg>') + '</svg>'.length);
  // A file of its own: the namespace, and a white page behind (readable in dark themes).
  return `${svg
    .replace('<svg ', `<svg xmlns="http://www.w3.org/2000/svg" font-family='${FONT}' `)
    .replace(/<title><\/title>/, `<title>Fulcrum: issue #7's targets, run by run</title>`)
    .replace(/(<defs>)/, `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>$1`)}\n`;
}

function day(point: Point): string {
  return point.entry.date.slice(0, 10);
}

function shortCpu(model: string): string {
  return model
    .replace(/\(R\)|\(TM\)|CPU|Processor|@.*$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function title(): ReactElement {
  return (
    <g fontFamily={FONT}>
      <text x={PLOT.left} y={18} fontSize={14} fontWeight={600} fill="#0f172a">
        Issue #7's targets, run by run: target ÷ measured (≥ 1× is met)
      </text>
      <text x={PLOT.left} y={34} fontSize={11} fill="#475569">
        each point one run of npm run bench at the issue’s size; log scale; each target’s tightest
        part
      </text>
    </g>
  );
}

function legend(
  series: readonly { scenario: string; color: string; points: readonly Point[] }[],
): ReactElement {
  const x = WIDTH - PLOT.right + 24;
  const latest = series
    .map((s) => ({ ...s, now: s.points[s.points.length - 1]! }))
    .sort((a, b) => b.now.margin - a.now.margin);
  return (
    <g fontFamily={FONT} fontSize={11}>
      {latest.map(({ scenario, color, now }, i) => {
        const y = PLOT.top + 16 + i * 40;
        return (
          <g key={scenario}>
            <line x1={x} x2={x + 18} y1={y - 4} y2={y - 4} stroke={color} strokeWidth={2} />
            <text x={x + 24} y={y} fill="#0f172a" fontWeight={600}>
              {`${scenario}  ${number(now.margin)}× ${now.margin >= 1 ? '(met)' : '(not met)'}`}
            </text>
            <text x={x + 24} y={y + 14} fill="#64748b" fontSize={10}>
              {tightestPart(now.entry)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Redraws `ratios.svg` from `history.jsonl` in `dir`; returns the file written. */
export async function drawChart(dir: string): Promise<string | undefined> {
  const history = await readHistory(path.join(dir, 'history.jsonl'));
  if (!history.some(atTargetSize)) return undefined;
  const file = path.join(dir, 'ratios.svg');
  await writeFile(file, ratioChartSvg(history));
  return file;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, 'results'));
  const file = await drawChart(dir);
  process.stdout.write(
    file ? `written: ${file}\n` : `no runs at the issue's sizes in ${dir}/history.jsonl\n`,
  );
}
