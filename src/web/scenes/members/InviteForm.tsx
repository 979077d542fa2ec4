/** Invite someone: a role, optionally the only email that may accept; the link to send appears. */
import { Button, CopyButton, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useInvite } from '../../hooks/members.ts';
import type { Role } from '../../lib/types.ts';
import { ROLE_OPTIONS } from './roles.ts';

export function InviteForm() {
  const invite = useInvite();
  const [role, setRole] = useState<Role>('advisor');
  const [email, setEmail] = useState('');
  const link = invite.data ? `${window.location.origin}${invite.data.path}` : null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="invite-title">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          invite.mutate({ role, email: email.trim() || null });
        }}
      >
        <Stack gap="sm">
          <Text fw={700} id="invite-title">
            Invite someone
          </Text>
          <Group align="flex-end" wrap="wrap">
            <Select
              label="Role"
              data={ROLE_OPTIONS}
              value={role}
              allowDeselect={false}
              onChange={(v) => setRole((v as Role) ?? 'advisor')}
              w={260}
            />
            <TextInput
              label="Email (optional)"
              description="Only this address may accept."
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              w={260}
            />
            <Button type="submit" loading={invite.isPending}>
              Create the invitation link
            </Button>
          </Group>
          <ErrorAlert error={invite.error} />
          {link && (
            <Stack gap={4}>
              <Text size="sm">Send this link; it is shown only once:</Text>
              <Group gap="xs" wrap="nowrap">
                <TextInput
                  readOnly
                  value={link}
                  aria-label="Invitation link"
                  data-invitation-link={link}
                  style={{ flex: 1 }}
                />
                <CopyButton value={link}>
                  {({ copied, copy }) => (
                    <Button variant="default" onClick={copy}>
                      {copied ? 'Copied' : 'Copy'}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Stack>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
