/**
 * One list scene for every record resource: search, sort, filters, date range and
 * paging all happen on the server (one page at a time, fast at 100,000 rows); editors
 * and owners add, change and delete records in a dialog, advisors only read.
 */
import {
  Button,
  Group,
  Modal,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useMemo, useState } from 'react';
import { useCanEdit, usePracticeSummary } from '../../hooks/practice.ts';
import {
  type RecordRow,
  type ResourcePath,
  useClients,
  useOffers,
  useRecordPage,
  useRecordWrite,
} from '../../hooks/records.ts';
import type { Query } from '../../lib/api.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { type FieldSpec, showValue } from './fields.ts';
import { RecordForm } from './RecordForm.tsx';
import { SortHeader } from './SortHeader.tsx';

export interface RecordListProps {
  title: string;
  /** Singular noun for buttons: "offer". */
  noun: string;
  resource: ResourcePath;
  fields: readonly FieldSpec[];
  defaultSort: string;
  searchLabel: string;
  dateRange?: boolean;
  intro?: ReactNode;
  /** Label of the add button (default "Add <noun>"). */
  addLabel?: string;
}

const PAGE_SIZES = ['25', '50', '100', '250'];

export function RecordList(props: RecordListProps) {
  const { fields, resource } = props;
  const canEdit = useCanEdit();
  const currency = usePracticeSummary()?.currency ?? 'USD';
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [sort, setSort] = useState(props.defaultSort);
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [range, setRange] = useState({ from: '', to: '' });
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(50);
  const [editing, setEditing] = useState<RecordRow | 'new' | null>(null);
  const query: Query = { limit: size, offset: (page - 1) * size, q, sort, ...filters, ...range };
  const list = useRecordPage(resource, query);
  const offers = useOffers();
  const clients = useClients();
  const write = useRecordWrite(resource);
  const names = useMemo(
    () => ({
      currency,
      offers: new Map((offers.data ?? []).map((o) => [o.id, o.name])),
      clients: new Map((clients.data ?? []).map((c) => [c.id, c.name])),
    }),
    [currency, offers.data, clients.data],
  );
  const reset =
    <T,>(fn: (v: T) => void) =>
    (v: T) => {
      fn(v);
      setPage(1);
    };
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / size));
  const shown = fields.filter((f) => f.list !== false);
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {props.title}
          </Title>
          {props.intro && (
            <Text c="dimmed" size="sm">
              {props.intro}
            </Text>
          )}
        </div>
        {canEdit && (
          <Button onClick={() => setEditing('new')}>{props.addLabel ?? `Add ${props.noun}`}</Button>
        )}
      </Group>
      <Group
        gap="sm"
        align="flex-end"
        wrap="wrap"
        role="search"
        aria-label={`Search and filter ${props.title.toLowerCase()}`}
      >
        <TextInput
          label="Search"
          description={props.searchLabel}
          type="search"
          value={search}
          onChange={(e) => reset(setSearch)(e.currentTarget.value)}
          w={240}
        />
        {fields
          .filter((f) => f.filter)
          .map((f) =>
            f.type === 'choice' || f.type === 'offer' ? (
              <Select
                key={f.name}
                label={f.label}
                w={200}
                clearable
                searchable
                data={
                  f.type === 'offer'
                    ? (offers.data ?? []).map((o) => ({ value: o.id, label: o.name }))
                    : (f.options ?? []).map((o) => ({ value: o.value, label: o.label }))
                }
                value={filters[f.name] ?? null}
                onChange={(v) =>
                  reset(setFilters)(v ? { ...filters, [f.name]: v } : omit(filters, f.name))
                }
              />
            ) : (
              <TextInput
                key={f.name}
                label={f.label}
                w={160}
                value={filters[f.name] ?? ''}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  reset(setFilters)(v ? { ...filters, [f.name]: v } : omit(filters, f.name));
                }}
              />
            ),
          )}
        {props.dateRange && (
          <>
            <TextInput
              type="date"
              label="From"
              value={range.from}
              onChange={(e) => reset(setRange)({ ...range, from: e.currentTarget.value })}
              w={160}
            />
            <TextInput
              type="date"
              label="To"
              value={range.to}
              onChange={(e) => reset(setRange)({ ...range, to: e.currentTarget.value })}
              w={160}
            />
          </>
        )}
      </Group>
      <ErrorAlert error={list.error} title={`Could not load the ${props.title.toLowerCase()}`} />
      <ErrorAlert error={write.error} />
      <Table.ScrollContainer minWidth={640}>
        <Table
          striped
          highlightOnHover
          verticalSpacing={6}
          aria-busy={list.isFetching}
          aria-label={props.title}
        >
          <Table.Thead>
            <Table.Tr>
              {shown.map((f) => (
                <SortHeader
                  key={f.name}
                  label={f.label}
                  sortKey={f.sort}
                  sort={sort}
                  onSort={reset(setSort)}
                  numeric={f.type === 'money' || f.type === 'number'}
                />
              ))}
              {canEdit && (
                <Table.Th scope="col">
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data?.items ?? []).map((row) => (
              <Table.Tr key={row.id}>
                {shown.map((f) => (
                  <Table.Td
                    key={f.name}
                    className={f.type === 'money' || f.type === 'number' ? 'num' : undefined}
                  >
                    {showValue(row, f, names)}
                  </Table.Td>
                ))}
                {canEdit && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="compact-xs" variant="default" onClick={() => setEditing(row)}>
                        Edit<span className="visually-hidden"> {row.id}</span>
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => {
                          if (window.confirm(`Delete this ${props.noun}?`))
                            write.mutate({ op: 'delete', id: row.id });
                        }}
                      >
                        Delete<span className="visually-hidden"> {row.id}</span>
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.data && total === 0 && (
        <Text c="dimmed">
          Nothing here{q || Object.keys(filters).length ? ' matches' : ' yet'}.
        </Text>
      )}
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" aria-live="polite" data-total={total}>
          {first.toLocaleString('en-US')}–{last.toLocaleString('en-US')} of{' '}
          {total.toLocaleString('en-US')}
        </Text>
        <Group gap="sm">
          <Select
            aria-label="Rows per page"
            w={90}
            data={PAGE_SIZES}
            value={String(size)}
            allowDeselect={false}
            onChange={(v) => reset(setSize)(Number(v ?? 50))}
          />
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            siblings={1}
            boundaries={1}
            getControlProps={(p) => ({ 'aria-label': `Page ${p}` })}
            aria-label="Pages"
          />
        </Group>
      </Group>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? (props.addLabel ?? `Add ${props.noun}`) : `Edit ${props.noun}`}
        size="lg"
      >
        {editing !== null && (
          <RecordForm
            fields={fields}
            record={editing === 'new' ? undefined : editing}
            currency={currency}
            offers={offers.data ?? []}
            clients={clients.data ?? []}
            submitLabel={editing === 'new' ? 'Add' : 'Save'}
            pending={write.isPending}
            error={write.error}
            onCancel={() => setEditing(null)}
            onSubmit={(body) =>
              write.mutate(
                editing === 'new' ? { op: 'create', body } : { op: 'update', id: editing.id, body },
                { onSuccess: () => setEditing(null) },
              )
            }
          />
        )}
      </Modal>
    </Stack>
  );
}

function omit(record: Record<string, string>, key: string): Record<string, string> {
  const { [key]: _, ...rest } = record;
  return rest;
}
