/**
 * The six record resources of a practice — offers, clients, payments, time entries,
 * costs, conversations — each with list (paged, searched, sorted, filtered), get,
 * create, update and delete, under `/api/practices/{practiceId}/<resource>`.
 */
import type { z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import {
  createRecordAs,
  deleteRecordAs,
  getRecordAs,
  listRecordsJsonAs,
  RECORD_RESOURCES,
  type RecordResource,
  type RecordTypes,
  updateRecordAs,
} from '../../../app/records.ts';
import type { Deps } from '../../context.ts';
import {
  errors,
  json,
  jsonBody,
  okSchema,
  practiceErrors,
  practiceParams,
  recordParams,
} from '../common.schema.ts';
import { defineRoute, router } from '../define.ts';
import { createSchema, listQuerySchema, pageSchema, recordSchema, updateSchema } from './schema.ts';

/** URL segment of each resource. */
export const RECORD_PATHS = {
  offers: 'offers',
  clients: 'clients',
  payments: 'payments',
  timeEntries: 'time-entries',
  costs: 'costs',
  conversations: 'conversations',
} as const satisfies Record<RecordResource, string>;

function routesOf<R extends RecordResource>(resource: R) {
  const base: `/api/practices/{practiceId}/${(typeof RECORD_PATHS)[R]}` = `/api/practices/{practiceId}/${RECORD_PATHS[resource]}`;
  const noun = RECORD_RESOURCES[resource].noun;
  const a = /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
  const plural = noun.replace(/y$/, 'ie').concat('s');
  const tags = [resource];
  const record = recordSchema(resource);
  return {
    list: defineRoute('read', {
      method: 'get',
      path: base,
      tags,
      summary: `List ${plural}: paged, searched (q), sorted, filtered`,
      request: { params: practiceParams, query: listQuerySchema(resource) },
      responses: { 200: json(pageSchema(resource), 'A page'), ...errors(400, ...practiceErrors) },
    }),
    get: defineRoute('read', {
      method: 'get',
      path: `${base}/{id}` as `${typeof base}/{id}`,
      tags,
      summary: `One ${noun}`,
      request: { params: recordParams },
      responses: { 200: json(record, `The ${noun}`), ...errors(...practiceErrors) },
    }),
    create: defineRoute('write', {
      method: 'post',
      path: base,
      tags,
      summary: `Create ${a} (id generated unless given)`,
      request: { params: practiceParams, body: jsonBody(createSchema(resource)) },
      responses: { 201: json(record, `The new ${noun}`), ...errors(400, ...practiceErrors, 409) },
    }),
    update: defineRoute('write', {
      method: 'patch',
      path: `${base}/{id}` as `${typeof base}/{id}`,
      tags,
      summary: `Change fields of ${a}`,
      request: { params: recordParams, body: jsonBody(updateSchema(resource)) },
      responses: { 200: json(record, `The ${noun}`), ...errors(400, ...practiceErrors, 409) },
    }),
    remove: defineRoute('write', {
      method: 'delete',
      path: `${base}/{id}` as `${typeof base}/{id}`,
      tags,
      summary: `Delete ${a}${RECORD_RESOURCES[resource].referencedBy.length ? ' (refused while records use it)' : ''}`,
      request: { params: recordParams },
      responses: { 200: json(okSchema, 'Deleted'), ...errors(...practiceErrors, 409) },
    }),
  };
}

/** Declared once, when this module loads (so the route table holds each route once). */
const OFFERS = routesOf('offers');
const CLIENTS = routesOf('clients');
const PAYMENTS = routesOf('payments');
const TIME_ENTRIES = routesOf('timeEntries');
const COSTS = routesOf('costs');
const CONVERSATIONS = routesOf('conversations');

function recordRoutesOf<R extends RecordResource>(
  deps: Deps,
  resource: R,
  r: ReturnType<typeof routesOf<R>>,
) {
  const filters = RECORD_RESOURCES[resource].filters;
  return router()
    .openapi(r.list, async (c) => {
      const query = c.req.valid('query') as Record<string, unknown> & {
        limit: number;
        offset: number;
      };
      const picked: Record<string, string> = {};
      for (const f of filters) if (typeof query[f] === 'string') picked[f] = query[f] as string;
      // The page's JSON (UTF-8 bytes), kept until the practice's data changes (app/records.ts).
      const text = await listRecordsJsonAs(deps.store, c.get('access'), resource, {
        limit: query.limit,
        offset: query.offset,
        q: query.q as string | undefined,
        sort: query.sort as string | undefined,
        from: query.from as string | undefined,
        to: query.to as string | undefined,
        after: query.after as string | undefined,
        filters: picked,
      });
      const response = c.body(text, 200, { 'Content-Type': 'application/json' });
      // The body is the page's JSON: typed as the page it is, for the web client.
      return response as unknown as TypedResponse<
        z.infer<ReturnType<typeof pageSchema<R>>>,
        200,
        'json'
      >;
    })
    .openapi(r.get, async (c) =>
      c.json(
        (await getRecordAs(
          deps.store,
          c.get('access'),
          resource,
          c.req.valid('param').id,
        )) as unknown as z.infer<ReturnType<typeof recordSchema<R>>>,
        200,
      ),
    )
    .openapi(r.create, async (c) =>
      c.json(
        (await createRecordAs(
          deps.store,
          c.get('access'),
          resource,
          c.req.valid('json') as unknown as Omit<RecordTypes[R], 'id'>,
        )) as unknown as z.infer<ReturnType<typeof recordSchema<R>>>,
        201,
      ),
    )
    .openapi(r.update, async (c) =>
      c.json(
        (await updateRecordAs(
          deps.store,
          c.get('access'),
          resource,
          c.req.valid('param').id,
          c.req.valid('json') as unknown as Partial<Omit<RecordTypes[R], 'id'>>,
        )) as unknown as z.infer<ReturnType<typeof recordSchema<R>>>,
        200,
      ),
    )
    .openapi(r.remove, async (c) => {
      await deleteRecordAs(deps.store, c.get('access'), resource, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    });
}

/** All six record resources. */
export function recordRoutes(deps: Deps) {
  return router()
    .route('/', recordRoutesOf(deps, 'offers', OFFERS))
    .route('/', recordRoutesOf(deps, 'clients', CLIENTS))
    .route('/', recordRoutesOf(deps, 'payments', PAYMENTS))
    .route('/', recordRoutesOf(deps, 'timeEntries', TIME_ENTRIES))
    .route('/', recordRoutesOf(deps, 'costs', COSTS))
    .route('/', recordRoutesOf(deps, 'conversations', CONVERSATIONS));
}
