/** A form for one record, new or changed, from the resource's field specs. */
import { Button, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { type FieldSpec, fromInput, toInput } from './fields.ts';

export interface RecordFormProps {
  fields: readonly FieldSpec[];
  record?: Record<string, unknown>;
  currency: string;
  offers: { id: string; name: string }[];
  clients: { id: string; name: string }[];
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: Record<string, unknown>) => void;
  onCancel?: () => void;
}

function initialValues(
  fields: readonly FieldSpec[],
  record: Record<string, unknown> | undefined,
  currency: string,
) {
  const values: Record<string, string> = {};
  for (const f of fields) {
    values[f.name] = record
      ? toInput(record, f, currency)
      : (f.initial?.() ?? (f.type === 'currency' ? currency : ''));
  }
  return values;
}

export function RecordForm(props: RecordFormProps) {
  const { fields, record, currency } = props;
  const [values, setValues] = useState(() => initialValues(fields, record, currency));
  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const input = (f: FieldSpec) => {
    const common = { key: f.name, label: f.label, required: f.required, description: f.hint };
    const value = values[f.name] ?? '';
    switch (f.type) {
      case 'choice':
      case 'offer':
      case 'client': {
        const data =
          f.type === 'choice'
            ? (f.options ?? []).map((o) => ({ value: o.value, label: o.label }))
            : (f.type === 'offer' ? props.offers : props.clients).map((o) => ({
                value: o.id,
                label: o.name,
              }));
        return (
          <Select
            {...common}
            data={data}
            value={value || null}
            searchable
            clearable={!f.required}
            onChange={(v) => set(f.name, v ?? '')}
          />
        );
      }
      case 'money':
      case 'number':
        return (
          <NumberInput
            {...common}
            value={value}
            min={f.min}
            max={f.max}
            step={f.step}
            decimalScale={f.type === 'money' ? 2 : 4}
            onChange={(v) => set(f.name, String(v))}
          />
        );
      default:
        return (
          <TextInput
            {...common}
            type={f.type === 'date' ? 'date' : 'text'}
            value={value}
            maxLength={f.type === 'currency' ? 3 : undefined}
            onChange={(e) =>
              set(
                f.name,
                f.type === 'currency' ? e.currentTarget.value.toUpperCase() : e.currentTarget.value,
              )
            }
          />
        );
    }
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const body: Record<string, unknown> = {};
        for (const f of fields) {
          const v = fromInput(values[f.name] ?? '', f, values, currency);
          if (record && toInput(record, f, currency) === (values[f.name] ?? '')) continue;
          if (!record && v === null) continue;
          body[f.name] = v;
        }
        props.onSubmit(body);
      }}
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {fields.map(input)}
        </SimpleGrid>
        <ErrorAlert error={props.error} />
        <Group justify="flex-end">
          {props.onCancel && (
            <Button variant="default" onClick={props.onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={props.pending}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
