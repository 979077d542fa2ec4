/**
 * The practice's totals at a glance: revenue, net, hours, hourly rates and the stage —
 * the dashboard's first meaningful render, marked as such (marks.ts).
 */
import { Badge, Paper, SimpleGrid, Text } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import type { Report } from '../../../domain/analysis/report.ts';
import { Figure } from '../../components/Figure.tsx';
import { formatHours, formatMoney, formatRate } from '../../lib/format.ts';
import { STAGE_LABELS } from './labels.ts';
import { markFiguresShown } from './marks.ts';

function Stat({ label, children, hint }: { label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} component="div">
        {children}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" component="div">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

export function Totals({ report }: { report: Report }) {
  const { totals, currency } = report;
  const stage = STAGE_LABELS[report.readiness.stage];
  useEffect(markFiguresShown, []);
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
      <Stat
        label="Revenue"
        hint={
          totals.unassigned.revenue !== 0 && (
            <>
              incl.{' '}
              <Figure
                id="totals.unassigned.revenue"
                path="totals.unassigned.revenue"
                value={totals.unassigned.revenue}
              >
                {formatMoney(totals.unassigned.revenue, currency)}
              </Figure>{' '}
              with no offer
            </>
          )
        }
      >
        <Figure id="totals.revenue" path="totals.revenue" value={totals.revenue}>
          {formatMoney(totals.revenue, currency)}
        </Figure>
      </Stat>
      <Stat
        label="Net"
        hint={
          <>
            after{' '}
            <Figure id="totals.costs" path="totals.costs" value={totals.costs}>
              {formatMoney(totals.costs, currency)}
            </Figure>{' '}
            costs
          </>
        }
      >
        <Figure id="totals.net" path="totals.net" value={totals.net}>
          {formatMoney(totals.net, currency)}
        </Figure>
      </Stat>
      <Stat
        label="Hours"
        hint={
          totals.unassigned.hours !== 0 && (
            <>
              <Figure
                id="totals.unassigned.hours"
                path="totals.unassigned.hours"
                value={totals.unassigned.hours}
              >
                {formatHours(totals.unassigned.hours)}
              </Figure>{' '}
              on no offer
            </>
          )
        }
      >
        <Figure id="totals.hours" path="totals.hours" value={totals.hours}>
          {formatHours(totals.hours)}
        </Figure>
      </Stat>
      <Stat label="Effective rate" hint="net per hour, whole practice">
        <Figure
          id="totals.effectiveHourlyRate"
          path="totals.effectiveHourlyRate"
          value={totals.effectiveHourlyRate}
        >
          {formatRate(totals.effectiveHourlyRate, currency)}
        </Figure>
      </Stat>
      <Stat label="1:1 baseline" hint="what plain 1:1 work earns per hour">
        <Figure id="baselineHourlyRate" path="baselineHourlyRate" value={report.baselineHourlyRate}>
          {formatRate(report.baselineHourlyRate, currency)}
        </Figure>
      </Stat>
      <Stat
        label="Stage"
        hint={report.readiness.ready ? 'ready for products' : 'not ready for products'}
      >
        <Figure id="readiness.stage" path="readiness.stage" value={report.readiness.stage}>
          <Badge size="lg" variant="light" color={stage.color}>
            {stage.label}
          </Badge>
        </Figure>
      </Stat>
    </SimpleGrid>
  );
}
