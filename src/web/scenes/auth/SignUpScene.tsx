/** Create an account (when the server allows it), then continue where the visitor was going. */
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AuthFrame } from '../../components/AuthFrame.tsx';
import { CredentialsFields, readCredentials } from '../../components/CredentialsFields.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useSignUp } from '../../hooks/session.ts';
import { safeNext } from './SignInScene.tsx';

export default function SignUpScene() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const signUp = useSignUp();
  const navigate = useNavigate();
  return (
    <AuthFrame title="Create your account">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          signUp.mutate(readCredentials(event.currentTarget), { onSuccess: () => navigate(next) });
        }}
      >
        <Stack>
          <CredentialsFields withName newPassword />
          <ErrorAlert error={signUp.error} title="Could not create the account" />
          <Button type="submit" loading={signUp.isPending}>
            Create the account
          </Button>
          <Text size="sm">
            Have an account?{' '}
            <Anchor component={Link} to={`/sign-in?next=${encodeURIComponent(next)}`}>
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthFrame>
  );
}
