/**
 * The practice the page is about: its id from the URL, the signed-in user's role in
 * it, and its stored settings.
 */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { request } from '../lib/api.ts';
import type { PracticeSummary, Role, StoredPractice } from '../lib/types.ts';
import { useMe } from './session.ts';

/** The :practiceId of the current route. */
export function usePracticeId(): number {
  const { practiceId } = useParams();
  return Number(practiceId);
}

/** The current practice as listed for the user (name, currency, role), once known. */
export function usePracticeSummary(): PracticeSummary | undefined {
  const id = usePracticeId();
  const me = useMe();
  return me.data?.practices.find((p) => p.id === id);
}

export function useRole(): Role | undefined {
  return usePracticeSummary()?.role;
}

/** Editors and owners change records; advisors only read. */
export function useCanEdit(): boolean {
  const role = useRole();
  return role === 'owner' || role === 'editor';
}

export function useIsOwner(): boolean {
  return useRole() === 'owner';
}

export function practiceKey(id: number, ...rest: unknown[]) {
  return ['practice', id, ...rest] as const;
}

/** The practice's settings. */
export function usePractice() {
  const id = usePracticeId();
  return useQuery({
    queryKey: practiceKey(id, 'settings'),
    queryFn: () => request<StoredPractice>('GET', `/practices/${id}`),
  });
}
