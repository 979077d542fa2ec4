/**
 * `POST …/forecast`: the seeded Monte Carlo forecast of the practice, baseline and
 * scenarios (a POST for its body of scenarios; it changes nothing, so every member may
 * call it). `GET …/forecast/model`: the fitted model the web page's worker simulates on.
 */

import { forecastJsonAs, forecastModelJsonAs } from '../../../app/forecast.ts';
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
      // JSON text, kept per request until the data changes (app/forecast.ts).
      const text = await forecastJsonAs(deps.store, c.get('access'), c.req.valid('json'));
      const response = c.body(text, 200, { 'Content-Type': 'application/json' });
      return response as never; // the text is the document the schema describes
    })
    .openapi(model, async (c) => {
      const text = await forecastModelJsonAs(deps.store, c.get('access'));
      const response = c.body(text, 200, { 'Content-Type': 'application/json' });
      return response as never; // the text is the document the schema describes
    });
}
