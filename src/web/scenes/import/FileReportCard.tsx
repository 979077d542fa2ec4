/** What one file brings in (or would): its format, counts, rows waiting for a rule, problems by line. */
import { Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { FileReport } from '../../lib/types.ts';

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fw={700} data-count={label}>
        {value.toLocaleString('en-US')}
      </Text>
    </div>
  );
}

export function FileReportCard({ report, preview }: { report: FileReport; preview: boolean }) {
  const skipped = Object.entries(report.skipped).filter(([, n]) => n > 0);
  const offers = Object.entries(report.byOffer);
  return (
    <Paper withBorder p="md" component="article" aria-label={report.file} data-file={report.file}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Text fw={700}>{report.file}</Text>
          <Badge variant="light" data-format={report.format}>
            {report.formatLabel}
          </Badge>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="xs">
          <Count label="Rows" value={report.rows} />
          <Count
            label={preview ? 'New payments' : 'Payments added'}
            value={report.added.payments}
          />
          <Count
            label={preview ? 'New time entries' : 'Time entries added'}
            value={report.added.timeEntries}
          />
          <Count label={preview ? 'New costs' : 'Costs added'} value={report.added.costs} />
          <Count label="Already imported" value={report.duplicates} />
          <Count label="Unassigned" value={report.unassigned} />
        </SimpleGrid>
        {report.unassigned > 0 && (
          <Text size="sm">
            {report.unassigned.toLocaleString('en-US')} row{report.unassigned === 1 ? '' : 's'}{' '}
            matched no rule
            {preview ? ' and will wait' : ' wait'} in the inbox for an offer or activity.
          </Text>
        )}
        {offers.length > 0 && (
          <Table.ScrollContainer minWidth={420}>
            <Table withTableBorder fz="sm" aria-label={`By offer, ${report.file}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Offer</Table.Th>
                  <Table.Th scope="col" className="num">
                    Payments
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    Costs
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    Hours
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {offers.map(([name, n]) => (
                  <Table.Tr key={name}>
                    <Table.Td>{name}</Table.Td>
                    <Table.Td className="num">{n.payments}</Table.Td>
                    <Table.Td className="num">{n.costs}</Table.Td>
                    <Table.Td className="num">
                      {n.hours.toLocaleString('en-US', { maximumFractionDigits: 2 })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {skipped.length > 0 && (
          <Text size="sm" c="dimmed">
            Skipped: {skipped.map(([why, n]) => `${n} ${why.replace(/_/g, ' ')}`).join(', ')}.
          </Text>
        )}
        {report.warnings.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {report.warnings.length} problem{report.warnings.length === 1 ? '' : 's'}
            </Text>
            <List size="sm" spacing={2} data-problems={report.warnings.length}>
              {report.warnings.slice(0, 50).map((w) => (
                <List.Item key={`${w.line}:${w.column}:${w.code}:${w.message}`}>
                  {w.line ? `Line ${w.line}` : 'File'}
                  {w.columnName ? `, ${w.columnName}` : w.column ? `, column ${w.column}` : ''}:{' '}
                  {w.message}
                </List.Item>
              ))}
            </List>
            {report.warnings.length > 50 && (
              <Text size="xs" c="dimmed">
                …and {report.warnings.length - 50} more.
              </Text>
            )}
          </div>
        )}
      </Stack>
    </Paper>
  );
}
