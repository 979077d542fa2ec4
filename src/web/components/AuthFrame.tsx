/** The centred card that frames the pages before sign-in (setup, sign-in, sign-up, invitations). */
import { Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ColorSchemeToggle } from './ColorSchemeToggle.tsx';

export function AuthFrame({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Container size={460} py="xl" component="main">
      <Stack>
        <Group justify="space-between">
          <Text fw={800} size="xl">
            Fulcrum
          </Text>
          <ColorSchemeToggle />
        </Group>
        <Paper withBorder shadow="sm" p="xl">
          <Stack>
            <Title order={1} size="h2">
              {title}
            </Title>
            {intro && <Text>{intro}</Text>}
            {children}
          </Stack>
        </Paper>
      </Stack>
    </Container>
  );
}
