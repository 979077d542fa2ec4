/**
 * A practice's settings: name, currency, time zone, start date, niche, weekly capacity,
 * live sessions, and the foundation targets (blank = the analysis's default).
 */
import {
  Button,
  Fieldset,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { DEFAULT_TARGETS, type Targets } from '../../../domain/model.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import type { StoredPractice } from '../../lib/types.ts';

export type PracticeSettings = Omit<StoredPractice, 'id' | 'role' | 'createdAt' | 'updatedAt'>;

const TARGETS: { name: keyof Targets; label: string; percent?: boolean; money?: boolean }[] = [
  { name: 'monthlyServiceIncome', label: 'Monthly service income', money: true },
  { name: 'yearsInBusiness', label: 'Years in business' },
  { name: 'buyers', label: 'Buyers' },
  { name: 'nicheShare', label: 'Niche share of service revenue', percent: true },
  { name: 'conversations', label: 'Sales conversations in the period' },
  { name: 'highTicketPrice', label: 'High-ticket price (ladder rung 3)', money: true },
];

const num = (v: string | number): number | null => {
  const n = typeof v === 'number' ? v : Number.parseFloat(v);
  return Number.isFinite(n) ? n : null;
};

export function PracticeForm({
  initial,
  readOnly,
  pending,
  error,
  submitLabel,
  onSubmit,
}: {
  initial: PracticeSettings;
  readOnly: boolean;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (settings: PracticeSettings) => void;
}) {
  const [s, setS] = useState<PracticeSettings>(initial);
  const set = <K extends keyof PracticeSettings>(key: K, value: PracticeSettings[K]) =>
    setS((p) => ({ ...p, [key]: value }));
  const setTarget = (name: keyof Targets, value: number | null) => {
    const targets = { ...s.targets };
    if (value === null) delete targets[name];
    else targets[name] = value;
    set('targets', targets);
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(s);
      }}
    >
      <Stack>
        <Fieldset legend="The practice" disabled={readOnly}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Name"
              required
              value={s.name}
              onChange={(e) => set('name', e.currentTarget.value)}
            />
            <TextInput
              label="Currency"
              description="ISO code: every report is in it."
              required
              maxLength={3}
              value={s.currency}
              onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())}
            />
            <TextInput
              label="Time zone"
              description="Where timestamps become dates, e.g. America/New_York."
              value={s.timezone}
              onChange={(e) => set('timezone', e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label="In business since"
              description="Blank: the first payment's date."
              value={s.startedOn ?? ''}
              onChange={(e) => set('startedOn', e.currentTarget.value || null)}
            />
            <TextInput
              label="Niche"
              description="The client segment you serve; blank: the segment with the most revenue."
              value={s.niche ?? ''}
              onChange={(e) => set('niche', e.currentTarget.value || null)}
            />
            <NumberInput
              label="Weekly capacity (hours)"
              description="Caps the “more conversations” lever; blank: no cap."
              min={1}
              max={168}
              value={s.weeklyCapacityHours ?? ''}
              onChange={(v) => set('weeklyCapacityHours', num(v))}
            />
          </SimpleGrid>
          <Switch
            mt="md"
            label="I can hold live sessions (1:1 and group work fit my constraints)"
            checked={s.liveSessions}
            onChange={(e) => set('liveSessions', e.currentTarget.checked)}
          />
        </Fieldset>
        <Fieldset legend="Foundation targets (blank: the default shown)" disabled={readOnly}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
            {TARGETS.map((t) => {
              const value = s.targets[t.name];
              const fallback = DEFAULT_TARGETS[t.name];
              return (
                <NumberInput
                  key={t.name}
                  label={t.label}
                  min={0}
                  max={t.percent ? 100 : undefined}
                  suffix={t.percent ? '%' : undefined}
                  prefix={t.money ? `${s.currency} ` : undefined}
                  thousandSeparator=","
                  placeholder={`${t.percent ? fallback * 100 : fallback}${t.percent ? '%' : ''}`}
                  value={
                    value === undefined ? '' : t.percent ? Math.round(value * 10000) / 100 : value
                  }
                  onChange={(v) => {
                    const n = num(v);
                    setTarget(t.name, n === null ? null : t.percent ? n / 100 : n);
                  }}
                />
              );
            })}
          </SimpleGrid>
        </Fieldset>
        <ErrorAlert error={error} />
        {!readOnly && (
          <Group>
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
