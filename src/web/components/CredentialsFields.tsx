/** Email and password (and optionally a name) fields shared by the sign-in and sign-up forms. */
import { PasswordInput, TextInput } from '@mantine/core';

export function CredentialsFields({
  withName = false,
  newPassword = false,
}: {
  withName?: boolean;
  newPassword?: boolean;
}) {
  return (
    <>
      {withName && <TextInput name="name" label="Your name" autoComplete="name" />}
      <TextInput name="email" type="email" label="Email" required autoComplete="email" />
      <PasswordInput
        name="password"
        label="Password"
        required
        minLength={newPassword ? 10 : undefined}
        description={newPassword ? 'At least 10 characters.' : undefined}
        autoComplete={newPassword ? 'new-password' : 'current-password'}
      />
    </>
  );
}

/** The fields of a submitted credentials form. */
export function readCredentials(form: HTMLFormElement): {
  email: string;
  password: string;
  name?: string;
} {
  const data = new FormData(form);
  const name = String(data.get('name') ?? '').trim();
  return {
    email: String(data.get('email') ?? '').trim(),
    password: String(data.get('password') ?? ''),
    ...(name ? { name } : {}),
  };
}
