/** Downloads: the practice bundle (re-importable, lossless) and the records as CSV tables. */
import { Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { usePracticeId } from '../../hooks/practice.ts';
import { apiUrl } from '../../lib/api.ts';

const CSVS = [
  { table: 'payments.csv', label: 'Payments' },
  { table: 'time-entries.csv', label: 'Time entries' },
  { table: 'costs.csv', label: 'Costs' },
];

export default function ExportScene() {
  const id = usePracticeId();
  return (
    <Stack maw={900}>
      <Title order={1} size="h2">
        Export
      </Title>
      <Paper withBorder p="md">
        <Stack gap="xs" align="flex-start">
          <Title order={2} size="h4">
            The practice bundle
          </Title>
          <Text size="sm">
            Everything — settings, offers, clients, payments, time, costs, conversations, rates and
            rules — as one JSON file that <code>fulcrum import</code> or another Fulcrum reads back
            exactly.
          </Text>
          <Button component="a" href={apiUrl(`/practices/${id}/export`)} download>
            Download the bundle (.json)
          </Button>
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            Spreadsheets
          </Title>
          <Text size="sm">One CSV per table, with offer and client names beside their ids.</Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {CSVS.map((c) => (
              <Button
                key={c.table}
                component="a"
                variant="default"
                href={apiUrl(`/practices/${id}/export/${c.table}`)}
                download
              >
                {c.label} (.csv)
              </Button>
            ))}
          </SimpleGrid>
        </Stack>
      </Paper>
    </Stack>
  );
}
