/**
 * The frame of a practice's pages: a header (practice switcher, colour scheme, account),
 * the navigation (a drawer on small screens) and the page itself. Sends visitors who
 * are not signed in to the sign-in page.
 */
import { AppShell, Badge, Burger, Button, Group, Select, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { usePracticeId } from '../hooks/practice.ts';
import { useMe, useSignOut } from '../hooks/session.ts';
import { ColorSchemeToggle } from './ColorSchemeToggle.tsx';
import { Loading } from './Loading.tsx';
import { PracticeNav } from './PracticeNav.tsx';

export function PracticeShell() {
  const [opened, { toggle, close }] = useDisclosure();
  const me = useMe();
  const id = usePracticeId();
  const navigate = useNavigate();
  const location = useLocation();
  const signOut = useSignOut();
  if (me.isPending) return <Loading />;
  if (!me.data) {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  }
  const practice = me.data.practices.find((p) => p.id === id);
  const base = `/p/${id}`;
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        Skip to the page
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close the menu' : 'Open the menu'}
            />
            <Text fw={800} size="lg" visibleFrom="xs">
              Fulcrum
            </Text>
            {me.data.practices.length > 0 && (
              <Select
                aria-label="Practice"
                size="sm"
                w={{ base: 150, sm: 240 }}
                data={me.data.practices.map((p) => ({ value: String(p.id), label: p.name }))}
                value={String(id)}
                allowDeselect={false}
                onChange={(value) => value && navigate(`/p/${value}/dashboard`)}
              />
            )}
            {practice && (
              <Badge variant="light" color="gray" visibleFrom="md">
                {practice.role}
              </Badge>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ColorSchemeToggle />
            <Button
              variant="default"
              size="sm"
              onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in') })}
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Practice pages">
        <PracticeNav base={base} onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main id="main">
        {practice ? (
          <Outlet />
        ) : (
          <Text role="alert">
            You are not a member of this practice. Choose one of yours above, or ask its owner for
            an invitation.
          </Text>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
