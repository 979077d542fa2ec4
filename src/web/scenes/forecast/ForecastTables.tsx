/**
 * The forecast's figures as tables: what each choice brings and costs over the whole
 * horizon (revenue, hours, hourly rate and the extra hours against the baseline), and the
 * charted figure month by month. Every figure carries `data-*` attributes with its raw
 * value so the browser test compares them with `fulcrum forecast --json`.
 */
import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Band, Forecast } from '../../../domain/forecast/index.ts';
import { formatHours, formatMonth } from '../../lib/format.ts';
import { METRICS, type Metric, type SeriesView } from './series.ts';

/** A series' colour, before its name. */
export function Swatch({ color }: { color: string }) {
  const [name, shade] = color.split('.');
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-block',
        width: 10,
        height: 10,
        borderRadius: 2,
        marginRight: 6,
        background: `var(--mantine-color-${name}-${shade})`,
      }}
    />
  );
}

/** A region that scrolls when the table is wider or taller than it: focusable, so keyboards scroll it. */
function Scroller({
  label,
  maxHeight,
  children,
}: {
  label: string;
  maxHeight?: number;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
    <section aria-label={label} tabIndex={0} style={{ overflow: 'auto', maxHeight }}>
      {children}
    </section>
  );
}

const P50_STYLE = { display: 'block', fontWeight: 600 } as const;
const RANGE_STYLE = {
  display: 'block',
  fontSize: 'var(--mantine-font-size-xs)',
  color: 'var(--mantine-color-dimmed)',
} as const;

/** "P50" over "P10 – P90", one cell. */
function BandCell({
  band,
  format,
  data,
}: {
  band: Band | null | undefined;
  format: (v: number | null) => string;
  data: Record<string, string>;
}) {
  if (!band) {
    return (
      <Table.Td className="num" {...data}>
        —
      </Table.Td>
    );
  }
  return (
    <Table.Td
      className="num"
      {...data}
      data-p10={String(band.p10)}
      data-p50={String(band.p50)}
      data-p90={String(band.p90)}
    >
      <span style={P50_STYLE}>{format(band.p50)}</span>
      <span style={RANGE_STYLE}>
        {format(band.p10)} – {format(band.p90)}
      </span>
    </Table.Td>
  );
}

/** Per scenario: the horizon's totals and the hours it costs against the baseline. */
export function ChoicesTable({
  forecast,
  series,
}: {
  forecast: Forecast;
  series: readonly SeriesView[];
}) {
  const money = (v: number | null) => METRICS.revenue.format(v, forecast.currency);
  const rate = (v: number | null) => METRICS.effectiveHourlyRate.format(v, forecast.currency);
  const signed = (v: number | null) =>
    v !== null && v > 0 ? `+${formatHours(v)}` : formatHours(v);
  const first = forecast.quarters[0];
  return (
    <Scroller label="What each choice brings and costs">
      <Table verticalSpacing="xs" striped miw={720}>
        <Table.Caption>
          Over {forecast.months.length} months ({formatMonth(forecast.months[0]!)} to{' '}
          {formatMonth(forecast.months.at(-1)!)}): P50, and P10 – P90 under it. Extra hours are the
          scenario’s hours minus the baseline’s in the same run.
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Choice</Table.Th>
            <Table.Th className="num">Revenue</Table.Th>
            <Table.Th className="num">Hours</Table.Th>
            <Table.Th className="num">Hourly rate</Table.Th>
            <Table.Th className="num">Extra hours, {first ? 'first 3 months' : ''}</Table.Th>
            <Table.Th className="num">Extra hours, in total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {series.map((s, i) => {
            const scenario = i === 0 ? null : forecast.scenarios[i - 1];
            return (
              <Table.Tr key={s.id} data-choice={s.name}>
                <Table.Th scope="row">
                  <Swatch color={s.color} />
                  {s.name}
                </Table.Th>
                <BandCell
                  band={s.series.total.revenue}
                  format={money}
                  data={{ 'data-total': 'revenue' }}
                />
                <BandCell
                  band={s.series.total.hours}
                  format={formatHours}
                  data={{ 'data-total': 'hours' }}
                />
                <BandCell
                  band={s.series.total.effectiveHourlyRate}
                  format={rate}
                  data={{ 'data-total': 'effectiveHourlyRate' }}
                />
                {scenario ? (
                  <>
                    <BandCell
                      band={scenario.quarterExtraHours[0]}
                      format={signed}
                      data={{ 'data-extra-hours': 'quarter-1' }}
                    />
                    <BandCell
                      band={scenario.totalExtraHours}
                      format={signed}
                      data={{ 'data-extra-hours': 'total' }}
                    />
                  </>
                ) : (
                  <>
                    <Table.Td className="num">—</Table.Td>
                    <Table.Td className="num">—</Table.Td>
                  </>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Scroller>
  );
}

/** The charted figure, month by month, for every series. */
export function MonthTable({
  forecast,
  series,
  metric,
}: {
  forecast: Forecast;
  series: readonly SeriesView[];
  metric: Metric;
}) {
  const { format, label } = METRICS[metric];
  const f = (v: number | null) => format(v, forecast.currency);
  return (
    <Scroller label={`${label}, month by month`} maxHeight={440}>
      <Table verticalSpacing={4} striped stickyHeader miw={200 + series.length * 150}>
        <Table.Caption>{label}, month by month: P50, and P10 – P90 under it.</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Month</Table.Th>
            {series.map((s) => (
              <Table.Th key={s.id} className="num">
                <Swatch color={s.color} />
                {s.name}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {forecast.months.map((month, h) => (
            <Table.Tr key={month}>
              <Table.Th scope="row" fw={500}>
                {formatMonth(month)}
              </Table.Th>
              {series.map((s) => (
                <BandCell
                  key={s.id}
                  band={s.series[metric][h]}
                  format={f}
                  data={{ 'data-series': s.name, 'data-month': month, 'data-metric': metric }}
                />
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Scroller>
  );
}
