/**
 * zod schemas for rules as they travel: the bundle's optional `rules` section and the
 * API bodies. Besides the shape, a condition must pass `checkCondition` (numbers where
 * numbers are compared, a safe regular expression for `matches`…) and a rule must set at
 * least one target.
 */
import { z } from 'zod';
import { ACTIVITIES } from '../model.ts';
import { checkCondition, FIELD_PATTERN } from './check.ts';
import { APPLIES_TO, OPS, TARGET_FIELDS } from './model.ts';

const id = z.string().min(1, 'expected a non-empty id');
const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

export const conditionSchema = z
  .strictObject({
    field: z.string().regex(FIELD_PATTERN, 'expected a field name such as description or amount'),
    op: z.enum(OPS),
    value: z.string(),
  })
  .superRefine((condition, ctx) => {
    const problem = checkCondition(condition);
    // A bad field name is already reported by the regex above.
    if (problem && problem.part !== 'field')
      ctx.addIssue({ code: 'custom', path: [problem.part], message: problem.message });
  });

export const ruleTargetsSchema = z
  .strictObject({
    offerId: opt(id),
    activity: opt(z.enum(ACTIVITIES)),
    channel: opt(z.string().trim().min(1, 'expected a channel name')),
    clientId: opt(id),
  })
  .refine((then) => TARGET_FIELDS.some((field) => then[field] != null), {
    message: 'a rule must set at least one of offerId, activity, channel, clientId',
  });

export const ruleSchema = z.strictObject({
  id,
  name: opt(z.string()),
  appliesTo: z.enum(APPLIES_TO),
  when: z.array(conditionSchema).min(1, 'a rule needs at least one condition'),
  then: ruleTargetsSchema,
});

/** A list of rules, in the order they apply; ids must be unique. */
export const rulesSchema = z.array(ruleSchema).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    if (seen.has(rule.id)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'id'],
        message: `duplicate rule id "${rule.id}"`,
      });
    }
    seen.add(rule.id);
  });
});

export type RuleInput = z.input<typeof ruleSchema>;
