/**
 * The "passive revenue" picture: every stream's effective hourly rate, in the period
 * and over its lifetime, against the 1:1 baseline — and, for products, whether the
 * lifetime rate reaches it (the myth test).
 */
import { BarChart } from '@mantine/charts';
import { Badge, Group, List, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { describeFigure } from '../../../domain/analysis/figures.ts';
import type { Report } from '../../../domain/analysis/report.ts';
import { ChartLegend } from '../../components/ChartLegend.tsx';
import { Figure } from '../../components/Figure.tsx';
import { formatMoneyShort, formatRate } from '../../lib/format.ts';
import { Section } from './Section.tsx';

function shortName(name: string, max: number): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

export function RatesChart({ report }: { report: Report }) {
  const { currency, baselineHourlyRate: baseline } = report;
  const narrow = useMediaQuery('(max-width: 36em)') ?? false;
  const data = report.streams.map((s) => ({
    stream: shortName(s.name, narrow ? 14 : 24),
    period: s.effectiveHourlyRate ?? 0,
    lifetime: s.lifetime.effectiveHourlyRate ?? 0,
  }));
  const products = report.streams.filter((s) => s.beatsBaseline !== null);
  const summary = report.streams
    .map(
      (s) =>
        `${s.name}: ${formatRate(s.effectiveHourlyRate, currency)} in the period, ${formatRate(s.lifetime.effectiveHourlyRate, currency)} lifetime`,
    )
    .join('; ');
  return (
    <Section
      title="What each stream earns per hour"
      subtitle={`${describeFigure('streams.effectiveHourlyRate')} Lifetime counts every hour up to the period's end, set-up included.`}
    >
      <div
        className="chart-frame"
        role="img"
        aria-label={`Hourly rate by stream against the 1:1 baseline of ${formatRate(baseline, currency)}. ${summary}.`}
      >
        <BarChart
          h={Math.max(220, 56 * data.length + 60)}
          data={data}
          dataKey="stream"
          orientation="vertical"
          tooltipProps={{ cursor: { fill: 'var(--mantine-color-default-hover)' } }}
          series={[
            { name: 'period', label: 'In the period', color: 'blue.6' },
            { name: 'lifetime', label: 'Lifetime', color: 'grape.5' },
          ]}
          yAxisProps={{ width: narrow ? 96 : 170 }}
          textColor="var(--mantine-color-text)"
          valueFormatter={(v) => `${formatMoneyShort(v, currency)}/h`}
          referenceLines={
            baseline === null ? [] : [{ x: baseline, color: 'red.7', strokeWidth: 2 }]
          }
          gridAxis="y"
          barChartProps={{ margin: { top: 8, right: 16 } }}
        />
      </div>
      <ChartLegend
        items={[
          { label: 'In the period', color: 'blue.6' },
          { label: 'Lifetime (set-up included)', color: 'grape.5' },
          ...(baseline === null
            ? []
            : [
                {
                  label: `1:1 baseline (${formatMoneyShort(baseline, currency)}/h)`,
                  color: 'red.7',
                  line: true,
                },
              ]),
        ]}
      />
      {products.length > 0 && (
        <List spacing={4} size="sm" listStyleType="none">
          {products.map((s) => (
            <List.Item key={s.offerId}>
              <Group gap={6} wrap="wrap">
                <Figure
                  id="streams.beatsBaseline"
                  path={`streams.${s.offerId}.beatsBaseline`}
                  value={s.beatsBaseline}
                >
                  <Badge variant="light" color={s.beatsBaseline ? 'teal' : 'red'}>
                    {s.beatsBaseline ? 'beats 1:1' : 'below 1:1'}
                  </Badge>
                </Figure>
                <Text size="sm" span>
                  {s.name}: {formatRate(s.lifetime.effectiveHourlyRate, currency)} over its lifetime
                  ({s.lifetime.hours} h, {s.lifetime.hiddenHours} h of them not delivery) against{' '}
                  {formatRate(baseline, currency)} for 1:1.
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Section>
  );
}
