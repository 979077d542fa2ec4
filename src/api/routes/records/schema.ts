/**
 * Schemas of the six record resources — the model's fields, money in integer minor
 * units of the record's currency (refunds negative), dates `YYYY-MM-DD` — and of their
 * list queries (paging by offset or cursor, search, sort, date range, filters).
 */
import { z } from '@hono/zod-openapi';
import { RECORD_RESOURCES, type RecordResource } from '../../../app/records.ts';
import { ACTIVITIES, OFFER_KINDS, OUTCOMES } from '../../../domain/model.ts';
import { isCurrencyCode } from '../../../domain/money.ts';
import { isoDate, pagingQuery } from '../common.schema.ts';

const id = z.string().trim().min(1).max(200);
const ref = id.nullable();
const text = z.string().max(2000).nullable();
const minor = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const currency = z
  .string()
  .refine(isCurrencyCode, 'expected an ISO 4217 currency code in capitals, such as USD')
  .openapi({ example: 'USD' });

/** The fields of each resource (without `id`): what a create takes; an update takes any of them. */
export const RECORD_FIELDS = {
  offers: {
    name: z.string().trim().min(1).max(500),
    kind: z.enum(OFFER_KINDS),
    price: minor.nonnegative().nullable(),
    launchedOn: isoDate.nullable(),
  },
  clients: {
    name: z.string().trim().min(1).max(500),
    email: text,
    segment: text,
    source: text,
    referredBy: ref,
  },
  payments: {
    date: isoDate,
    amount: minor,
    currency,
    fee: minor.nonnegative().nullable(),
    clientId: ref,
    offerId: ref,
    externalId: text,
    note: text,
  },
  timeEntries: {
    date: isoDate,
    hours: z.number().positive().max(24),
    activity: z.enum(ACTIVITIES),
    offerId: ref,
    clientId: ref,
    channel: text,
    note: text,
  },
  costs: {
    date: isoDate,
    amount: minor.positive(),
    currency,
    offerId: ref,
    channel: text,
    category: text,
  },
  conversations: {
    date: isoDate,
    prospect: text,
    channel: text,
    offerId: ref,
    outcome: z.enum(OUTCOMES),
    clientId: ref,
  },
} as const;

const NAMES: Record<RecordResource, string> = {
  offers: 'Offer',
  clients: 'Client',
  payments: 'Payment',
  timeEntries: 'TimeEntry',
  costs: 'Cost',
  conversations: 'Conversation',
};

type Fields<R extends RecordResource> = (typeof RECORD_FIELDS)[R];

/** The record as the API returns it. */
export function recordSchema<R extends RecordResource>(resource: R) {
  return z.object({ id: z.string(), ...RECORD_FIELDS[resource] }).openapi(NAMES[resource]);
}

/** A create body: every field, nullable ones defaulting to null; `id` optional (generated). */
export function createSchema<R extends RecordResource>(resource: R) {
  const fields: Record<string, z.ZodType> = {};
  for (const [name, schema] of Object.entries(
    RECORD_FIELDS[resource] as Record<string, z.ZodType>,
  )) {
    fields[name] = schema.safeParse(null).success ? schema.default(null) : schema;
  }
  return z
    .object({ id: id.optional(), ...fields })
    .strict()
    .openapi(`New${NAMES[resource]}`) as unknown as z.ZodObject<
    { id: z.ZodOptional<typeof id> } & {
      [K in keyof Fields<R>]: null extends z.input<Fields<R>[K]>
        ? z.ZodDefault<Fields<R>[K] & z.ZodType>
        : Fields<R>[K];
    }
  >;
}

/** An update body: any fields but `id`. */
export function updateSchema<R extends RecordResource>(resource: R) {
  return z
    .object(RECORD_FIELDS[resource] as Fields<R>)
    .partial()
    .strict()
    .openapi(`${NAMES[resource]}Changes`);
}

/** The list query: paging (`limit`, `offset`, `after`), `q`, `sort` (`date`, `-date`, …), `from`/`to`, and the resource's filters. */
export function listQuerySchema(resource: RecordResource) {
  const spec = RECORD_RESOURCES[resource];
  const sorts = spec.sort.flatMap((s) => [s, `-${s}`]) as [string, ...string[]];
  const filters: Record<string, z.ZodOptional<z.ZodString>> = {};
  for (const f of spec.filters) filters[f] = z.string().min(1).max(200).optional();
  return pagingQuery.extend({
    q: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: `searches ${spec.search.join(', ')}` }),
    sort: z.enum(sorts).optional().openapi({ description: 'a field; `-` first for descending' }),
    from: isoDate.optional().openapi({ description: 'first date (inclusive)' }),
    to: isoDate.optional().openapi({ description: 'last date (inclusive)' }),
    after: z.string().min(1).max(2000).optional().openapi({
      description:
        "a page's `nextCursor`: the page after it, in the same sort (keyset paging, as fast at any depth); `offset` then counts from the cursor",
    }),
    ...filters,
  });
}

export function pageSchema<R extends RecordResource>(resource: R) {
  return z
    .object({
      total: z.number().int(),
      limit: z.number().int(),
      offset: z.number().int(),
      items: z.array(recordSchema(resource)),
      nextCursor: z.string().nullable().openapi({
        description:
          'pass as `after` (same sort and filters) for the next page; null on the last page',
      }),
    })
    .openapi(`${NAMES[resource]}Page`);
}
