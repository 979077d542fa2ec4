/**
 * The scenario file: a name and a list of changes to the practice, validated by zod with
 * messages a person can act on, each naming the JSON path (`changes[0].raisePercent`).
 * Money is in major units of the practice currency; percentages are written as
 * percentages (10 for 10%); `fromMonth` is the forecast month a change starts (1 = the
 * first).
 */
import { z } from 'zod';
import { OFFER_KINDS, SERVICE_KINDS } from '../model.ts';

const num = (min: number, max: number, what: string) =>
  z
    .number({ error: (i) => (i.input === undefined ? `required: ${what}` : `expected ${what}`) })
    .min(min, `expected ${what} of at least ${min}`)
    .max(max, `expected ${what} of at most ${max}`);
const whole = (min: number, max: number, what: string) =>
  num(min, max, what).int(`expected ${what}: a whole number`);
const fromMonth = whole(1, 120, 'a forecast month (1 = the first)').default(1);
const percent = (what: string) => num(0, 100, `${what} as a percentage from 0 to 100`);

export const raiseRatesSchema = z.strictObject({
  type: z.literal('raise_rates'),
  raisePercent: num(-90, 500, 'the raise as a percentage (10 for 10%)'),
  clientLossPercent: percent('the share of clients lost').default(0),
  kinds: z
    .array(z.enum(OFFER_KINDS))
    .min(1, 'expected at least one offer kind')
    .default([...SERVICE_KINDS]),
  fromMonth,
});

export const moreConversationsSchema = z.strictObject({
  type: z.literal('more_conversations'),
  perWeek: num(0, 100, 'the extra sales conversations a week'),
  closeRatePercent: percent('the close rate').optional(),
  hoursPerConversation: num(0, 24, 'hours per conversation').optional(),
  fromMonth,
});

const channelName = z
  .string({ error: 'expected a channel name' })
  .trim()
  .min(1, 'expected a channel name');

export const shiftMarketingSchema = z
  .strictObject({
    type: z.literal('shift_marketing'),
    hoursPerMonth: num(0, 744, 'marketing hours a month'),
    from: channelName,
    to: channelName,
    newClientsPerHour: z
      .strictObject({
        from: num(0, 100, 'new clients per marketing hour').optional(),
        to: num(0, 100, 'new clients per marketing hour').optional(),
      })
      .optional(),
    fromMonth,
  })
  .refine((c) => c.from.toLowerCase() !== c.to.toLowerCase(), {
    path: ['to'],
    message: 'expected a channel other than "from"',
  });

export const launchOfferSchema = z.strictObject({
  type: z.literal('launch_offer'),
  name: z.string({ error: 'expected the offer name' }).trim().min(1, 'expected the offer name'),
  kind: z.enum(OFFER_KINDS),
  price: num(0, 10_000_000, 'the price of one sale in the practice currency'),
  creationHours: num(0, 10_000, 'creation hours').default(0),
  creationMonths: whole(0, 36, 'months of creation before launch').optional(),
  upkeepHoursPerMonth: num(0, 744, 'upkeep hours a month').default(0),
  salesRamp: z
    .array(num(0, 100_000, 'expected sales in a month'), {
      error: 'expected a list of expected sales per month from launch, such as [2, 5, 8]',
    })
    .min(1, 'expected at least one month of expected sales')
    .max(120, 'expected at most 120 months of expected sales'),
  deliveryHoursPerSale: num(0, 1000, 'delivery hours per sale').default(0),
  deliveryMonths: whole(1, 36, 'months over which a sale is delivered').default(1),
  deliveryHoursPerMonth: num(0, 744, 'fixed delivery hours a month').default(0),
  refundPercent: percent('the share of sales refunded').default(0),
  demandUncertainty: num(0, 2, 'the demand uncertainty (lognormal sigma)').default(0.5),
  fromMonth,
});

export const capacitySchema = z.strictObject({
  type: z.literal('capacity'),
  hoursPerWeek: num(0, 168, 'hours a week'),
  fromMonth,
});

export const CHANGE_TYPES = [
  'raise_rates',
  'more_conversations',
  'shift_marketing',
  'launch_offer',
  'capacity',
] as const;

export const changeSchema = z.discriminatedUnion('type', [
  raiseRatesSchema,
  moreConversationsSchema,
  shiftMarketingSchema,
  launchOfferSchema,
  capacitySchema,
]);

export const scenarioSchema = z
  .strictObject({
    name: z.string({ error: 'expected a name' }).trim().min(1, 'expected a name').max(80),
    description: z.string().optional(),
    changes: z
      .array(changeSchema, { error: 'expected a list of changes' })
      .min(1, 'expected at least one change')
      .max(20, 'expected at most 20 changes'),
  })
  .superRefine((scenario, ctx) => {
    for (const type of ['raise_rates', 'capacity'] as const) {
      const at = scenario.changes.flatMap((c, i) => (c.type === type ? [i] : []));
      for (const i of at.slice(1)) {
        ctx.addIssue({
          code: 'custom',
          path: ['changes', i, 'type'],
          message: `a scenario has at most one ${type} change (the first is changes[${at[0]}])`,
        });
      }
    }
  });

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioChange = z.output<typeof changeSchema>;
export type ChangeOf<T extends ScenarioChange['type']> = Extract<ScenarioChange, { type: T }>;
