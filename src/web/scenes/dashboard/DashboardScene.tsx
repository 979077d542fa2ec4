/**
 * The dashboard: the report of spec/analysis.md for the chosen period, built for a
 * glance — totals, the hourly-rate picture against 1:1, the foundation, the levers
 * (with editable assumptions, recomputed by the server), the ladder, the monthly
 * series and every stream's figures. The report alone draws the page; the monthly series
 * and the levers under edited assumptions are asked for after it, so a large practice
 * shows its headline figures as soon as the report arrives.
 */
import { Alert, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Report } from '../../../domain/analysis/report.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { usePracticeSummary } from '../../hooks/practice.ts';
import { type PeriodChoice, useMonthly, useReport } from '../../hooks/report.ts';
import { type AssumptionEdits, useWhatIf } from '../../hooks/whatif.ts';
import { ApiError } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { Foundation } from './Foundation.tsx';
import { Ladder } from './Ladder.tsx';
import { Levers } from './Levers.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import { StreamsTable } from './StreamsTable.tsx';
import { Totals } from './Totals.tsx';

// The charts (recharts) load after the figures: the headline needs none of their code.
const RatesChart = lazy(() => import('./RatesChart.tsx').then((m) => ({ default: m.RatesChart })));
const MonthlyCharts = lazy(() =>
  import('./MonthlyCharts.tsx').then((m) => ({ default: m.MonthlyCharts })),
);

/** Where a chart will be, while its code loads. */
function ChartSpace({ height }: { height: number }) {
  return <Paper withBorder h={height} aria-hidden />;
}

function usePeriod(): [PeriodChoice, (p: PeriodChoice) => void] {
  const [params, setParams] = useSearchParams();
  const period = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const set = (p: PeriodChoice) => {
    const next = new URLSearchParams();
    if (p.from) next.set('from', p.from);
    if (p.to) next.set('to', p.to);
    setParams(next);
  };
  return [period, set];
}

function NoData({ error }: { error: unknown }) {
  const noData = error instanceof ApiError && error.code === 'no_data';
  if (!noData) return <ErrorAlert error={error} title="The report could not be computed" />;
  return (
    <Alert title="No data yet" color="blue">
      <Stack gap="xs" align="flex-start">
        <Text>
          {error.message}. Import payments and time to see what each stream earns per hour.
        </Text>
        <Button component={Link} to="../import" relative="path">
          Import exports
        </Button>
      </Stack>
    </Alert>
  );
}

function Body({
  report,
  asked,
  edits,
  onEdit,
}: {
  report: Report;
  /** The period as the address chose it (none: the report's default). */
  asked: PeriodChoice;
  edits: AssumptionEdits;
  onEdit: (e: AssumptionEdits) => void;
}) {
  const monthly = useMonthly(report.period, asked);
  const whatIf = useWhatIf(report, edits);
  return (
    <Stack gap="md">
      <Totals report={report} />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Suspense fallback={<ChartSpace height={380} />}>
            <RatesChart report={report} />
          </Suspense>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Foundation report={report} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Levers report={report} whatIf={whatIf} edits={edits} onEdit={onEdit} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Ladder report={report} />
        </Grid.Col>
      </Grid>
      <Suspense fallback={<ChartSpace height={360} />}>
        <MonthlyCharts report={report} months={monthly.months} error={monthly.error} />
      </Suspense>
      <StreamsTable report={report} />
    </Stack>
  );
}

export default function DashboardScene() {
  const practice = usePracticeSummary();
  const [period, setPeriod] = usePeriod();
  const report = useReport(period);
  const defaults = useReport({});
  const [edits, setEdits] = useState<AssumptionEdits>({});
  const shown = report.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            {practice?.name ?? 'Dashboard'}
          </Title>
          {shown && (
            <Text c="dimmed" size="sm" data-period={`${shown.period.from}..${shown.period.to}`}>
              {formatDate(shown.period.from)} – {formatDate(shown.period.to)} ({shown.period.days}{' '}
              days), in {shown.currency}
            </Text>
          )}
        </div>
        {defaults.data && (
          <PeriodPicker latest={defaults.data.period.to} value={period} onChange={setPeriod} />
        )}
      </Group>
      {report.isPending && <Loading label="Computing the report…" />}
      {report.isError && <NoData error={report.error} />}
      {shown && <Body report={shown} asked={period} edits={edits} onEdit={setEdits} />}
    </Stack>
  );
}
