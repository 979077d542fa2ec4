/** Practices: the caller's list, create one (as its owner), read, change settings, delete. */
import {
  createPracticeAs,
  deletePracticeAs,
  getPracticeAs,
  listMyPractices,
  updatePracticeAs,
} from '../../../app/my-practices.ts';
import type { Deps } from '../../context.ts';
import { sessionOf } from '../../security.ts';
import {
  errors,
  json,
  jsonBody,
  okSchema,
  practiceErrors,
  practiceParams,
} from '../common.schema.ts';
import { defineRoute, router } from '../define.ts';
import {
  newPracticeBody,
  practiceChangesBody,
  practiceListSchema,
  practiceSchema,
} from './schema.ts';

const tags = ['practices'];

const list = defineRoute('user', {
  method: 'get',
  path: '/api/practices',
  tags,
  summary: 'The practices you belong to, with your role',
  responses: { 200: json(practiceListSchema, 'Your practices'), ...errors(401) },
});

const create = defineRoute('user', {
  method: 'post',
  path: '/api/practices',
  tags,
  summary: 'Create a practice; you become its owner',
  request: { body: jsonBody(newPracticeBody) },
  responses: { 201: json(practiceSchema, 'The new practice'), ...errors(400, 401, 403, 409) },
});

const get = defineRoute('read', {
  method: 'get',
  path: '/api/practices/{practiceId}',
  tags,
  summary: "A practice's settings and your role",
  request: { params: practiceParams },
  responses: { 200: json(practiceSchema, 'The practice'), ...errors(...practiceErrors) },
});

const update = defineRoute('write', {
  method: 'patch',
  path: '/api/practices/{practiceId}',
  tags,
  summary: "Change a practice's settings (editors, owners)",
  request: { params: practiceParams, body: jsonBody(practiceChangesBody) },
  responses: { 200: json(practiceSchema, 'The practice'), ...errors(400, ...practiceErrors, 409) },
});

const remove = defineRoute('manage', {
  method: 'delete',
  path: '/api/practices/{practiceId}',
  tags,
  summary: 'Delete a practice and all its records (owners)',
  request: { params: practiceParams },
  responses: { 200: json(okSchema, 'Deleted'), ...errors(...practiceErrors) },
});

export function practiceRoutes(deps: Deps) {
  return router()
    .openapi(list, async (c) =>
      c.json({ items: await listMyPractices(deps.store, sessionOf(c).actor) }, 200),
    )
    .openapi(create, async (c) =>
      c.json(
        await createPracticeAs(deps.store, sessionOf(c).actor, c.req.valid('json'), deps.now()),
        201,
      ),
    )
    .openapi(get, async (c) => c.json(await getPracticeAs(deps.store, c.get('access')), 200))
    .openapi(update, async (c) =>
      c.json(
        await updatePracticeAs(deps.store, c.get('access'), c.req.valid('json'), deps.now()),
        200,
      ),
    )
    .openapi(remove, async (c) => {
      await deletePracticeAs(deps.store, c.get('access'));
      return c.json({ ok: true as const }, 200);
    });
}
