/** The inbox of imported rows no rule assigned, and turning choices into rules. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../lib/api.ts';
import type { RuleTargets, UnassignedPage } from '../lib/types.ts';
import { practiceKey, usePracticeId } from './practice.ts';

export function useUnassigned(page: { limit: number; offset: number }) {
  const id = usePracticeId();
  return useQuery({
    queryKey: practiceKey(id, 'unassigned', page),
    queryFn: () => request<UnassignedPage>('GET', `/practices/${id}/unassigned`, { query: page }),
    placeholderData: keepPreviousData,
  });
}

export interface ApplySummary {
  rows: number;
  changed: number;
  added: number;
  removed: number;
  unassigned: number;
}

export interface NewRule {
  when: string;
  then: RuleTargets;
  appliesTo?: 'payment' | 'time' | 'cost' | 'any';
}

/** Adds the rules, then re-applies every rule to every imported row. */
export function useAssignByRules() {
  const id = usePracticeId();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (rules: NewRule[]) => {
      for (const rule of rules) await request('POST', `/practices/${id}/rules`, { body: rule });
      return request<ApplySummary>('POST', `/practices/${id}/rules/apply`);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: practiceKey(id) }),
  });
}
