/** Create a practice; its creator becomes its owner. */
import { Container, Stack, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ME_KEY } from '../../hooks/session.ts';
import { request } from '../../lib/api.ts';
import { PracticeForm, type PracticeSettings } from './PracticeForm.tsx';

const BLANK: PracticeSettings = {
  name: '',
  currency: 'USD',
  timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  startedOn: null,
  niche: null,
  weeklyCapacityHours: null,
  liveSessions: true,
  targets: {},
};

export default function NewPracticeScene() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (s: PracticeSettings) => request<{ id: number }>('POST', '/practices', { body: s }),
    onSuccess: async (practice) => {
      await client.invalidateQueries({ queryKey: ME_KEY });
      await navigate(`/p/${practice.id}/import`);
    },
  });
  return (
    <Container size="md" py="xl" component="main">
      <Stack>
        <Title order={1} size="h2">
          A new practice
        </Title>
        <PracticeForm
          initial={BLANK}
          readOnly={false}
          pending={create.isPending}
          error={create.error}
          submitLabel="Create the practice"
          onSubmit={(s) => create.mutate(s)}
        />
      </Stack>
    </Container>
  );
}
