/** Schemas of the exports: the bundle (spec/bundle.md) and the CSV tables. */
import { z } from '@hono/zod-openapi';
import { practiceParams } from '../common.schema.ts';

export const CSV_TABLES = ['payments.csv', 'time-entries.csv', 'costs.csv'] as const;

export const csvParams = practiceParams.extend({
  table: z.enum(CSV_TABLES).openapi({ param: { name: 'table', in: 'path' } }),
});

export const bundleSchema = z.record(z.string(), z.unknown()).openapi('Bundle', {
  description:
    'The practice bundle of spec/bundle.md (money in major units), as `fulcrum export` writes it.',
});
