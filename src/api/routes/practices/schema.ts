/** Schemas of practices: settings in, a practice with the caller's role out. */
import { z } from '@hono/zod-openapi';
import { isTimeZone } from '../../../domain/dates.ts';
import { isCurrencyCode } from '../../../domain/money.ts';
import { roleSchema } from '../auth/schema.ts';
import { isoDate } from '../common.schema.ts';

const currency = z
  .string()
  .refine(isCurrencyCode, 'expected an ISO 4217 currency code in capitals, such as USD')
  .openapi({ example: 'USD' });

const targets = z
  .object({
    monthlyServiceIncome: z.number().nonnegative().optional(),
    yearsInBusiness: z.number().nonnegative().optional(),
    buyers: z.number().nonnegative().optional(),
    nicheShare: z.number().min(0).max(1).optional(),
    conversations: z.number().nonnegative().optional(),
    highTicketPrice: z.number().nonnegative().optional(),
  })
  .strict()
  .openapi('Targets');

const settings = {
  name: z.string().trim().min(1, 'expected the practice name').max(200),
  currency,
  timezone: z
    .string()
    .refine(isTimeZone, 'expected an IANA time zone such as Europe/Paris')
    .openapi({ example: 'America/New_York' }),
  startedOn: isoDate.nullable(),
  niche: z.string().max(500).nullable(),
  weeklyCapacityHours: z.number().positive().max(168).nullable(),
  liveSessions: z.boolean(),
  targets,
};

export const newPracticeBody = z
  .object({
    name: settings.name,
    currency: settings.currency,
    timezone: settings.timezone.default('UTC'),
    startedOn: settings.startedOn.default(null),
    niche: settings.niche.default(null),
    weeklyCapacityHours: settings.weeklyCapacityHours.default(null),
    liveSessions: settings.liveSessions.default(true),
    targets: settings.targets.default({}),
  })
  .strict()
  .openapi('NewPractice');

export const practiceChangesBody = z.object(settings).partial().strict().openapi('PracticeChanges');

export const practiceSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    currency: z.string(),
    timezone: z.string(),
    startedOn: z.string().nullable(),
    niche: z.string().nullable(),
    weeklyCapacityHours: z.number().nullable(),
    liveSessions: z.boolean(),
    targets: z.record(z.string(), z.number()),
    createdAt: z.string(),
    updatedAt: z.string(),
    role: roleSchema,
  })
  .openapi('Practice');

export const practiceListSchema = z
  .object({
    items: z.array(
      z.object({ id: z.number().int(), name: z.string(), currency: z.string(), role: roleSchema }),
    ),
  })
  .openapi('PracticeList');
