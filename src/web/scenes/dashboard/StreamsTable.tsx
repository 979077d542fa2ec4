/** Every stream's figures in one table, each with its "how computed" tooltip. */
import { Table, Text } from '@mantine/core';
import type { FigureId } from '../../../domain/analysis/figures.ts';
import type { Report, StreamReport } from '../../../domain/analysis/report.ts';
import { Figure } from '../../components/Figure.tsx';
import { formatHours, formatMoney, formatRate, formatRatio } from '../../lib/format.ts';
import { KIND_LABELS } from './labels.ts';
import { Section } from './Section.tsx';

interface Column {
  label: string;
  id: FigureId;
  field: string;
  value: (s: StreamReport) => number | null;
  format: (v: number | null, currency: string) => string;
}

const COLUMNS: Column[] = [
  {
    label: 'Revenue',
    id: 'streams.revenue',
    field: 'revenue',
    value: (s) => s.revenue,
    format: formatMoney,
  },
  { label: 'Net', id: 'streams.net', field: 'net', value: (s) => s.net, format: formatMoney },
  {
    label: 'Hours',
    id: 'streams.hours',
    field: 'hours.total',
    value: (s) => s.hours.total,
    format: formatHours,
  },
  {
    label: 'Hidden hours',
    id: 'streams.hiddenHours',
    field: 'hiddenHours',
    value: (s) => s.hiddenHours,
    format: formatHours,
  },
  {
    label: 'Rate',
    id: 'streams.effectiveHourlyRate',
    field: 'effectiveHourlyRate',
    value: (s) => s.effectiveHourlyRate,
    format: formatRate,
  },
  {
    label: 'Lifetime rate',
    id: 'streams.lifetime.effectiveHourlyRate',
    field: 'lifetime.effectiveHourlyRate',
    value: (s) => s.lifetime.effectiveHourlyRate,
    format: formatRate,
  },
  {
    label: 'Leverage',
    id: 'streams.leverage',
    field: 'leverage',
    value: (s) => s.leverage,
    format: (v) => formatRatio(v),
  },
];

export function StreamsTable({ report }: { report: Report }) {
  return (
    <Section
      title="Streams"
      subtitle="One per offer, over the period; hover or focus a figure to see how it was computed."
    >
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Stream</Table.Th>
              {COLUMNS.map((c) => (
                <Table.Th key={c.field} scope="col" className="num">
                  {c.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.streams.map((s) => (
              <Table.Tr key={s.offerId}>
                <Table.Th scope="row" fw={500}>
                  {s.name}
                  <Text size="xs" c="dimmed">
                    {KIND_LABELS[s.kind]}
                  </Text>
                </Table.Th>
                {COLUMNS.map((c) => {
                  const v = c.value(s);
                  return (
                    <Table.Td key={c.field} className="num">
                      <Figure id={c.id} path={`streams.${s.offerId}.${c.field}`} value={v}>
                        {c.format(v, report.currency)}
                      </Figure>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}
