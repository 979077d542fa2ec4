/** Sign in with email and password; back to the page that asked for it. */
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { AuthFrame } from '../../components/AuthFrame.tsx';
import { CredentialsFields, readCredentials } from '../../components/CredentialsFields.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useSetupStatus, useSignIn } from '../../hooks/session.ts';

/** Only paths on this site, never another origin. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function SignInScene() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const signIn = useSignIn();
  const status = useSetupStatus();
  const navigate = useNavigate();
  if (status.data?.needsSetup) return <Navigate to="/setup" replace />;
  return (
    <AuthFrame title="Sign in">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          signIn.mutate(readCredentials(event.currentTarget), { onSuccess: () => navigate(next) });
        }}
      >
        <Stack>
          <CredentialsFields />
          <ErrorAlert error={signIn.error} title="Could not sign in" />
          <Button type="submit" loading={signIn.isPending}>
            Sign in
          </Button>
          <Text size="sm">
            No account yet?{' '}
            <Anchor
              component={Link}
              to={`/sign-up${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`}
            >
              Create one
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthFrame>
  );
}
