/** The report's query (period and lever assumptions) and its document (spec/analysis.md). */
import { z } from '@hono/zod-openapi';
import { ASSUMPTION_NOTES, ASSUMPTIONS } from '../../../domain/analysis/assumptions.ts';
import { isoDate } from '../common.schema.ts';

const assumptions: Record<string, z.ZodOptional<z.ZodCoercedNumber>> = {};
for (const [name, note] of Object.entries(ASSUMPTION_NOTES)) {
  assumptions[name] = z.coerce
    .number()
    .optional()
    .openapi({ description: `${note} (default ${ASSUMPTIONS[name as keyof typeof ASSUMPTIONS]})` });
}

/** `from`, `to`, and one parameter per lever assumption (`raise=0.15`). */
export const reportQuery = z.object({
  from: isoDate.optional().openapi({ description: 'first day (default: a year before `to`)' }),
  to: isoDate.optional().openapi({ description: 'last day (default: the latest record)' }),
  ...assumptions,
});

export const ASSUMPTION_PARAMS = Object.keys(ASSUMPTION_NOTES);

export const reportSchema = z.record(z.string(), z.unknown()).openapi('Report', {
  description:
    'The report document of spec/analysis.md, exactly as `fulcrum report --json` prints it: ' +
    'period, totals, streams, readiness, levers, ladder, explanations. Money in minor units.',
});
