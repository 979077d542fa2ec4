/** Who belongs to the practice, in which role; owners change roles, remove members and invite. */
import { Badge, Button, Select, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import {
  useChangeRole,
  useInvitations,
  useMembers,
  useRemoveMember,
  useRevokeInvitation,
} from '../../hooks/members.ts';
import { useIsOwner } from '../../hooks/practice.ts';
import { useMe } from '../../hooks/session.ts';
import { formatDate } from '../../lib/format.ts';
import type { Role } from '../../lib/types.ts';
import { InviteForm } from './InviteForm.tsx';
import { ROLE_OPTIONS } from './roles.ts';

function Invitations() {
  const invitations = useInvitations();
  const revoke = useRevokeInvitation();
  if (!invitations.data?.length) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Open invitations
      </Title>
      <ErrorAlert error={revoke.error} />
      <Table aria-label="Open invitations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">For</Table.Th>
            <Table.Th scope="col">Expires</Table.Th>
            <Table.Th scope="col">
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.data.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>{i.role}</Table.Td>
              <Table.Td>{i.email ?? 'anyone with the link'}</Table.Td>
              <Table.Td>{i.expired ? 'expired' : formatDate(i.expiresAt.slice(0, 10))}</Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  onClick={() => revoke.mutate(i.id)}
                >
                  Revoke
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export default function MembersScene() {
  const members = useMembers();
  const owner = useIsOwner();
  const me = useMe();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  return (
    <Stack maw={900} gap="lg">
      <Title order={1} size="h2">
        Members
      </Title>
      {members.isPending && <Loading />}
      <ErrorAlert error={members.error ?? changeRole.error ?? remove.error} />
      {members.data && (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Members">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Member</Table.Th>
                <Table.Th scope="col">Role</Table.Th>
                <Table.Th scope="col">Since</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.map((m) => {
                const self = m.userId === me.data?.user.id;
                return (
                  <Table.Tr key={m.userId}>
                    <Table.Td>
                      {m.name ?? m.email}
                      {m.name && (
                        <Text size="xs" c="dimmed">
                          {m.email}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {owner && !self ? (
                        <Select
                          aria-label={`Role of ${m.email}`}
                          data={ROLE_OPTIONS.map((o) => ({ value: o.value, label: o.value }))}
                          value={m.role}
                          allowDeselect={false}
                          w={130}
                          onChange={(v) =>
                            v && changeRole.mutate({ userId: m.userId, role: v as Role })
                          }
                        />
                      ) : (
                        <Badge variant="light" color="gray">
                          {m.role}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDate(m.since.slice(0, 10))}</Table.Td>
                    <Table.Td>
                      {(owner || self) && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => {
                            if (
                              window.confirm(self ? 'Leave this practice?' : `Remove ${m.email}?`)
                            )
                              remove.mutate(m.userId);
                          }}
                        >
                          {self ? 'Leave' : 'Remove'}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {owner && <InviteForm />}
      {owner && <Invitations />}
    </Stack>
  );
}
