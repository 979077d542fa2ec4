/**
 * The forecast's request (months, runs, seed and scenarios, each scenario validated by
 * the domain's own schema) and its document (domain/forecast/document.ts), plus the
 * fitted model the web page simulates on.
 */
import { z } from '@hono/zod-openapi';
import { FORECAST_DEFAULTS, MODEL_FORMAT, scenarioSchema } from '../../../domain/forecast/index.ts';

/** Limits of the API, narrower than the domain's: one request stays under a few seconds. */
export const API_FORECAST_LIMITS = { months: 36, runs: [1000, 10_000], scenarios: 6 } as const;

export const forecastBody = z
  .object({
    months: z
      .number()
      .int()
      .min(1)
      .max(API_FORECAST_LIMITS.months)
      .optional()
      .openapi({ description: `forecast months (default ${FORECAST_DEFAULTS.months})` }),
    runs: z
      .number()
      .int()
      .min(API_FORECAST_LIMITS.runs[0])
      .max(API_FORECAST_LIMITS.runs[1])
      .optional()
      .openapi({ description: `simulated runs (default ${FORECAST_DEFAULTS.runs})` }),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional()
      .openapi({
        description: `random seed: the same seed gives the same numbers (default ${FORECAST_DEFAULTS.seed})`,
      }),
    scenarios: z.array(scenarioSchema).max(API_FORECAST_LIMITS.scenarios).optional().openapi({
      description:
        'what-if scenarios, each a name and its changes (the format of `fulcrum forecast --scenario FILE.json`, docs/forecast.md)',
    }),
  })
  .strict()
  .openapi('ForecastRequest');

const band = z.object({ p10: z.number(), p50: z.number(), p90: z.number() }).openapi('Band');
const summary = z.object({
  revenue: band,
  hours: band,
  effectiveHourlyRate: band.nullable(),
});
const series = {
  revenue: z
    .array(band)
    .openapi({ description: 'per month, major units of the practice currency' }),
  hours: z.array(band),
  effectiveHourlyRate: z
    .array(band.nullable())
    .openapi({ description: 'revenue ÷ hours run by run, before costs' }),
  quarters: z.array(summary),
  total: summary,
};

export const forecastSchema = z
  .object({
    asOf: z.string(),
    currency: z.string(),
    months: z.array(z.string()).openapi({ example: ['2026-11', '2026-12'] }),
    quarters: z.array(z.object({ label: z.string(), from: z.string(), to: z.string() })),
    runs: z.number(),
    seed: z.number(),
    model: z
      .object({
        method: z.enum(['block_bootstrap', 'fitted']),
        notes: z.array(z.string()),
      })
      .passthrough(),
    baseline: z.object(series),
    scenarios: z.array(
      z.object({
        name: z.string(),
        description: z.string().nullable(),
        changes: z.array(z.record(z.string(), z.unknown())),
        ...series,
        extraHours: z
          .array(band)
          .openapi({ description: 'scenario hours − baseline hours in the same run, per month' }),
        quarterExtraHours: z.array(band),
        totalExtraHours: band,
      }),
    ),
  })
  .openapi('Forecast', {
    description:
      'The forecast document of `fulcrum forecast --json`: P10/P50/P90 per month of revenue, hours and effective hourly rate, baseline and scenarios',
  });

export const forecastModelSchema = z
  .object({
    format: z.literal(MODEL_FORMAT),
    model: z.record(z.string(), z.unknown()),
    history: z.object({
      currency: z.string(),
      months: z.array(z.string()),
      revenue: z.array(z.number()),
      hours: z.array(z.number()),
      effectiveHourlyRate: z.array(z.number().nullable()),
    }),
  })
  .openapi('ForecastModel', {
    description:
      'The fitted model, JSON-safe (typed arrays as `{ "$typed", "values" }`), and the full months of history: the web page simulates scenarios on it in a worker, to the same numbers as POST …/forecast',
  });
