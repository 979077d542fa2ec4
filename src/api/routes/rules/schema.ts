/** Schemas of import rules and of the inbox of unassigned imported rows. */
import { z } from '@hono/zod-openapi';
import { ACTIVITIES } from '../../../domain/model.ts';
import { APPLIES_TO, OPS } from '../../../domain/rules/model.ts';
import { pagingQuery, practiceParams } from '../common.schema.ts';

const targets = z
  .object({
    offerId: z.string().min(1).nullish(),
    activity: z.enum(ACTIVITIES).nullish(),
    channel: z.string().trim().min(1).nullish(),
    clientId: z.string().min(1).nullish(),
  })
  .strict()
  .openapi('RuleTargets');

export const ruleSchema = z
  .object({
    id: z.string(),
    name: z.string().nullish(),
    appliesTo: z.enum(APPLIES_TO),
    when: z.array(z.object({ field: z.string(), op: z.enum(OPS), value: z.string() })),
    then: targets,
  })
  .openapi('Rule');

export const ruleListSchema = z.object({ items: z.array(ruleSchema) }).openapi('RuleList');

export const newRuleBody = z
  .object({
    /** The conditions as typed: `description contains "VIP" and amount gt 100`. */
    when: z.string().trim().min(1).max(2000).openapi({ example: 'description contains "VIP"' }),
    then: targets,
    appliesTo: z.enum(APPLIES_TO).optional(),
    name: z.string().max(200).nullish(),
    id: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .openapi('NewRule');

export const ruleParams = practiceParams.extend({
  ruleId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'ruleId', in: 'path' } }),
});

export const applySummarySchema = z
  .object({
    rows: z.number().int(),
    changed: z.number().int(),
    added: z.number().int(),
    removed: z.number().int(),
    unassigned: z.number().int(),
  })
  .openapi('ApplySummary');

export const unassignedQuery = pagingQuery;

export const unassignedPageSchema = z
  .object({
    total: z.number().int(),
    rows: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(['payment', 'time', 'cost']),
        date: z.string(),
        amount: z.number().nullable(),
        currency: z.string().nullable(),
        hours: z.number().nullable(),
        file: z.string(),
        line: z.number().int(),
        attributes: z.record(z.string(), z.string()),
      }),
    ),
    common: z.record(z.string(), z.array(z.object({ value: z.string(), rows: z.number().int() }))),
  })
  .openapi('UnassignedPage');
