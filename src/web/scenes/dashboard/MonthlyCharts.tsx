/**
 * Revenue and hours by stream, month by month over the period: each month's figures
 * are the report's own stream revenue and hours with that month as the period, from
 * the server (`GET …/report/monthly`).
 */
import { BarChart } from '@mantine/charts';
import { SimpleGrid, Text } from '@mantine/core';
import type { Report } from '../../../domain/analysis/report.ts';
import { ChartLegend } from '../../components/ChartLegend.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { formatHours, formatMoneyShort, formatMonth } from '../../lib/format.ts';
import type { MonthFigures } from '../../lib/types.ts';
import { Section } from './Section.tsx';

const COLORS = [
  'blue.6',
  'teal.6',
  'grape.5',
  'orange.6',
  'cyan.6',
  'pink.5',
  'lime.6',
  'indigo.5',
  'yellow.6',
  'red.6',
];

function MonthlyChart({
  title,
  data,
  series,
  format,
}: {
  title: string;
  data: Record<string, string | number>[];
  series: { name: string; label: string; color: string }[];
  format: (v: number) => string;
}) {
  return (
    <figure style={{ margin: 0 }}>
      <Text component="figcaption" fw={600} size="sm" mb={4}>
        {title}
      </Text>
      <div
        className="chart-frame"
        role="img"
        aria-label={`${title}, stacked by stream, month by month.`}
      >
        <BarChart
          h={260}
          data={data}
          dataKey="month"
          type="stacked"
          series={series}
          valueFormatter={format}
          textColor="var(--mantine-color-text)"
          withLegend={false}
          tooltipProps={{
            wrapperStyle: { zIndex: 10 },
            cursor: { fill: 'var(--mantine-color-default-hover)' },
          }}
        />
      </div>
    </figure>
  );
}

export function MonthlyCharts({
  report,
  months,
  error,
}: {
  report: Report;
  months: MonthFigures[] | undefined;
  error: unknown;
}) {
  const series = report.streams.map((s, i) => ({
    name: s.offerId,
    label: s.name,
    color: COLORS[i % COLORS.length] ?? 'gray.6',
  }));
  const rows = (field: 'revenue' | 'hours') =>
    (months ?? []).map((m) => {
      const row: Record<string, string | number> = { month: formatMonth(m.month) };
      for (const s of report.streams) row[s.offerId] = m.streams[s.offerId]?.[field] ?? 0;
      return row;
    });
  return (
    <Section
      title="Revenue and hours by stream, month by month"
      subtitle="Each month computed exactly as the report computes its period; payments and hours on no offer are left out."
    >
      {error ? (
        <ErrorAlert error={error} title="The monthly figures could not be computed" />
      ) : null}
      {!months && !error && <Loading label="Loading the monthly figures…" />}
      {months && (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <MonthlyChart
              title="Revenue"
              data={rows('revenue')}
              series={series}
              format={(v) => formatMoneyShort(v, report.currency)}
            />
            <MonthlyChart
              title="Hours"
              data={rows('hours')}
              series={series}
              format={(v) => formatHours(v)}
            />
          </SimpleGrid>
          <ChartLegend items={series} />
        </>
      )}
    </Section>
  );
}
