/** The leverage ladder: where the practice stands, and the recommended next rung. */
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { RUNG_LABELS } from '../../../domain/analysis/ladder.ts';
import type { Report } from '../../../domain/analysis/report.ts';
import { Figure } from '../../components/Figure.tsx';
import { Section } from './Section.tsx';

const REASONS: Record<string, string> = {
  live_sessions: 'needs live sessions',
  years_in_business: 'years in business',
  buyers: 'buyers',
  niche: 'niche',
  service_income: 'service income',
  sales_experience: 'sales conversations',
};

function reasonText(reasons: string[]): string {
  const criteria = reasons.filter((r) => r !== 'live_sessions').map((r) => REASONS[r] ?? r);
  const parts = [];
  if (criteria.length > 0) parts.push(`foundation: ${criteria.join(', ')}`);
  if (reasons.includes('live_sessions')) parts.push(REASONS.live_sessions);
  return parts.join('; ');
}

export function Ladder({ report }: { report: Report }) {
  const { current, recommended, candidates } = report.ladder;
  const byRung = new Map(candidates.map((c) => [c.rung, c]));
  const rungs = [6, 5, 4, 3, 2, 1];
  return (
    <Section
      title="Your next step on the ladder"
      subtitle={
        recommended === null
          ? 'No rung above fits yet: the levers are the next step.'
          : `The smallest shift from what already works: rung ${recommended}, ${RUNG_LABELS[recommended]}.`
      }
    >
      <Text size="sm">
        You stand on rung{' '}
        <Figure id="ladder.current" path="ladder.current" value={current}>
          {current}
        </Figure>{' '}
        ({RUNG_LABELS[current]}). Recommended:{' '}
        <Figure id="ladder.recommended" path="ladder.recommended" value={recommended}>
          {recommended === null ? 'none yet' : `rung ${recommended}`}
        </Figure>
        .
      </Text>
      <Stack gap={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {rungs.map((rung) => {
          const candidate = byRung.get(rung);
          const isCurrent = rung === current;
          const isNext = rung === recommended;
          return (
            <Paper
              key={rung}
              component="li"
              withBorder
              p="xs"
              data-rung={rung}
              style={
                isNext ? { borderColor: 'var(--mantine-color-teal-7)', borderWidth: 2 } : undefined
              }
              bg={isCurrent ? 'var(--mantine-color-blue-light)' : undefined}
            >
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text size="sm" fw={isCurrent || isNext ? 700 : 400}>
                  {rung}. {RUNG_LABELS[rung]}
                </Text>
                {isCurrent && (
                  <Badge variant="light" color="blue">
                    you are here
                  </Badge>
                )}
                {isNext && (
                  <Badge variant="light" color="teal">
                    recommended
                  </Badge>
                )}
                {candidate && !isNext && (
                  <Figure
                    id="ladder.candidates.eligible"
                    path={`ladder.candidates.${rung}.eligible`}
                    value={candidate.eligible}
                  >
                    <Badge variant="light" color={candidate.eligible ? 'teal' : 'gray'}>
                      {candidate.eligible ? 'fits' : 'not yet'}
                    </Badge>
                  </Figure>
                )}
              </Group>
              {candidate && !candidate.eligible && (
                <Text size="xs" c="dimmed">
                  Not yet — {reasonText(candidate.reasons)}
                </Text>
              )}
            </Paper>
          );
        })}
      </Stack>
    </Section>
  );
}
