/** `GET …/report`: the analysis of spec/analysis.md for a period, with lever assumptions. */
import { reportAs } from '../../../app/as-member.ts';
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
    const document = await reportAs(deps.store, c.get('access'), {
      from: query.from,
      to: query.to,
      assumptions,
    });
    return c.json(document as unknown as Record<string, unknown>, 200);
  });
}
