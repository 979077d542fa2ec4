/** `GET …/report`: the analysis of spec/analysis.md for a period, with lever assumptions. */
import type { TypedResponse } from 'hono';
import type { JSONValue } from 'hono/utils/types';
import { reportJsonAs } from '../../../app/report-cache.ts';
import type { Deps } from '../../context.ts';
import { errors, json, practiceErrors, practiceParams } from '../common.schema.ts';
import { defineRoute, router } from '../define.ts';
import { ASSUMPTION_PARAMS, reportQuery, reportSchema } from './schema.ts';

const report = defineRoute('read', {
  method: 'get',
  path: '/api/practices/{practiceId}/report',
  tags: ['report'],
  summary:
    'The report: streams, readiness, levers, ladder (the document of `fulcrum report --json`)',
  request: { params: practiceParams, query: reportQuery },
  responses: {
    200: json(reportSchema, 'The report document'),
    ...errors(400, ...practiceErrors, 422),
  },
});

export function reportRoutes(deps: Deps) {
  return router().openapi(report, async (c) => {
    const query = c.req.valid('query') as Record<string, unknown> & { from?: string; to?: string };
    const assumptions: Record<string, number> = {};
    for (const name of ASSUMPTION_PARAMS) {
      if (typeof query[name] === 'number') assumptions[name] = query[name];
    }
    // The document's JSON text, kept per practice, period and assumptions until the
    // practice's data changes (app/report-cache.ts): a repeated question costs a look-up.
    const text = await reportJsonAs(deps.store, c.get('access'), {
      from: query.from,
      to: query.to,
      assumptions,
    });
    const response = c.body(text, 200, { 'Content-Type': 'application/json' });
    // The body is the document's JSON text: typed as the JSON it is, for the web client.
    return response as unknown as TypedResponse<Record<string, JSONValue>, 200, 'json'>;
  });
}
