/**
 * The scenario editor: scenarios (add, rename, remove), each a list of changes applied
 * together (add, edit, remove), every field with its label, unit and help. What is typed
 * is checked by the domain's schema as it is typed; a problem shows on its field and the
 * scenario is left out of the chart until it is fixed.
 */
import {
  Alert,
  Autocomplete,
  Badge,
  Button,
  Group,
  Menu,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { OfferKind } from '../../../domain/model.ts';
import { KIND_LABELS } from '../dashboard/labels.ts';
import {
  CHANGE_ORDER,
  CHANGE_SPECS,
  type ChangeDraft,
  type Checked,
  type FieldSpec,
  type FieldValue,
  newChange,
  OFFER_KINDS,
  type ScenarioDraft,
} from './drafts.ts';

const kindOptions = OFFER_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k as OfferKind] }));

function currencySymbol(currency: string): string {
  const part = new Intl.NumberFormat('en-US', { style: 'currency', currency })
    .formatToParts(0)
    .find((p) => p.type === 'currency');
  return part?.value ?? currency;
}

/** A number input's unit (`%`, `h/week`) shown inside it, on the right. */
export function unitProps(unit: string | undefined) {
  if (!unit) return {};
  return {
    rightSection: (
      <Text size="xs" c="dimmed" pr={4}>
        {unit}
      </Text>
    ),
    rightSectionWidth: Math.max(28, unit.length * 8 + 8),
    rightSectionPointerEvents: 'none' as const,
  };
}

function Field({
  spec,
  value,
  error,
  currency,
  channels,
  onChange,
  idPrefix,
}: {
  spec: FieldSpec;
  value: FieldValue;
  error: string | undefined;
  currency: string;
  channels: readonly string[];
  onChange: (v: FieldValue) => void;
  idPrefix: string;
}) {
  const common = {
    label: spec.label,
    description: spec.help,
    error,
    id: `${idPrefix}-${spec.key.replace('.', '-')}`,
  };
  switch (spec.input) {
    case 'text':
      return (
        <TextInput
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'ramp':
      return (
        <TextInput
          {...common}
          placeholder="3, 5, 8"
          rightSection={
            <Text size="xs" c="dimmed">
              sales
            </Text>
          }
          rightSectionWidth={48}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'kind':
      return (
        <Select
          {...common}
          data={kindOptions}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v ?? undefined)}
          allowDeselect={false}
        />
      );
    case 'kinds':
      return (
        <MultiSelect
          {...common}
          data={kindOptions}
          value={Array.isArray(value) ? value : []}
          onChange={(v) => onChange(v)}
        />
      );
    case 'channel':
      return (
        <Autocomplete
          {...common}
          data={[...channels]}
          value={typeof value === 'string' ? value : ''}
          onChange={(v) => onChange(v)}
        />
      );
    case 'number': {
      const money = spec.unit === 'money';
      const unit = money ? undefined : spec.unit;
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          placeholder={spec.placeholder}
          min={spec.min}
          max={spec.max}
          step={spec.step}
          decimalScale={2}
          allowNegative={(spec.min ?? 0) < 0}
          prefix={money ? currencySymbol(currency) : undefined}
          thousandSeparator=","
          {...unitProps(unit)}
          onChange={(v) => {
            const n = typeof v === 'number' ? v : Number.parseFloat(v);
            onChange(Number.isFinite(n) ? n : undefined);
          }}
        />
      );
    }
  }
}

function ChangeCard({
  change,
  index,
  scenarioKey,
  checked,
  currency,
  channels,
  onChange,
  onRemove,
}: {
  change: ChangeDraft;
  index: number;
  scenarioKey: number;
  checked: Checked;
  currency: string;
  channels: readonly string[];
  onChange: (c: ChangeDraft) => void;
  onRemove: () => void;
}) {
  const spec = CHANGE_SPECS[change.type];
  const keys = new Set(spec.fields.map((f) => f.key));
  const others = [...checked.fieldProblems].filter(
    ([field]) => field.startsWith(`${index}:`) && !keys.has(field.slice(field.indexOf(':') + 1)),
  );
  return (
    <Paper withBorder p="sm" radius="sm" data-change={change.type}>
      <Stack gap="xs">
        <div>
          <Group justify="space-between" wrap="nowrap">
            <Text fw={600} size="sm">
              {spec.label}
            </Text>
            <Button size="compact-xs" variant="subtle" color="red" onClick={onRemove}>
              Remove<span className="visually-hidden"> the change “{spec.label}”</span>
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {spec.help}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs">
          {spec.fields.map((f) => (
            <Field
              key={f.key}
              spec={f}
              idPrefix={`s${scenarioKey}-c${change.key}`}
              value={change.values[f.key]}
              error={checked.fieldProblems.get(`${index}:${f.key}`)}
              currency={currency}
              channels={channels}
              onChange={(v) => onChange({ ...change, values: { ...change.values, [f.key]: v } })}
            />
          ))}
        </SimpleGrid>
        {others.map(([field, message]) => (
          <Text key={field} size="sm" c="red" role="alert">
            {message}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

export function ScenarioCard({
  draft,
  checked,
  color,
  serverProblem,
  currency,
  channels,
  onChange,
  onRemove,
}: {
  draft: ScenarioDraft;
  checked: Checked;
  /** Its colour in the chart (a Mantine colour with shade). */
  color: string;
  /** A problem the simulation found (a channel without hours, a ramp beyond capacity…). */
  serverProblem: string | null;
  currency: string;
  channels: readonly string[];
  onChange: (d: ScenarioDraft) => void;
  onRemove: () => void;
}) {
  const [name, shade] = color.split('.');
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-label={`Scenario ${draft.name || '(no name)'}`}
      data-scenario={draft.name}
      style={{ borderLeft: `4px solid var(--mantine-color-${name}-${shade})` }}
    >
      <Stack gap="sm">
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label="Scenario name"
            value={draft.name}
            error={checked.fieldProblems.get('name')}
            onChange={(e) => onChange({ ...draft, name: e.currentTarget.value })}
          />
          <Button variant="default" color="red" onClick={onRemove}>
            Remove<span className="visually-hidden"> the scenario “{draft.name}”</span>
          </Button>
        </Group>
        {!checked.ok && (
          <Badge color="orange" variant="light">
            Not in the chart until the problems below are fixed
          </Badge>
        )}
        {checked.problems.map((p) => (
          <Text key={p.path + p.message} size="sm" c="red" role="alert">
            {p.path}: {p.message}
          </Text>
        ))}
        {serverProblem && (
          <Alert color="orange" title="The forecast cannot run this scenario" role="alert">
            {serverProblem}
          </Alert>
        )}
        {draft.changes.map((c, i) => (
          <ChangeCard
            key={c.key}
            change={c}
            index={i}
            scenarioKey={draft.key}
            checked={checked}
            currency={currency}
            channels={channels}
            onChange={(next) =>
              onChange({
                ...draft,
                changes: draft.changes.map((x) => (x.key === c.key ? next : x)),
              })
            }
            onRemove={() =>
              onChange({ ...draft, changes: draft.changes.filter((x) => x.key !== c.key) })
            }
          />
        ))}
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button variant="light" size="sm" style={{ alignSelf: 'flex-start' }}>
              Add a change
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {CHANGE_ORDER.map((type) => (
              <Menu.Item
                key={type}
                onClick={() =>
                  onChange({ ...draft, changes: [...draft.changes, newChange(type, channels)] })
                }
              >
                {CHANGE_SPECS[type].label}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Stack>
    </Paper>
  );
}
