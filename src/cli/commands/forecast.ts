/**
 * `fulcrum forecast`: the next months of the practice, baseline and scenarios, as
 * P10/P50/P90 ranges from a seeded simulation (issue #6). Tables by month (12 months or
 * fewer, or --monthly) or by quarter, with each scenario's extra hours; `--json` prints
 * the forecast document.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../../app/errors.ts';
import { buildForecast, parseScenarioText } from '../../app/forecast.ts';
import type {
  Band,
  Forecast,
  ForecastSeries,
  Scenario,
  ScenarioChange,
  ScenarioForecast,
} from '../../domain/forecast/index.ts';
import { SERVICE_KINDS } from '../../domain/model.ts';
import { withPractice } from '../context.ts';
import type { CliIo } from '../io.ts';
import { renderTable } from '../table.ts';
import { dateArg, intArg, repeatArg } from './args.ts';

interface ForecastOpts {
  months: number;
  runs: number;
  seed: number;
  asOf?: string;
  scenario?: string[];
  monthly?: boolean;
  json?: boolean;
}

async function readScenarioFile(file: string) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'invalid_input',
      code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read it (${code ?? 'error'})`,
    );
  }
  return parseScenarioText(text, file);
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const tenth = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const hours = (x: number) => (Math.abs(x) >= 100 ? whole : tenth).format(x);
const range = (b: Band | null, f: (x: number) => string) =>
  b === null ? '—' : `${f(b.p10)}${b.p10 < 0 || b.p90 < 0 ? ' to ' : '–'}${f(b.p90)}`;

function describeChange(c: ScenarioChange, currency: string): string {
  const from = c.fromMonth > 1 ? ` from month ${c.fromMonth}` : '';
  switch (c.type) {
    case 'raise_rates': {
      const all = SERVICE_KINDS.every((k) => c.kinds.includes(k)) && c.kinds.length === 6;
      const which = all ? 'service' : c.kinds.join(', ');
      return `raise ${which} prices ${c.raisePercent}%${from}, losing ${c.clientLossPercent}% of those clients`;
    }
    case 'more_conversations':
      return `${c.perWeek} more sales conversations a week${from}`;
    case 'shift_marketing':
      return `move ${c.hoursPerMonth} marketing hours a month from ${c.from} to ${c.to}${from}`;
    case 'capacity':
      return `capacity ${c.hoursPerWeek} h a week${from}`;
    case 'launch_offer': {
      const price = new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(c.price);
      const build =
        c.creationHours > 0
          ? `${c.creationHours} creation hours over ${c.creationMonths ?? 3} months, `
          : '';
      return `launch "${c.name}" (${c.kind}) at ${price}${from}: ${build}${c.upkeepHoursPerMonth} upkeep hours a month, expected sales ${c.salesRamp.join(', ')} a month`;
    }
  }
}

/** The rows of one series: per month or per quarter, then the whole horizon. */
function seriesTable(f: Forecast, s: ForecastSeries, monthly: boolean): string {
  const extra = 'extraHours' in s ? (s as ScenarioForecast) : null;
  const rows: string[][] = [];
  const row = (label: string, r: Band, h: Band, rate: Band | null, x: Band | null) => {
    const cells = [
      label,
      whole.format(r.p50),
      range(r, whole.format),
      hours(h.p50),
      range(h, hours),
      rate === null ? '—' : whole.format(rate.p50),
      range(rate, whole.format),
    ];
    if (x) cells.push(hours(x.p50), range(x, hours));
    rows.push(cells);
  };
  if (monthly) {
    f.months.forEach((m, i) => {
      row(m, s.revenue[i]!, s.hours[i]!, s.effectiveHourlyRate[i]!, extra?.extraHours[i] ?? null);
    });
  } else {
    f.quarters.forEach((q, i) => {
      const x = s.quarters[i]!;
      row(q.label, x.revenue, x.hours, x.effectiveHourlyRate, extra?.quarterExtraHours[i] ?? null);
    });
  }
  const t = s.total;
  row(
    `All ${f.months.length} months`,
    t.revenue,
    t.hours,
    t.effectiveHourlyRate,
    extra?.totalExtraHours ?? null,
  );
  const columns = [
    { header: monthly ? 'Month' : 'Months' },
    { header: `Revenue ${f.currency} P50`, align: 'right' as const },
    { header: 'P10–P90', align: 'right' as const },
    { header: 'Hours P50', align: 'right' as const },
    { header: 'P10–P90', align: 'right' as const },
    { header: 'Per hour P50', align: 'right' as const },
    { header: 'P10–P90', align: 'right' as const },
  ];
  if (extra) {
    columns.push(
      { header: 'Extra hours P50', align: 'right' as const },
      { header: 'P10–P90', align: 'right' as const },
    );
  }
  return renderTable(columns, rows);
}

/** The forecast for a person: one table per series, then how it was computed. */
export function renderForecast(f: Forecast, practiceName: string, monthly: boolean): string {
  const first = f.months[0]!;
  const last = f.months.at(-1)!;
  const parts = [
    `${practiceName} — forecast of ${f.months.length} months, ${first} to ${last}, in ${f.currency}\n` +
      `${whole.format(f.runs)} runs, seed ${f.seed}, from the history up to ${f.model.history.to}. ` +
      'P50 is the middle run; 8 runs in 10 fall within P10–P90.\n' +
      'Per hour is revenue ÷ hours worked, before costs.\n',
    `Baseline: the practice as it is\n${seriesTable(f, f.baseline, monthly)}`,
  ];
  for (const s of f.scenarios) {
    const changes = s.changes.map((c) => `  - ${describeChange(c, f.currency)}\n`).join('');
    const about = s.description ? `  ${s.description}\n` : '';
    parts.push(`Scenario: ${s.name}\n${about}${changes}${seriesTable(f, s, monthly)}`);
  }
  parts.push(`How this was computed\n${f.model.notes.map((n) => `  - ${n}\n`).join('')}`);
  return parts.join('\n');
}

export function registerForecastCommand(program: Command, io: CliIo): void {
  program
    .command('forecast')
    .description('the next months as ranges (P10–P90), for the practice as it is and for scenarios')
    .option('--months <n>', 'months to forecast, 1 to 60', intArg, 24)
    .option('--runs <n>', 'simulated runs, 1000 to 100000', intArg, 2000)
    .option('--seed <n>', 'random seed: the same seed gives the same numbers', intArg, 7)
    .option('--as-of <date>', 'last day of history (default: the latest record)', dateArg)
    .option(
      '--scenario <file>',
      'a scenario file (.json, see examples/scenarios/); repeatable',
      repeatArg,
    )
    .option('--monthly', 'one row per month (the default up to 12 months; else per quarter)')
    .option('--json', 'print the forecast document as JSON')
    .action(async (opts: ForecastOpts, command: Command) => {
      const files = opts.scenario ?? [];
      const scenarios: Scenario[] = [];
      for (const file of files) scenarios.push(await readScenarioFile(file));
      await withPractice(command, io, async (store, practice) => {
        const result = await buildForecast(store, practice.id, {
          months: opts.months,
          runs: opts.runs,
          seed: opts.seed,
          asOf: opts.asOf,
          scenarios,
          sources: files,
        });
        io.out(
          opts.json
            ? `${JSON.stringify(result, null, 2)}\n`
            : renderForecast(result, practice.name, opts.monthly ?? result.months.length <= 12),
        );
      });
    });
}
