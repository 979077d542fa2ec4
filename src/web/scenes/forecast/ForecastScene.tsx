/**
 * The forecast page (issue #6): the practice's next months as a fan chart (P10–P90 band,
 * P50 line) of revenue, hours or hourly rate, for the baseline and each scenario; a
 * scenario editor whose every edit is re-simulated in the browser (the forecast worker,
 * on the model fitted once by the server); what each choice brings and the hours it
 * costs; the model's method and notes in plain words.
 */
import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Menu,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ChartLegend } from '../../components/ChartLegend.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import {
  DEFAULT_SETTINGS,
  type ForecastSettings,
  MAX_SCENARIOS,
  SETTING_LIMITS,
  useForecast,
  useForecastModel,
} from '../../hooks/forecast.ts';
import { ApiError } from '../../lib/api.ts';
import { formatDate, formatMonth } from '../../lib/format.ts';
import { Section } from '../dashboard/Section.tsx';
import {
  CHANGE_ORDER,
  CHANGE_SPECS,
  type ChangeType,
  checkDraft,
  newChange,
  newKey,
  type ScenarioDraft,
} from './drafts.ts';
import { FanChart, HISTORY_COLOR } from './FanChart.tsx';
import { ChoicesTable, MonthTable } from './ForecastTables.tsx';
import { ScenarioCard, unitProps } from './ScenarioEditor.tsx';
import { METRICS, type Metric, SERIES_COLORS, type SeriesView } from './series.ts';

const METHOD_WORDS = {
  block_bootstrap: 'Block bootstrap of the practice’s own months',
  fitted: 'Fitted distributions (the history is too short to resample)',
} as const;

function SettingsBar({
  settings,
  onChange,
}: {
  settings: ForecastSettings;
  onChange: (s: ForecastSettings) => void;
}) {
  const field = (
    key: keyof ForecastSettings,
    label: string,
    description: string,
    step: number,
    unit?: string,
  ) => {
    const [min, max] = SETTING_LIMITS[key];
    return (
      <NumberInput
        label={label}
        description={description}
        value={settings[key]}
        min={min}
        max={max}
        step={step}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="blur"
        thousandSeparator=","
        {...unitProps(unit)}
        onChange={(v) => {
          const n = typeof v === 'number' ? v : Number.parseInt(v, 10);
          if (Number.isInteger(n) && n >= min! && n <= max!) onChange({ ...settings, [key]: n });
        }}
      />
    );
  };
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      {field('months', 'Months ahead', 'From 1 to 36.', 1, 'months')}
      {field(
        'runs',
        'Simulated runs',
        'From 1,000 to 10,000: more runs, steadier bands.',
        500,
        'runs',
      )}
      {field('seed', 'Seed', 'The same seed gives the same numbers.', 1)}
    </SimpleGrid>
  );
}

function NoForecast({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.code === 'no_data') {
    return (
      <Alert title="Not enough history yet" color="blue">
        <Stack gap="xs" align="flex-start">
          <Text>{error.message}.</Text>
          <Text size="sm">
            The forecast resamples the practice’s own months, so it needs at least three full months
            of payments and time.
          </Text>
          <Button component={Link} to="../import" relative="path">
            Import exports
          </Button>
        </Stack>
      </Alert>
    );
  }
  return <ErrorAlert error={error} title="The forecast could not be computed" />;
}

export default function ForecastScene() {
  const [settings, setSettings] = useState<ForecastSettings>(DEFAULT_SETTINGS);
  const [drafts, setDrafts] = useState<ScenarioDraft[]>([]);
  const [metric, setMetric] = useState<Metric>('revenue');
  const model = useForecastModel();
  const channels = model.data?.channels ?? [];
  const currency = model.data?.currency ?? 'USD';

  const names = drafts.map((d) => d.name);
  const checked = drafts.map((d) => checkDraft(d, names));
  const validInputs = checked.filter((c) => c.ok).map((c) => c.input);
  const key = JSON.stringify(validInputs);
  // Stable identity while the valid scenarios do not change (the query key is their JSON).
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the JSON
  const scenarios = useMemo(() => validInputs, [key]);
  const result = useForecast(settings, scenarios);
  const forecast = result.forecast;

  const colorOf = (draftIndex: number) =>
    SERIES_COLORS[(draftIndex + 1) % SERIES_COLORS.length] ?? 'gray.6';
  const series: SeriesView[] = [];
  if (forecast) {
    series.push({
      id: 'baseline',
      name: 'Baseline',
      color: SERIES_COLORS[0]!,
      series: forecast.baseline,
    });
    drafts.forEach((d, i) => {
      const s = forecast.scenarios.find((x) => x.name === d.name.trim());
      if (s && checked[i]!.ok)
        series.push({ id: `s${d.key}`, name: s.name, color: colorOf(i), series: s });
    });
  }

  const addScenario = (type: ChangeType) => {
    const taken = new Set(names.map((n) => n.trim()));
    let name = CHANGE_SPECS[type].label;
    for (let n = 2; taken.has(name); n++) name = `${CHANGE_SPECS[type].label} ${n}`;
    setDrafts([...drafts, { key: newKey(), name, changes: [newChange(type, channels)] }]);
  };

  if (model.isError && !forecast) {
    return (
      <Stack>
        <Title order={1} size="h2">
          Forecast
        </Title>
        <NoForecast error={model.error} />
      </Stack>
    );
  }

  const fmt = METRICS[metric];
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          Forecast
        </Title>
        <Text c="dimmed" maw={760}>
          The next months from the practice’s own history, simulated{' '}
          {settings.runs.toLocaleString('en-US')} times: the band holds 8 runs in 10 (P10 to P90),
          the line is the middle run (P50). Add scenarios to compare choices, each with the hours it
          really costs.
        </Text>
      </div>

      <Paper withBorder p="md">
        <SettingsBar settings={settings} onChange={setSettings} />
      </Paper>

      <Section
        title="Fan chart"
        subtitle={
          forecast
            ? `${formatMonth(forecast.months[0]!)} to ${formatMonth(forecast.months.at(-1)!)}, from the history up to ${formatDate(forecast.asOf)}.`
            : undefined
        }
        aside={
          <SegmentedControl
            aria-label="Figure charted"
            value={metric}
            onChange={(v) => setMetric(v as Metric)}
            data={(Object.keys(METRICS) as Metric[]).map((m) => ({
              value: m,
              label: METRICS[m].short,
            }))}
          />
        }
      >
        {result.error && forecast ? <ErrorAlert error={result.error} /> : null}
        {!forecast && !result.error && <Loading label="Simulating the forecast…" />}
        {!forecast && result.error ? <NoForecast error={result.error} /> : null}
        {forecast && (
          <>
            <FanChart
              forecast={forecast}
              history={model.data?.history}
              series={series}
              metric={metric}
              format={(v) => fmt.axis(v, currency)}
            />
            <ChartLegend
              items={[
                ...series.map((s) => ({ label: s.name, color: s.color })),
                { label: 'History', color: HISTORY_COLOR, line: true },
              ]}
            />
            <Text
              size="xs"
              c="dimmed"
              role="status"
              data-source={result.source}
              data-stale={String(result.stale)}
              data-ms={result.ms === null ? '' : String(Math.round(result.ms))}
              data-runs={String(forecast.runs)}
              data-seed={String(forecast.seed)}
            >
              {result.stale
                ? 'Recomputing…'
                : `${forecast.runs.toLocaleString('en-US')} runs × ${forecast.months.length} months, seed ${forecast.seed}: ${
                    result.source === 'worker'
                      ? 'simulated in this browser'
                      : 'computed by the server'
                  }${result.ms === null ? '' : ` in ${Math.round(result.ms).toLocaleString('en-US')} ms`}.`}
            </Text>
          </>
        )}
      </Section>

      <Section
        title="What each choice brings and costs"
        subtitle="Totals over the whole horizon, and the hours each scenario adds to (or saves from) the baseline."
      >
        {forecast ? <ChoicesTable forecast={forecast} series={series} /> : <Loading />}
      </Section>

      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Section
            title="Scenarios"
            subtitle="Each scenario combines changes applied together. Money in the practice currency; months counted from the first forecast month."
            aside={
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button disabled={drafts.length >= MAX_SCENARIOS}>Add a scenario</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>Start with</Menu.Label>
                  {CHANGE_ORDER.map((type) => (
                    <Menu.Item key={type} onClick={() => addScenario(type)}>
                      {CHANGE_SPECS[type].label}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            }
          >
            {drafts.length === 0 && (
              <Text size="sm" c="dimmed">
                No scenario yet: the chart shows the baseline, the practice carrying on as in its
                recent months. Add one — raise rates, more sales conversations, shift marketing
                hours, launch an offer, change capacity — and combine changes inside it.
              </Text>
            )}
            {drafts.length >= MAX_SCENARIOS && (
              <Text size="sm" c="dimmed">
                At most {MAX_SCENARIOS} scenarios at once.
              </Text>
            )}
            {drafts.map((d, i) => (
              <ScenarioCard
                key={d.key}
                draft={d}
                checked={checked[i]!}
                color={colorOf(i)}
                serverProblem={
                  result.rejected.find((r) => r.name === d.name.trim())?.message ?? null
                }
                currency={currency}
                channels={channels}
                onChange={(next) => setDrafts(drafts.map((x) => (x.key === d.key ? next : x)))}
                onRemove={() => setDrafts(drafts.filter((x) => x.key !== d.key))}
              />
            ))}
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Section title="How the forecast was made">
              {forecast ? (
                <Stack gap="xs">
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      Method:
                    </Text>
                    <Badge variant="light" data-method={forecast.model.method}>
                      {METHOD_WORDS[forecast.model.method]}
                    </Badge>
                  </Group>
                  <List size="sm" spacing={4}>
                    {forecast.model.notes.map((note) => (
                      <List.Item key={note}>{note}</List.Item>
                    ))}
                  </List>
                </Stack>
              ) : (
                <Loading />
              )}
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>

      {forecast && (
        <Section title="Month by month" subtitle={`${fmt.label}: the figures of the chart.`}>
          <MonthTable forecast={forecast} series={series} metric={metric} />
        </Section>
      )}
    </Stack>
  );
}
