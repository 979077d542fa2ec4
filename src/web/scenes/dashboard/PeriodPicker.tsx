/**
 * The period picker: the report's default (the year up to the latest record), shorter
 * spans ending at the latest record, calendar years, or any two dates. The choice lives
 * in the address (?from=&to=) so a reload or a shared link keeps it.
 */
import { Button, Group, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { PeriodChoice } from '../../hooks/report.ts';

type Preset = { value: string; label: string; period: PeriodChoice };

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The day after the same date `months` months before `to` (a shorter month clamps). */
function monthsBack(to: string, months: number): string {
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 - months, 1));
  const last = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, last) + 1);
  return iso(target);
}

export function presets(latest: string): Preset[] {
  const year = Number(latest.slice(0, 4));
  return [
    { value: 'default', label: 'Last 12 months', period: {} },
    { value: '6m', label: 'Last 6 months', period: { from: monthsBack(latest, 6), to: latest } },
    { value: '3m', label: 'Last 3 months', period: { from: monthsBack(latest, 3), to: latest } },
    { value: 'ytd', label: `${year} so far`, period: { from: `${year}-01-01`, to: latest } },
    {
      value: `y${year - 1}`,
      label: String(year - 1),
      period: { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
    },
    {
      value: `y${year - 2}`,
      label: String(year - 2),
      period: { from: `${year - 2}-01-01`, to: `${year - 2}-12-31` },
    },
  ];
}

export function PeriodPicker({
  latest,
  value,
  onChange,
}: {
  /** The latest record's date (the default period's end). */
  latest: string;
  value: PeriodChoice;
  onChange: (period: PeriodChoice) => void;
}) {
  const options = presets(latest);
  const matched = options.find((p) => p.period.from === value.from && p.period.to === value.to);
  const [custom, setCustom] = useState(!matched);
  const [from, setFrom] = useState(value.from ?? '');
  const [to, setTo] = useState(value.to ?? '');
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        label="Period"
        w={170}
        data={[
          ...options.map((p) => ({ value: p.value, label: p.label })),
          { value: 'custom', label: 'Custom dates' },
        ]}
        value={custom ? 'custom' : (matched?.value ?? 'default')}
        allowDeselect={false}
        onChange={(v) => {
          if (v === 'custom') {
            setCustom(true);
            return;
          }
          setCustom(false);
          const preset = options.find((p) => p.value === v);
          if (preset) onChange(preset.period);
        }}
      />
      {custom && (
        <form
          style={{ display: 'contents' }}
          onSubmit={(event) => {
            event.preventDefault();
            onChange({ from: from || undefined, to: to || undefined });
          }}
        >
          <TextInput
            type="date"
            label="From"
            value={from}
            max={to || undefined}
            onChange={(e) => setFrom(e.currentTarget.value)}
            w={160}
          />
          <TextInput
            type="date"
            label="To"
            value={to}
            min={from || undefined}
            onChange={(e) => setTo(e.currentTarget.value)}
            w={160}
          />
          <Button type="submit" variant="default">
            Show
          </Button>
        </form>
      )}
    </Group>
  );
}
