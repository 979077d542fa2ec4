/**
 * The fan chart: the last months of history as a line, then for the baseline and each
 * scenario a P10–P90 band and its P50 line, month by month, in the series' colour. The
 * figures themselves are in the table under it (screen readers get them there).
 */
import { Paper, Text } from '@mantine/core';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  type TooltipProps,
  XAxis,
  YAxis,
} from 'recharts';
import type { Band, Forecast, HistorySeries } from '../../../domain/forecast/index.ts';
import { formatMonth } from '../../lib/format.ts';
import { Swatch } from './ForecastTables.tsx';
import { METRICS, type Metric, type SeriesView } from './series.ts';

/** History months drawn before the fan. */
const HISTORY_MONTHS = 12;
export const HISTORY_COLOR = 'gray.6';

const cssColor = (color: string) => {
  const [name, shade] = color.split('.');
  return `var(--mantine-color-${name}-${shade ?? 6})`;
};

type Row = Record<string, number | string | [number, number] | null>;

function rowsOf(
  forecast: Forecast,
  history: HistorySeries | undefined,
  series: readonly SeriesView[],
  metric: Metric,
): Row[] {
  const rows: Row[] = [];
  if (history) {
    const from = Math.max(0, history.months.length - HISTORY_MONTHS);
    for (let i = from; i < history.months.length; i++) {
      rows.push({ month: history.months[i]!, history: history[metric][i] ?? null });
    }
  }
  forecast.months.forEach((month, h) => {
    const row: Row = { month };
    for (const s of series) {
      const band = s.series[metric][h] as Band | null | undefined;
      if (!band) continue;
      row[`${s.id}:band`] = [band.p10, band.p90];
      row[`${s.id}:p50`] = band.p50;
    }
    rows.push(row);
  });
  // The P50 lines start from the last history month, so the fan grows out of the past.
  const last = history ? rows[Math.min(HISTORY_MONTHS, history.months.length) - 1] : undefined;
  const lastValue = last?.history;
  if (last && typeof lastValue === 'number') {
    for (const s of series) {
      last[`${s.id}:p50`] = lastValue;
      last[`${s.id}:band`] = [lastValue, lastValue];
    }
  }
  return rows;
}

function FanTooltip({
  active,
  payload,
  label,
  series,
  format,
}: TooltipProps<number, string> & {
  series: readonly SeriesView[];
  format: (v: number) => string;
}) {
  if (!active || !payload?.length) return null;
  const row = payload[0]!.payload as Row;
  const history = row.history;
  return (
    <Paper withBorder shadow="md" p="xs" style={{ minWidth: 200 }}>
      <Text fw={600} size="sm" mb={4}>
        {formatMonth(String(label))}
      </Text>
      {typeof history === 'number' && <Text size="sm">History: {format(history)}</Text>}
      {typeof history !== 'number' &&
        series.map((s) => {
          const band = row[`${s.id}:band`];
          const p50 = row[`${s.id}:p50`];
          if (!Array.isArray(band) || typeof p50 !== 'number') return null;
          return (
            <Text key={s.id} size="sm">
              <Swatch color={s.color} />
              {s.name}: <b>{format(p50)}</b> ({format(band[0])} – {format(band[1])})
            </Text>
          );
        })}
    </Paper>
  );
}

export function FanChart({
  forecast,
  history,
  series,
  metric,
  format,
}: {
  forecast: Forecast;
  history: HistorySeries | undefined;
  series: readonly SeriesView[];
  metric: Metric;
  format: (v: number) => string;
}) {
  const rows = rowsOf(forecast, history, series, metric);
  const lastHistory = history?.months.at(-1);
  const { label } = METRICS[metric];
  const summary = `${label}: the last ${HISTORY_MONTHS} months of history, then P10 to P90 bands and P50 lines for ${series
    .map((s) => s.name)
    .join(', ')} over ${forecast.months.length} months. The figures are in the table below.`;
  return (
    <div className="chart-frame" role="img" aria-label={summary} data-fan-chart={metric}>
      <ResponsiveContainer width="100%" height={340}>
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="var(--mantine-color-default-border)" strokeDasharray="3 3" />
          <XAxis
            dataKey="month"
            tickFormatter={(m: string) => formatMonth(m)}
            tick={{ fill: 'var(--mantine-color-text)', fontSize: 12 }}
            stroke="var(--mantine-color-dimmed)"
            minTickGap={24}
          />
          <YAxis
            tickFormatter={(v: number) => format(v)}
            tick={{ fill: 'var(--mantine-color-text)', fontSize: 12 }}
            stroke="var(--mantine-color-dimmed)"
            width={80}
          />
          <Tooltip
            content={<FanTooltip series={series} format={format} />}
            wrapperStyle={{ zIndex: 10 }}
            isAnimationActive={false}
          />
          {series.map((s) => (
            <Area
              key={`${s.id}:band`}
              dataKey={`${s.id}:band`}
              name={`${s.name} P10–P90`}
              stroke={cssColor(s.color)}
              strokeOpacity={0.55}
              strokeWidth={1}
              strokeDasharray="3 3"
              fill={cssColor(s.color)}
              fillOpacity={series.length > 2 ? 0.1 : 0.16}
              isAnimationActive={false}
              connectNulls
              activeDot={false}
            />
          ))}
          {series.map((s) => (
            <Line
              key={`${s.id}:p50`}
              dataKey={`${s.id}:p50`}
              name={`${s.name} P50`}
              stroke={cssColor(s.color)}
              strokeWidth={2.5}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
          <Line
            dataKey="history"
            name="History"
            stroke={cssColor(HISTORY_COLOR)}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          {lastHistory && (
            <ReferenceLine
              x={lastHistory}
              stroke="var(--mantine-color-dimmed)"
              strokeDasharray="2 4"
              label={{
                value: 'forecast →',
                position: 'insideTopRight',
                fill: 'var(--mantine-color-dimmed)',
                fontSize: 12,
              }}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
