/**
 * Assign rows in bulk by making rules: match on one attribute the rows share (one rule
 * per distinct value), choose the offer, activity, channel or client, and every row
 * imported so far — and every later import — follows.
 */
import { Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ACTIVITIES } from '../../../domain/model.ts';
import { formatCondition } from '../../../domain/rules/format.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { type NewRule, useAssignByRules } from '../../hooks/inbox.ts';
import { useClients, useOffers } from '../../hooks/records.ts';
import type { RuleTargets, UnassignedRow } from '../../lib/types.ts';

/** Attribute names every given row has a value for, most useful first. */
export function sharedFields(rows: UnassignedRow[]): string[] {
  const PREFERRED = [
    'project',
    'client',
    'description',
    'title',
    'product',
    'task',
    'tags',
    'type',
    'category',
  ];
  if (rows.length === 0) return [];
  const names = Object.keys(rows[0]?.attributes ?? {}).filter((n) =>
    rows.every((r) => (r.attributes[n] ?? '').trim() !== ''),
  );
  return names.sort((a, b) => {
    const ia = PREFERRED.indexOf(a);
    const ib = PREFERRED.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
}

export function AssignPanel({
  rows,
  initialField,
  anyKind = false,
  onDone,
}: {
  rows: UnassignedRow[];
  initialField?: string;
  /** The rows stand for every row with the value, of whatever kind. */
  anyKind?: boolean;
  onDone: (message: string) => void;
}) {
  const offers = useOffers();
  const clients = useClients();
  const assign = useAssignByRules();
  const fields = sharedFields(rows);
  const [field, setField] = useState<string | null>(
    initialField && fields.includes(initialField) ? initialField : (fields[0] ?? null),
  );
  const [targets, setTargets] = useState<RuleTargets>({});
  const values = field ? [...new Set(rows.map((r) => (r.attributes[field] ?? '').trim()))] : [];
  const kinds: UnassignedRow['kind'][] = anyKind
    ? ['payment', 'time', 'cost']
    : [...new Set(rows.map((r) => r.kind))];
  const appliesTo = kinds.length === 1 ? kinds[0] : 'any';
  const rules: NewRule[] = values.map((value) => ({
    when: formatCondition({ field: field ?? '', op: 'equals', value }),
    then: targets,
    appliesTo,
  }));
  const ready = field !== null && Object.values(targets).some((v) => v);
  const set = (key: keyof RuleTargets, value: string | null) =>
    setTargets((t) => ({ ...t, [key]: value || undefined }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="assign-title">
      <Stack gap="sm">
        <Text fw={700} id="assign-title">
          Assign {anyKind ? 'these rows' : `${rows.length} row${rows.length === 1 ? '' : 's'}`} with{' '}
          {values.length || 'a'} rule
          {values.length === 1 ? '' : 's'}
        </Text>
        {fields.length === 0 ? (
          <Text size="sm">
            These rows share no attribute to match on: choose rows that have one in common.
          </Text>
        ) : (
          <>
            <Group align="flex-end" wrap="wrap">
              <Select
                label="Match on"
                data={fields}
                value={field}
                onChange={setField}
                allowDeselect={false}
                w={180}
              />
              <Select
                label="Offer"
                data={(offers.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
                value={targets.offerId ?? null}
                onChange={(v) => set('offerId', v)}
                clearable
                searchable
                w={240}
              />
              {kinds.includes('time') && (
                <Select
                  label="Activity"
                  data={[...ACTIVITIES]}
                  value={targets.activity ?? null}
                  onChange={(v) => set('activity', v)}
                  clearable
                  w={150}
                />
              )}
              <TextInput
                label="Channel"
                value={targets.channel ?? ''}
                onChange={(e) => set('channel', e.currentTarget.value)}
                w={150}
              />
              {kinds.includes('payment') && (
                <Select
                  label="Client"
                  data={(clients.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                  value={targets.clientId ?? null}
                  onChange={(v) => set('clientId', v)}
                  clearable
                  searchable
                  w={200}
                />
              )}
            </Group>
            <Text size="sm" c="dimmed" component="div">
              The rule{rules.length === 1 ? '' : 's'}:{' '}
              {rules.slice(0, 5).map((r) => (
                <code key={r.when} style={{ display: 'block' }}>
                  {r.when}
                </code>
              ))}
              {rules.length > 5 && <span>…and {rules.length - 5} more</span>}
            </Text>
            <ErrorAlert error={assign.error} />
            <Group>
              <Button
                disabled={!ready}
                loading={assign.isPending}
                onClick={() =>
                  assign.mutate(rules, {
                    onSuccess: (s) =>
                      onDone(
                        `${rules.length} rule${rules.length === 1 ? '' : 's'} added; ${s.changed} rows reassigned, ${s.unassigned} still waiting.`,
                      ),
                  })
                }
              >
                Create the rule{rules.length === 1 ? '' : 's'} and assign
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
