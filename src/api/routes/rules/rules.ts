/** Import rules (list, add, remove, re-apply to every imported row) and the inbox of unassigned rows. */
import {
  addRuleAs,
  applyRulesAs,
  listRulesAs,
  removeRuleAs,
  unassignedAs,
} from '../../../app/as-member.ts';
import type { NewRule } from '../../../app/rules.ts';
import type { Deps } from '../../context.ts';
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
  applySummarySchema,
  newRuleBody,
  ruleListSchema,
  ruleParams,
  ruleSchema,
  unassignedPageSchema,
  unassignedQuery,
} from './schema.ts';

const tags = ['rules'];

const list = defineRoute('read', {
  method: 'get',
  path: '/api/practices/{practiceId}/rules',
  tags,
  summary: 'The import rules, in the order they apply',
  request: { params: practiceParams },
  responses: { 200: json(ruleListSchema, 'Rules'), ...errors(...practiceErrors) },
});

const add = defineRoute('write', {
  method: 'post',
  path: '/api/practices/{practiceId}/rules',
  tags,
  summary: 'Add a rule at the end (conditions as typed text)',
  request: { params: practiceParams, body: jsonBody(newRuleBody) },
  responses: { 201: json(ruleSchema, 'The rule'), ...errors(400, ...practiceErrors, 409) },
});

const remove = defineRoute('write', {
  method: 'delete',
  path: '/api/practices/{practiceId}/rules/{ruleId}',
  tags,
  summary: 'Remove a rule',
  request: { params: ruleParams },
  responses: { 200: json(okSchema, 'Removed'), ...errors(...practiceErrors) },
});

const apply = defineRoute('write', {
  method: 'post',
  path: '/api/practices/{practiceId}/rules/apply',
  tags,
  summary: 'Re-apply the rules to every imported row',
  request: { params: practiceParams },
  responses: { 200: json(applySummarySchema, 'What changed'), ...errors(...practiceErrors) },
});

const unassigned = defineRoute('read', {
  method: 'get',
  path: '/api/practices/{practiceId}/unassigned',
  tags: ['imports'],
  summary: 'The inbox: imported rows no rule assigned, and their most common values',
  request: { params: practiceParams, query: unassignedQuery },
  responses: {
    200: json(unassignedPageSchema, 'A page of the inbox'),
    ...errors(400, ...practiceErrors),
  },
});

export function ruleRoutes(deps: Deps) {
  return router()
    .openapi(list, async (c) =>
      c.json({ items: await listRulesAs(deps.store, c.get('access')) }, 200),
    )
    .openapi(add, async (c) =>
      c.json(await addRuleAs(deps.store, c.get('access'), c.req.valid('json') as NewRule), 201),
    )
    .openapi(remove, async (c) => {
      await removeRuleAs(deps.store, c.get('access'), c.req.valid('param').ruleId);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(apply, async (c) => c.json(await applyRulesAs(deps.store, c.get('access')), 200))
    .openapi(unassigned, async (c) =>
      c.json(await unassignedAs(deps.store, c.get('access'), c.req.valid('query')), 200),
    );
}
