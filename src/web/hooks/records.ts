/**
 * A practice's records through the API's list routes (paged, searched, sorted,
 * filtered on the server, so a list of 100,000 rows costs one page), and the writes.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Query, request } from '../lib/api.ts';
import type { Page } from '../lib/types.ts';
import { practiceKey, usePracticeId } from './practice.ts';

/** URL segment of each resource (the API's RECORD_PATHS). */
export type ResourcePath =
  | 'offers'
  | 'clients'
  | 'payments'
  | 'time-entries'
  | 'costs'
  | 'conversations';

export type RecordRow = { id: string } & Record<string, unknown>;

export function useRecordPage(resource: ResourcePath, query: Query) {
  const id = usePracticeId();
  return useQuery({
    queryKey: practiceKey(id, 'records', resource, query),
    queryFn: ({ signal }) =>
      request<Page<RecordRow>>('GET', `/practices/${id}/${resource}`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every offer (a practice has few), for names and pickers. */
export function useOffers() {
  const id = usePracticeId();
  return useQuery({
    queryKey: practiceKey(id, 'records', 'offers', 'all'),
    queryFn: () =>
      request<Page<RecordRow>>('GET', `/practices/${id}/offers`, {
        query: { limit: 500, sort: 'name' },
      }),
    select: (page) => page.items as unknown as { id: string; name: string; kind: string }[],
  });
}

/** The first 500 clients by name, for names and pickers (the rest show their id). */
export function useClients() {
  const id = usePracticeId();
  return useQuery({
    queryKey: practiceKey(id, 'records', 'clients', 'all'),
    queryFn: () =>
      request<Page<RecordRow>>('GET', `/practices/${id}/clients`, {
        query: { limit: 500, sort: 'name' },
      }),
    select: (page) => page.items as unknown as { id: string; name: string }[],
  });
}

/** Create, change or delete a record; every list and report of the practice refreshes. */
export function useRecordWrite(resource: ResourcePath) {
  const id = usePracticeId();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { op: 'create' | 'update' | 'delete'; id?: string; body?: unknown }) => {
      const base = `/practices/${id}/${resource}`;
      if (input.op === 'create') return request<RecordRow>('POST', base, { body: input.body });
      const one = `${base}/${encodeURIComponent(input.id ?? '')}`;
      if (input.op === 'update') return request<RecordRow>('PATCH', one, { body: input.body });
      return request<RecordRow>('DELETE', one);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: practiceKey(id) }),
  });
}
