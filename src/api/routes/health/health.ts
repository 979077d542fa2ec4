/** `GET /healthz`: 200 when the database answers, 503 otherwise (for load balancers and probes). */
import { sql } from 'kysely';
import type { Deps } from '../../context.ts';
import { defineRoute, router } from '../define.ts';
import { healthSchema } from './schema.ts';

const health = defineRoute('public', {
  method: 'get',
  path: '/healthz',
  tags: ['health'],
  summary: 'Is the server up and its database reachable?',
  responses: {
    200: { description: 'Up', content: { 'application/json': { schema: healthSchema } } },
    503: {
      description: 'The database cannot be reached',
      content: { 'application/json': { schema: healthSchema } },
    },
  },
});

export function healthRoutes(deps: Deps) {
  return router().openapi(health, async (c) => {
    try {
      await sql`select 1`.execute(deps.store.db);
      return c.json({ status: 'ok' as const, database: 'ok' as const }, 200);
    } catch {
      return c.json({ status: 'unavailable' as const, database: 'unreachable' as const }, 503);
    }
  });
}
