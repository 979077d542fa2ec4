/** "I just had a sales conversation": today's date, who, how it ended — one click to log. */
import {
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useOffers, useRecordWrite } from '../../hooks/records.ts';
import { OUTCOME_OPTIONS } from './specs.ts';

export function QuickConversation() {
  const offers = useOffers();
  const write = useRecordWrite('conversations');
  const [prospect, setProspect] = useState('');
  const [outcome, setOutcome] = useState('pending');
  const [offerId, setOfferId] = useState<string | null>(null);
  const [channel, setChannel] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="quick-conversation">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          write.mutate(
            {
              op: 'create',
              body: {
                date: new Date().toISOString().slice(0, 10),
                prospect: prospect.trim() || null,
                outcome,
                offerId,
                channel: channel.trim() || null,
              },
            },
            {
              onSuccess: () => {
                setSaved(prospect.trim() || 'the conversation');
                setProspect('');
                setChannel('');
                setOutcome('pending');
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Text fw={700} id="quick-conversation">
            I just had a sales conversation
          </Text>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label="With"
              placeholder="Prospect's name"
              value={prospect}
              onChange={(e) => setProspect(e.currentTarget.value)}
              w={200}
            />
            <div>
              <Text size="sm" fw={500} mb={2} id="quick-outcome">
                Outcome
              </Text>
              <SegmentedControl
                aria-labelledby="quick-outcome"
                data={OUTCOME_OPTIONS}
                value={outcome}
                onChange={setOutcome}
              />
            </div>
            <Select
              label="Offer discussed"
              data={(offers.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              value={offerId}
              onChange={setOfferId}
              clearable
              w={220}
            />
            <TextInput
              label="Channel"
              placeholder="podcast, referral…"
              value={channel}
              onChange={(e) => setChannel(e.currentTarget.value)}
              w={160}
            />
            <Button type="submit" loading={write.isPending}>
              Log it
            </Button>
          </Group>
          <ErrorAlert error={write.error} />
          {saved && (
            <Text size="sm" role="status">
              Logged: {saved}, today.
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
