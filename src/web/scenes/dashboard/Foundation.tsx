/** The foundation checklist: each criterion's value against its target, with progress. */
import { Alert, Group, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import type { Criterion, Report } from '../../../domain/analysis/report.ts';
import { Figure } from '../../components/Figure.tsx';
import { formatMoney, formatNumber, formatPercent } from '../../lib/format.ts';
import { STAGE_LABELS, WARNING_TEXTS } from './labels.ts';
import { Section } from './Section.tsx';

function formatValue(c: Criterion, value: number, currency: string): string {
  switch (c.unit) {
    case 'money':
      return `${formatMoney(value, currency)}/month`;
    case 'share':
      return formatPercent(value);
    case 'years':
      return `${formatNumber(value)} years`;
    default:
      return `${formatNumber(value)} ${c.unit}`;
  }
}

function detailText(c: Criterion): string | null {
  const d = c.detail;
  if (c.id === 'niche' && d.segment) return `segment “${d.segment}”`;
  if (c.id === 'service_income' && d.from && d.to) return `${d.from} to ${d.to}`;
  if (c.id === 'sales_experience' && d.enrolled !== undefined)
    return `${d.enrolled} enrolled, ${d.declined} declined`;
  if (c.id === 'years_in_business' && d.since) return `since ${d.since}`;
  return null;
}

function Check({ met }: { met: boolean }) {
  return (
    <ThemeIcon size="sm" radius="xl" color={met ? 'teal.8' : 'gray.6'} aria-hidden="true">
      <svg
        aria-hidden="true"
        width="12"
        height="12"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="3"
      >
        {met ? <path d="M5 12l5 5L20 7" /> : <path d="M6 12h12" />}
      </svg>
    </ThemeIcon>
  );
}

export function Foundation({ report }: { report: Report }) {
  const { readiness, currency } = report;
  const stage = STAGE_LABELS[readiness.stage];
  const met = readiness.criteria.filter((c) => c.met).length;
  return (
    <Section
      title="Foundation for products"
      subtitle={`${met} of ${readiness.criteria.length} met. ${stage.text}`}
    >
      {readiness.warnings.map((w) => (
        <Alert key={w} color="orange" title="Products before the foundation" p="xs">
          <Figure
            id="readiness.warnings.products_before_foundation"
            path={`readiness.warnings.${w}`}
            value={w}
          >
            {WARNING_TEXTS[w] ?? w}
          </Figure>
        </Alert>
      ))}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {readiness.criteria.map((c) => {
          const progress = c.target > 0 ? Math.min(100, (c.value / c.target) * 100) : 100;
          const detail = detailText(c);
          return (
            <li key={c.id} data-criterion={c.id} data-met={c.met}>
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <Group gap="xs" wrap="nowrap">
                  <Check met={c.met} />
                  <Text size="sm" fw={600}>
                    {c.label}
                    <span className="visually-hidden">{c.met ? ' (met)' : ' (not met)'}</span>
                  </Text>
                </Group>
                <Text size="sm" ta="right">
                  <Figure
                    id={`criteria.${c.id}`}
                    path={`readiness.criteria.${c.id}.value`}
                    value={c.value}
                  >
                    {formatValue(c, c.value, currency)}
                  </Figure>{' '}
                  <Text span c="dimmed" size="sm">
                    of {formatValue(c, c.target, currency)}
                  </Text>
                </Text>
              </Group>
              <Progress
                value={progress}
                color={c.met ? 'teal' : 'orange'}
                size="sm"
                mt={4}
                aria-label={`${c.label}: ${Math.round(progress)}% of the target`}
              />
              {(detail || !c.met) && (
                <Text size="xs" c="dimmed" mt={2}>
                  {detail}
                  {detail && !c.met ? ' · ' : ''}
                  {!c.met && (
                    <>
                      short by{' '}
                      <Figure
                        id="criteria.gap"
                        path={`readiness.criteria.${c.id}.gap`}
                        value={c.gap}
                      >
                        {formatValue(c, c.gap, currency)}
                      </Figure>
                    </>
                  )}
                </Text>
              )}
            </li>
          );
        })}
      </Stack>
    </Section>
  );
}
