/**
 * An invitation link (`/invitations/:token`, the path the API hands out): what it
 * invites to, then accepting it — signed in, with one click; otherwise by creating an
 * account that accepts it at once, or by signing in first.
 */
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { AuthFrame } from '../../components/AuthFrame.tsx';
import { CredentialsFields, readCredentials } from '../../components/CredentialsFields.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ME_KEY, useMe, useSignUp } from '../../hooks/session.ts';
import { request } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import type { InvitationPreview, Role } from '../../lib/types.ts';

const ROLE_TEXT: Record<Role, string> = {
  owner: 'an owner (you will manage the practice and its members)',
  editor: 'an editor (you will import and change its records)',
  advisor: 'an advisor (you will see everything and change nothing)',
};

export default function InviteScene() {
  const { token = '' } = useParams();
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const signUp = useSignUp();
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => request<InvitationPreview>('GET', `/invitations/${encodeURIComponent(token)}`),
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () =>
      request<{ practice: { id: number } }>(
        'POST',
        `/invitations/${encodeURIComponent(token)}/accept`,
      ),
    onSuccess: async (result) => {
      await client.invalidateQueries({ queryKey: ME_KEY });
      await navigate(`/p/${result.practice.id}`);
    },
  });
  if (preview.isPending || me.isPending) return <Loading />;
  if (preview.isError) {
    return (
      <AuthFrame title="Invitation">
        <ErrorAlert error={preview.error} title="This invitation cannot be used" />
      </AuthFrame>
    );
  }
  const { practice, role, email, expiresAt } = preview.data;
  const here = `/invitations/${encodeURIComponent(token)}`;
  return (
    <AuthFrame
      title={`Join ${practice.name}`}
      intro={`You are invited as ${ROLE_TEXT[role]}. The link works until ${formatDate(expiresAt.slice(0, 10))}.`}
    >
      {me.data ? (
        <Stack>
          <Text>Signed in as {me.data.user.email}.</Text>
          <ErrorAlert error={accept.error} />
          <Button onClick={() => accept.mutate()} loading={accept.isPending}>
            Accept the invitation
          </Button>
        </Stack>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            signUp.mutate(
              { ...readCredentials(event.currentTarget), invitation: token },
              { onSuccess: () => navigate('/') },
            );
          }}
        >
          <Stack>
            <Text size="sm">Create your account to accept{email ? ` (for ${email})` : ''}:</Text>
            <CredentialsFields withName newPassword />
            <ErrorAlert error={signUp.error} title="Could not create the account" />
            <Button type="submit" loading={signUp.isPending}>
              Create the account and join
            </Button>
            <Text size="sm">
              Have an account?{' '}
              <Anchor component={Link} to={`/sign-in?next=${encodeURIComponent(here)}`}>
                Sign in first
              </Anchor>
            </Text>
          </Stack>
        </form>
      )}
    </AuthFrame>
  );
}
