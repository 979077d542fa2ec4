/**
 * The inbox: imported rows no rule assigned yet. Pick rows (or one of the most common
 * values) and assign them in bulk; each choice becomes a rule, applied at once.
 */
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Pagination,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { toMajor } from '../../../domain/money.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useUnassigned } from '../../hooks/inbox.ts';
import { useCanEdit } from '../../hooks/practice.ts';
import { formatHours, formatMoney } from '../../lib/format.ts';
import type { UnassignedRow } from '../../lib/types.ts';
import { AssignPanel } from './AssignPanel.tsx';

const SIZE = 50;
const SHOWN = ['description', 'project', 'client', 'title', 'product', 'task', 'customerName'];

function what(row: UnassignedRow): string {
  return SHOWN.map((k) => row.attributes[k])
    .filter(Boolean)
    .join(' · ');
}

function amount(row: UnassignedRow): string {
  if (row.hours !== null) return formatHours(row.hours);
  if (row.amount !== null && row.currency)
    return formatMoney(toMajor(row.amount, row.currency), row.currency);
  return '—';
}

export default function InboxScene() {
  const canEdit = useCanEdit();
  const [page, setPage] = useState(1);
  const inbox = useUnassigned({ limit: SIZE, offset: (page - 1) * SIZE });
  const [selected, setSelected] = useState<Map<string, UnassignedRow>>(new Map());
  const [focus, setFocus] = useState<{ field: string; value: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const rows = inbox.data?.rows ?? [];
  const toggle = (row: UnassignedRow) =>
    setSelected((s) => {
      const next = new Map(s);
      if (next.has(row.id)) next.delete(row.id);
      else next.set(row.id, row);
      return next;
    });
  const chosen = focus
    ? [
        {
          id: 'common',
          kind: 'payment',
          date: '',
          amount: null,
          currency: null,
          hours: null,
          file: '',
          line: 0,
          attributes: { [focus.field]: focus.value },
        } as UnassignedRow,
      ]
    : [...selected.values()];
  const done = (text: string) => {
    setMessage(text);
    setSelected(new Map());
    setFocus(null);
  };
  const total = inbox.data?.total ?? 0;
  return (
    <Stack maw={1200}>
      <Title order={1} size="h2">
        Inbox
      </Title>
      <Text c="dimmed" size="sm">
        Imported rows no rule assigned to an offer (payments, costs) or an activity (time). Until
        then they count in the practice totals only.
      </Text>
      {message && (
        <Alert color="teal" role="status" withCloseButton onClose={() => setMessage(null)}>
          {message}
        </Alert>
      )}
      {inbox.isPending && <Loading />}
      <ErrorAlert error={inbox.error} />
      {inbox.data && total === 0 && (
        <Text data-inbox-empty>Nothing waiting: every imported row is assigned.</Text>
      )}
      {inbox.data && Object.keys(inbox.data.common).length > 0 && canEdit && (
        <Stack gap={4}>
          <Title order={2} size="h4">
            Quickest rules
          </Title>
          <Group gap="xs" wrap="wrap">
            {Object.entries(inbox.data.common).flatMap(([field, values]) =>
              values.map((v) => (
                <Button
                  key={`${field}=${v.value}`}
                  size="compact-sm"
                  variant={focus?.field === field && focus.value === v.value ? 'filled' : 'default'}
                  onClick={() => {
                    setSelected(new Map());
                    setFocus({ field, value: v.value });
                  }}
                >
                  {field} = “{v.value}” ({v.rows})
                </Button>
              )),
            )}
          </Group>
        </Stack>
      )}
      {canEdit && chosen.length > 0 && (
        <AssignPanel
          key={focus ? `${focus.field}=${focus.value}` : [...selected.keys()].join()}
          rows={chosen}
          initialField={focus?.field}
          anyKind={focus !== null}
          onDone={done}
        />
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped aria-label="Unassigned rows" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                {canEdit && (
                  <Table.Th scope="col">
                    <Checkbox
                      aria-label="Select every row on this page"
                      checked={rows.every((r) => selected.has(r.id))}
                      onChange={(e) => {
                        setFocus(null);
                        const next = new Map(selected);
                        for (const r of rows) {
                          if (e.currentTarget.checked) next.set(r.id, r);
                          else next.delete(r.id);
                        }
                        setSelected(next);
                      }}
                    />
                  </Table.Th>
                )}
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col" className="num">
                  Amount
                </Table.Th>
                <Table.Th scope="col">What</Table.Th>
                <Table.Th scope="col">From</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id}>
                  {canEdit && (
                    <Table.Td>
                      <Checkbox
                        aria-label={`Select ${row.kind} of ${row.date}, line ${row.line}`}
                        checked={selected.has(row.id)}
                        onChange={() => {
                          setFocus(null);
                          toggle(row);
                        }}
                      />
                    </Table.Td>
                  )}
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.date}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray">
                      {row.kind}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="num">{amount(row)}</Table.Td>
                  <Table.Td>{what(row)}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {row.file}, line {row.line}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > SIZE && (
        <Group justify="space-between">
          <Text size="sm">{total.toLocaleString('en-US')} rows waiting</Text>
          <Pagination
            total={Math.ceil(total / SIZE)}
            value={page}
            onChange={setPage}
            aria-label="Pages"
          />
        </Group>
      )}
    </Stack>
  );
}
