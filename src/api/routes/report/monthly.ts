/**
 * `GET …/report/monthly`: each stream's revenue, hours and effective hourly rate month by
 * month over a report's period (src/app/monthly.ts): the dashboard's monthly charts,
 * computed where the records are instead of in the browser.
 */
import { z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { type MonthlySeries, monthlyJsonAs } from '../../../app/monthly.ts';
import type { Deps } from '../../context.ts';
import { errors, isoDate, json, practiceErrors, practiceParams } from '../common.schema.ts';
import { defineRoute, router } from '../define.ts';

export const monthlyQuery = z.object({
  from: isoDate.optional().openapi({ description: 'first day (default: a year before `to`)' }),
  to: isoDate.optional().openapi({ description: 'last day (default: the latest record)' }),
});

const monthStream = z.object({
  revenue: z.number().openapi({ description: 'the stream’s revenue in the month, minor units' }),
  hours: z.number().openapi({ description: 'the stream’s hours in the month (hours.total)' }),
  effectiveHourlyRate: z
    .number()
    .nullable()
    .openapi({ description: 'net per hour in the month, major units; null without hours' }),
});

export const monthlySchema = z
  .object({
    period: z.object({ from: isoDate, to: isoDate, days: z.number().int() }),
    currency: z.string(),
    months: z.array(
      z.object({
        month: z.string().openapi({ example: '2025-06' }),
        from: isoDate,
        to: isoDate,
        streams: z.record(z.string(), monthStream).openapi({
          description:
            'by offer id; streams with neither revenue nor hours in the month are absent',
        }),
      }),
    ),
  })
  .openapi('MonthlySeries', {
    description:
      "Each month's figures are the report's stream figures with that month (cut to the period) as the period.",
  });

const monthly = defineRoute('read', {
  method: 'get',
  path: '/api/practices/{practiceId}/report/monthly',
  tags: ['report'],
  summary: 'Revenue, hours and hourly rate of each stream, month by month over the period',
  request: { params: practiceParams, query: monthlyQuery },
  responses: {
    200: json(monthlySchema, 'The monthly series'),
    ...errors(400, ...practiceErrors, 422),
  },
});

export function monthlyRoutes(deps: Deps) {
  return router().openapi(monthly, async (c) => {
    const { from, to } = c.req.valid('query');
    // The series' JSON text, kept until the practice's data changes (app/report-cache.ts).
    const text = await monthlyJsonAs(deps.store, c.get('access'), { from, to });
    const response = c.body(text, 200, { 'Content-Type': 'application/json' });
    return response as unknown as TypedResponse<MonthlySeries, 200, 'json'>;
  });
}
