/** The practice's settings; editors and owners change them, advisors read them. */
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { practiceKey, useCanEdit, usePractice, usePracticeId } from '../../hooks/practice.ts';
import { ME_KEY } from '../../hooks/session.ts';
import { request } from '../../lib/api.ts';
import { PracticeForm, type PracticeSettings } from './PracticeForm.tsx';

const FIELDS = [
  'name',
  'currency',
  'timezone',
  'startedOn',
  'niche',
  'weeklyCapacityHours',
  'liveSessions',
  'targets',
] as const;

export default function SettingsScene() {
  const id = usePracticeId();
  const practice = usePractice();
  const canEdit = useCanEdit();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (s: PracticeSettings) => {
      const body: Record<string, unknown> = {};
      for (const f of FIELDS) body[f] = s[f];
      return request('PATCH', `/practices/${id}`, { body });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: practiceKey(id) });
      await client.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  return (
    <Stack maw={900}>
      <Title order={1} size="h2">
        Practice settings
      </Title>
      {!canEdit && (
        <Text c="dimmed">
          You are an advisor here: you can read these settings, not change them.
        </Text>
      )}
      {practice.isPending && <Loading />}
      <ErrorAlert error={practice.error} />
      {practice.data && (
        <PracticeForm
          key={practice.data.updatedAt}
          initial={practice.data}
          readOnly={!canEdit}
          pending={save.isPending}
          error={save.error}
          submitLabel="Save the settings"
          onSubmit={(s) => save.mutate(s)}
        />
      )}
      {save.isSuccess && (
        <Alert color="teal" role="status">
          Saved. The dashboard uses the new settings.
        </Alert>
      )}
    </Stack>
  );
}
