/** First run on a fresh database: create the first (owner's) account and open the demo practice. */
import { Button, Checkbox, Stack } from '@mantine/core';
import { Navigate, useNavigate } from 'react-router';
import { AuthFrame } from '../../components/AuthFrame.tsx';
import { CredentialsFields, readCredentials } from '../../components/CredentialsFields.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useSetup, useSetupStatus } from '../../hooks/session.ts';

export default function SetupScene() {
  const status = useSetupStatus();
  const setup = useSetup();
  const navigate = useNavigate();
  if (status.isPending) return <Loading />;
  if (status.data && !status.data.needsSetup && !setup.isSuccess)
    return <Navigate to="/" replace />;
  return (
    <AuthFrame
      title="Welcome to Fulcrum"
      intro="This is a fresh database. Create the first account: it owns every practice here, and can open a demo practice to explore."
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const demo = (form.elements.namedItem('demo') as HTMLInputElement).checked;
          setup.mutate({ ...readCredentials(form), demo }, { onSuccess: () => navigate('/') });
        }}
      >
        <Stack>
          <CredentialsFields withName newPassword />
          <Checkbox
            name="demo"
            defaultChecked
            label="Open the demo practice (three years of a coaching practice)"
          />
          <ErrorAlert error={setup.error} />
          <Button type="submit" loading={setup.isPending}>
            Create the account
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
