/**
 * The levers, worth most first, each with its yearly value, what it rests on and how
 * it was computed; their assumptions are editable, and the server recomputes the levers
 * and their ranking once typing pauses (hooks/whatif.ts).
 */
import { Badge, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { ASSUMPTIONS, type Assumptions } from '../../../domain/analysis/assumptions.ts';
import { describeFigure } from '../../../domain/analysis/figures.ts';
import type { Lever, Report } from '../../../domain/analysis/report.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Figure } from '../../components/Figure.tsx';
import type { AssumptionEdits, WhatIf } from '../../hooks/whatif.ts';
import { formatMoney, formatPercent, formatRate } from '../../lib/format.ts';
import { LEVER_LABELS } from './labels.ts';
import { Section } from './Section.tsx';

/** One line of the lever's key figures, from its details. */
function facts(lever: Lever, currency: string): string {
  switch (lever.id) {
    case 'raise_rates':
      return `Break-even: you could lose ${formatPercent(lever.details.breakEvenClientLoss)} of clients.`;
    case 'best_channel': {
      const { best, worst, channels } = lever.details;
      if (!best) return 'No channel measured yet.';
      const b = channels[best];
      const w = worst ? channels[worst] : undefined;
      return `Best: ${best} (${formatRate(b?.yieldPerHour ?? null, currency)})${w && worst ? `; worst: ${worst} (${formatRate(w.yieldPerHour, currency)})` : ''}.`;
    }
    case 'referrals':
      return `Referral rate ${formatPercent(lever.details.referralRate)} of ${lever.details.activeClients} active clients; ${formatMoney(lever.details.avgNewClientRevenue, currency)} per new client.`;
    case 'more_conversations':
      return lever.details.closeRate === null
        ? 'No decided conversation yet.'
        : `Close rate ${formatPercent(lever.details.closeRate)}; ${formatMoney(lever.details.valuePerConversation, currency)} per conversation${lever.details.capped ? '; capped by your capacity' : ''}.`;
  }
}

const FIELDS: { name: keyof Assumptions; label: string; percent: boolean; step: number }[] = [
  { name: 'raise', label: 'Rate rise', percent: true, step: 1 },
  { name: 'uplift', label: 'Extra referrals a year per active client', percent: true, step: 1 },
  { name: 'extraPerWeek', label: 'Extra sales conversations a week', percent: false, step: 0.5 },
];

function AssumptionsForm({
  edits,
  onChange,
}: {
  edits: AssumptionEdits;
  onChange: (e: AssumptionEdits) => void;
}) {
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-default-hover)">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm" id="assumptions-title">
            Assumptions (edit to see the levers recomputed)
          </Text>
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => onChange({})}
            disabled={Object.keys(edits).length === 0}
          >
            Reset
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {FIELDS.map((f) => {
            const value = edits[f.name] ?? ASSUMPTIONS[f.name];
            return (
              <NumberInput
                key={f.name}
                label={f.label}
                description={describeFigure(`assumptions.${f.name}`).split(';')[0]?.split(': ')[1]}
                name={f.name}
                value={f.percent ? Math.round(value * 10000) / 100 : value}
                suffix={f.percent ? '%' : undefined}
                min={0}
                max={f.percent ? 1000 : 100}
                step={f.step}
                decimalScale={2}
                allowNegative={false}
                onChange={(v) => {
                  const n = typeof v === 'number' ? v : Number.parseFloat(v);
                  onChange({
                    ...edits,
                    [f.name]: Number.isFinite(n) ? (f.percent ? n / 100 : n) : undefined,
                  });
                }}
              />
            );
          })}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

export function Levers({
  report,
  whatIf,
  edits,
  onEdit,
}: {
  report: Report;
  whatIf: WhatIf;
  edits: AssumptionEdits;
  onEdit: (edits: AssumptionEdits) => void;
}) {
  const { currency } = report;
  return (
    <Section
      title="Levers, worth most first"
      subtitle="Each lever's projected value over a year, from your own data."
      aside={
        (whatIf.source === 'waiting' || whatIf.source === 'assumptions') && (
          <Badge
            variant="light"
            color={whatIf.source === 'waiting' ? 'gray' : 'violet'}
            data-source={whatIf.source}
          >
            {whatIf.source === 'waiting' ? 'Recomputing…' : 'With your assumptions'}
          </Badge>
        )
      }
    >
      <AssumptionsForm edits={edits} onChange={onEdit} />
      {whatIf.error ? (
        <ErrorAlert error={whatIf.error} title="Could not recompute the levers" />
      ) : null}
      <Stack
        gap="xs"
        component="ol"
        style={{
          listStyle: 'none',
          padding: 0,
          margin: 0,
          opacity: whatIf.source === 'waiting' ? 0.6 : 1,
          transition: 'opacity 120ms',
        }}
        aria-live="polite"
        aria-busy={whatIf.source === 'waiting'}
      >
        {whatIf.levers.map((lever, rank) => (
          <Paper key={lever.id} withBorder p="sm" component="li" data-lever={lever.id}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
              <div>
                <Text fw={700}>
                  {rank + 1}. {LEVER_LABELS[lever.id]}
                </Text>
                <Text size="sm">{lever.explanation}</Text>
                <Text size="xs" c="dimmed" mt={2}>
                  {facts(lever, currency)}
                </Text>
              </div>
              <Stack gap={0} align="flex-end">
                <Text fw={800} size="lg" style={{ whiteSpace: 'nowrap' }}>
                  <Figure
                    id={`levers.${lever.id}`}
                    path={`levers.${lever.id}.annualImpact`}
                    value={lever.annualImpact}
                  >
                    {formatMoney(lever.annualImpact, currency)}
                  </Figure>
                </Text>
                <Text size="xs" c="dimmed">
                  a year
                </Text>
              </Stack>
            </Group>
          </Paper>
        ))}
      </Stack>
    </Section>
  );
}
