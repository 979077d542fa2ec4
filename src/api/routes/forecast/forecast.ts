/**
 * `POST …/forecast`: the seeded Monte Carlo forecast of the practice, baseline and
 * scenarios (a POST for its body of scenarios; it changes nothing, so every member may
 * call it). `GET …/forecast/model`: the fitted model the web page's worker simulates on.
 */
import { forecastAs, forecastModelAs } from '../../../app/forecast.ts';
import type { Deps } from '../../context.ts';
import { errors, json, jsonBody, practiceErrors, practiceParams } from '../common.schema.ts';
import { defineRoute, router } from '../define.ts';
import { forecastBody, forecastModelSchema, forecastSchema } from './schema.ts';

const tags = ['forecast'];

const run = defineRoute('read', {
  method: 'post',
  path: '/api/practices/{practiceId}/forecast',
  tags,
  summary:
    'Forecast the next months, baseline and what-if scenarios (the document of `fulcrum forecast --json`)',
  request: { params: practiceParams, body: jsonBody(forecastBody) },
  responses: {
    200: json(forecastSchema, 'P10/P50/P90 per month of revenue, hours and hourly rate'),
    ...errors(400, ...practiceErrors, 422),
  },
});

const model = defineRoute('read', {
  method: 'get',
  path: '/api/practices/{practiceId}/forecast/model',
  tags,
  summary: 'The fitted forecast model, for simulating scenarios in the browser',
  request: { params: practiceParams },
  responses: {
    200: json(forecastModelSchema, 'The fitted model'),
    ...errors(...practiceErrors, 422),
  },
});

export function forecastRoutes(deps: Deps) {
  return router()
    .openapi(run, async (c) => {
      const document = await forecastAs(deps.store, c.get('access'), c.req.valid('json'));
      return c.json(document, 200);
    })
    .openapi(model, async (c) => {
      const encoded = await forecastModelAs(deps.store, c.get('access'));
      return c.json(encoded, 200);
    });
}
