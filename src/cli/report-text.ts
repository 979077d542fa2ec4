/**
 * The report in words a coach understands: tidy tables of the same figures
 * `report --json` prints, each section with a line on how its figures were computed.
 */
import type { Lever, Report, StreamReport } from '../domain/analysis/report.ts';
import { renderTable } from './table.ts';

const KIND_LABELS: Record<string, string> = {
  one_to_one: '1:1',
  package: 'package',
  retainer: 'retainer',
  group_program: 'group',
  workshop: 'workshop',
  team_delivered: 'team',
  info_product: 'product',
  membership: 'membership',
  licensing: 'licensing',
  other: 'other',
};

export const LEVER_TITLES: Record<Lever['id'], string> = {
  raise_rates: 'Raise your rates',
  best_channel: 'Do more of your best client channel',
  referrals: 'Ask for more referrals',
  more_conversations: 'Have more sales conversations',
};

const RUNGS: Record<number, string> = {
  0: 'no main stream yet',
  1: 'hourly 1:1 work',
  2: 'packages',
  3: 'high-ticket packages',
  4: 'group programs and workshops',
  5: 'products and programs',
  6: 'beyond your own hours (team, licensing)',
};

export interface Formatters {
  money(value: number | null): string;
  rate(value: number | null): string;
}

export function formatters(currency: string): Formatters {
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  return {
    money: (v) => (v === null ? '—' : money.format(v)),
    rate: (v) => (v === null ? '—' : `${money.format(v)}/h`),
  };
}

const hours = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });
const pct = (v: number | null) =>
  v === null ? '—' : `${(v * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
const times = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}×`);

function passiveTest(s: StreamReport): string {
  if (s.beatsBaseline === null) return '';
  return s.beatsBaseline ? 'beats 1:1' : 'below 1:1';
}

function streamsSection(r: Report, f: Formatters): string {
  const rows = r.streams.map((s) => [
    s.name,
    KIND_LABELS[s.kind] ?? s.kind,
    f.money(s.revenue),
    f.money(s.costs),
    f.money(s.net),
    hours(s.hours.total),
    hours(s.hiddenHours),
    f.rate(s.effectiveHourlyRate),
    f.rate(s.lifetime.effectiveHourlyRate),
    times(s.leverage),
    passiveTest(s),
  ]);
  rows.push([
    'Whole practice',
    '',
    f.money(r.totals.revenue),
    f.money(r.totals.costs),
    f.money(r.totals.net),
    hours(r.totals.hours),
    '',
    f.rate(r.totals.effectiveHourlyRate),
    '',
    '',
    '',
  ]);
  const table = renderTable(
    [
      { header: 'stream' },
      { header: 'kind' },
      { header: 'revenue', align: 'right' },
      { header: 'costs', align: 'right' },
      { header: 'net', align: 'right' },
      { header: 'hours', align: 'right' },
      { header: 'hidden h', align: 'right' },
      { header: 'per hour', align: 'right' },
      { header: 'lifetime/h', align: 'right' },
      { header: 'vs 1:1', align: 'right' },
      { header: '"passive" test' },
    ],
    rows,
  );
  const notes = [
    `  per hour = net (revenue − fees − costs) ÷ every hour spent on the stream in the period;`,
    `  hidden h = hours that are not delivery (sales, marketing, creation, upkeep, admin);`,
    `  lifetime/h counts every date up to ${r.period.to}, so set-up hours before launch come back into view.`,
    `  Your 1:1 baseline: ${f.rate(r.baselineHourlyRate)} (net of 1:1 work ÷ its hours; vs 1:1 = per hour ÷ baseline).`,
  ];
  if (r.totals.unassigned.revenue !== 0 || r.totals.unassigned.hours !== 0) {
    notes.push(
      `  Not assigned to any offer: ${f.money(r.totals.unassigned.revenue)} of revenue and ${hours(r.totals.unassigned.hours)} hours (counted in the totals only).`,
    );
  }
  return `Income streams\n${table}${notes.join('\n')}\n`;
}

function hoursSection(r: Report): string {
  const table = renderTable(
    [
      { header: 'stream' },
      { header: 'delivery', align: 'right' },
      { header: 'sales', align: 'right' },
      { header: 'marketing', align: 'right' },
      { header: 'creation', align: 'right' },
      { header: 'upkeep', align: 'right' },
      { header: 'admin', align: 'right' },
      { header: 'total', align: 'right' },
    ],
    r.streams.map((s) => [
      s.name,
      hours(s.hours.delivery),
      hours(s.hours.sales),
      hours(s.hours.marketing),
      hours(s.hours.creation),
      hours(s.hours.maintenance),
      hours(s.hours.admin),
      hours(s.hours.total),
    ]),
  );
  return `Hours by activity\n${table}`;
}

function criterionValue(
  c: Report['readiness']['criteria'][number],
  f: Formatters,
): [string, string] {
  switch (c.unit) {
    case 'money':
      return [f.money(c.value), f.money(c.target)];
    case 'share':
      return [pct(c.value), pct(c.target)];
    default:
      return [hours(c.value), hours(c.target)];
  }
}

function readinessSection(r: Report, f: Formatters): string {
  const rd = r.readiness;
  const stage: Record<string, string> = {
    foundation: 'foundation: service income is under half its target; build it first',
    building: 'building: not ready for products yet',
    ready: 'ready: the foundation is in place',
    leveraging: 'leveraging: ready, and products are already earning',
  };
  const table = renderTable(
    [
      { header: 'criterion' },
      { header: 'value', align: 'right' },
      { header: 'target', align: 'right' },
      { header: 'met' },
      { header: 'short by', align: 'right' },
    ],
    rd.criteria.map((c) => {
      const [value, target] = criterionValue(c, f);
      const gap =
        c.gap === 0
          ? ''
          : c.unit === 'money'
            ? f.money(c.gap)
            : c.unit === 'share'
              ? pct(c.gap)
              : hours(c.gap);
      return [c.label, value, target, c.met ? 'yes' : 'no', gap];
    }),
  );
  const lines = [
    `Ready for products? ${rd.ready ? 'Yes' : 'Not yet'} — stage ${stage[rd.stage] ?? rd.stage}`,
    table,
  ];
  if (rd.warnings.includes('products_before_foundation')) {
    lines.push(
      '  ! Products are taking revenue or hours before the foundation is in place: the trap "passive revenue" sets.',
    );
  }
  return `${lines.join('\n')}\n`;
}

function leversSection(r: Report, f: Formatters): string {
  const lines = ['Levers, worth most first'];
  r.levers.forEach((lever, i) => {
    const assumptions = Object.entries(lever.assumptions)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    lines.push(`  ${i + 1}. ${LEVER_TITLES[lever.id]} — ${f.money(lever.annualImpact)} a year`);
    lines.push(`     ${lever.explanation}`);
    if (assumptions)
      lines.push(`     assumptions: ${assumptions} (change with --assume name=value)`);
  });
  return `${lines.join('\n')}\n`;
}

function ladderSection(r: Report): string {
  const l = r.ladder;
  const lines = [
    'The leverage ladder',
    `  You stand on rung ${l.current}: ${RUNGS[l.current] ?? ''}.`,
  ];
  if (l.recommended !== null) {
    lines.push(
      `  Next step: rung ${l.recommended}, ${RUNGS[l.recommended] ?? ''} (the smallest shift that fits).`,
    );
  } else {
    lines.push('  No rung fits yet: the levers above are the next step.');
  }
  for (const c of l.candidates) {
    const why = c.eligible ? 'open to you' : `not yet: ${c.reasons.join(', ')}`;
    lines.push(
      `    rung ${c.rung} (${c.label}), ${c.distance} step${c.distance > 1 ? 's' : ''} up — ${why}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The whole human report. */
export function renderReport(r: Report, practiceName: string): string {
  const f = formatters(r.currency);
  return [
    `${practiceName} — ${r.period.from} to ${r.period.to} (${r.period.days} days), in ${r.currency}\n`,
    streamsSection(r, f),
    hoursSection(r),
    readinessSection(r, f),
    leversSection(r, f),
    ladderSection(r),
  ].join('\n');
}
