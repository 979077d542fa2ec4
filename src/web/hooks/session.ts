/**
 * Who is signed in, whether the server still needs its first account, and the
 * mutations that change that (set up, sign in, sign up, sign out).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isStatus, request } from '../lib/api.ts';
import type { Me } from '../lib/types.ts';

export const ME_KEY = ['me'] as const;

/** The signed-in user and their practices; null when nobody is signed in. */
export const meQuery = {
  queryKey: ME_KEY,
  queryFn: async (): Promise<Me | null> => {
    try {
      return await request<Me>('GET', '/auth/session');
    } catch (error) {
      if (isStatus(error, 401)) return null;
      throw error;
    }
  },
};

export function useMe() {
  return useQuery(meQuery);
}

/** True while no account exists: the first visitor creates the owner's account. */
export function useSetupStatus() {
  return useQuery({
    queryKey: ['setup'],
    queryFn: () => request<{ needsSetup: boolean }>('GET', '/setup'),
    staleTime: 0,
  });
}

export interface Credentials {
  email: string;
  password: string;
  name?: string;
  /** Sign-up only: an invitation token to accept at once. */
  invitation?: string;
}

/** A mutation that starts a session, then reloads who is signed in. */
function useSessionStarter<I>(path: string, body: (input: I) => unknown) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => request<unknown>('POST', path, { body: body(input) }),
    onSuccess: async () => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      await client.invalidateQueries({ queryKey: ME_KEY });
      await client.invalidateQueries({ queryKey: ['setup'] });
    },
  });
}

export function useSetup() {
  return useSessionStarter('/setup', (input: Credentials & { demo: boolean }) => input);
}

export function useSignIn() {
  return useSessionStarter('/auth/sign-in', (input: Credentials) => input);
}

export function useSignUp() {
  return useSessionStarter('/auth/sign-up', (input: Credentials) => input);
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => request<unknown>('POST', '/auth/sign-out'),
    onSettled: () => {
      client.clear();
    },
  });
}
