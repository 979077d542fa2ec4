/** Members of the practice and invitations to it (owners manage both). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../lib/api.ts';
import type { Invitation, Member, Role } from '../lib/types.ts';
import { practiceKey, useIsOwner, usePracticeId } from './practice.ts';

export function useMembers() {
  const id = usePracticeId();
  return useQuery({
    queryKey: practiceKey(id, 'members'),
    queryFn: () => request<{ items: Member[] }>('GET', `/practices/${id}/members`),
    select: (r) => r.items,
  });
}

export function useInvitations() {
  const id = usePracticeId();
  const owner = useIsOwner();
  return useQuery({
    queryKey: practiceKey(id, 'invitations'),
    queryFn: () => request<{ items: Invitation[] }>('GET', `/practices/${id}/invitations`),
    select: (r) => r.items,
    enabled: owner,
  });
}

/** A write that refreshes members and invitations. */
function useMembershipWrite<I, O>(fn: (practiceId: number, input: I) => Promise<O>) {
  const id = usePracticeId();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => fn(id, input),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: practiceKey(id, 'members') });
      await client.invalidateQueries({ queryKey: practiceKey(id, 'invitations') });
    },
  });
}

export const useInvite = () =>
  useMembershipWrite((id, input: { role: Role; email: string | null; expiresInDays?: number }) =>
    request<Invitation & { token: string; path: string }>('POST', `/practices/${id}/invitations`, {
      body: input,
    }),
  );

export const useRevokeInvitation = () =>
  useMembershipWrite((id, invitationId: string) =>
    request('DELETE', `/practices/${id}/invitations/${encodeURIComponent(invitationId)}`),
  );

export const useChangeRole = () =>
  useMembershipWrite((id, input: { userId: number; role: Role }) =>
    request('PATCH', `/practices/${id}/members/${input.userId}`, { body: { role: input.role } }),
  );

export const useRemoveMember = () =>
  useMembershipWrite((id, userId: number) =>
    request('DELETE', `/practices/${id}/members/${userId}`),
  );
