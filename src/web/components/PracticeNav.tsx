/** The practice's pages, grouped, for the shell's navigation bar. */
import { NavLink, Stack, Text } from '@mantine/core';
import { NavLink as RouterLink, useLocation } from 'react-router';

const GROUPS: { title: string; links: { to: string; label: string }[] }[] = [
  {
    title: 'Overview',
    links: [
      { to: 'dashboard', label: 'Dashboard' },
      { to: 'forecast', label: 'Forecast' },
    ],
  },
  {
    title: 'Data',
    links: [
      { to: 'import', label: 'Import' },
      { to: 'inbox', label: 'Inbox' },
      { to: 'offers', label: 'Offers' },
      { to: 'clients', label: 'Clients' },
      { to: 'conversations', label: 'Conversations' },
      { to: 'payments', label: 'Payments' },
      { to: 'time', label: 'Time' },
      { to: 'costs', label: 'Costs' },
    ],
  },
  {
    title: 'Practice',
    links: [
      { to: 'settings', label: 'Settings' },
      { to: 'members', label: 'Members' },
      { to: 'export', label: 'Export' },
    ],
  },
];

export function PracticeNav({ base, onNavigate }: { base: string; onNavigate: () => void }) {
  const { pathname } = useLocation();
  const current = pathname === base || pathname === `${base}/` ? `${base}/dashboard` : pathname;
  return (
    <Stack gap="md">
      {GROUPS.map((group) => (
        <div key={group.title}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mb={4}>
            {group.title}
          </Text>
          {group.links.map((link) => {
            const to = `${base}/${link.to}`;
            return (
              <NavLink
                key={link.to}
                component={RouterLink}
                to={to}
                label={link.label}
                active={current === to}
                aria-current={current === to ? 'page' : undefined}
                onClick={onNavigate}
              />
            );
          })}
        </div>
      ))}
    </Stack>
  );
}
