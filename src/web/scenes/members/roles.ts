import type { Role } from '../../lib/types.ts';

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner — manages members and everything',
  editor: 'Editor — imports and changes records',
  advisor: 'Advisor — sees everything, changes nothing',
};

export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((r) => ({
  value: r,
  label: ROLE_LABELS[r],
}));
