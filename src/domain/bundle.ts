/**
 * The practice bundle, version 1 (spec/bundle.md): its zod schema, the referential
 * checks the schema cannot express, and the conversion to and from `PracticeData`.
 *
 * `readBundle(json)` never throws for bad input: it returns every problem found, each
 * named by its JSON path, so a bad bundle can be refused whole.
 */
import { z } from 'zod';
import { isIsoDate, isTimeZone } from './dates.ts';
import type { PracticeData } from './model.ts';
import { ACTIVITIES, OFFER_KINDS, OUTCOMES } from './model.ts';
import { decimalsOf, isCurrencyCode, minorDigits, toMajor, toMinor } from './money.ts';
import { findRate } from './rates.ts';
import { rulesSchema } from './rules/schema.ts';

const id = z.string().min(1, 'expected a non-empty id');
const text = z.string();
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD')
  .refine(isIsoDate, 'expected a real calendar date written YYYY-MM-DD');
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code in capitals, such as USD')
  .refine(isCurrencyCode, 'expected an ISO 4217 currency code in capitals, such as USD');
const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

const targetsSchema = z.strictObject({
  monthlyServiceIncome: opt(z.number().nonnegative()),
  yearsInBusiness: opt(z.number().nonnegative()),
  buyers: opt(z.number().nonnegative()),
  nicheShare: opt(z.number().min(0).max(1)),
  conversations: opt(z.number().nonnegative()),
  highTicketPrice: opt(z.number().nonnegative()),
});

const practiceSchema = z.strictObject({
  name: z.string().trim().min(1, 'expected the practice name'),
  currency,
  timezone: opt(z.string().refine(isTimeZone, 'expected an IANA time zone such as Europe/Paris')),
  startedOn: opt(date),
  niche: opt(text),
  weeklyCapacityHours: opt(z.number().positive().max(168)),
  liveSessions: opt(z.boolean()),
  targets: opt(targetsSchema),
});

const offerSchema = z.strictObject({
  id,
  name: text,
  kind: z.enum(OFFER_KINDS),
  price: opt(z.number().nonnegative()),
  launchedOn: opt(date),
});

const clientSchema = z.strictObject({
  id,
  name: text,
  email: opt(text),
  segment: opt(text),
  source: opt(text),
  referredBy: opt(id),
});

const paymentSchema = z.strictObject({
  id,
  date,
  amount: z.number(),
  currency,
  fee: opt(z.number().nonnegative()),
  clientId: opt(id),
  offerId: opt(id),
  externalId: opt(text),
  note: opt(text),
});

const timeEntrySchema = z.strictObject({
  id,
  date,
  hours: z.number().positive().max(24),
  activity: z.enum(ACTIVITIES),
  offerId: opt(id),
  clientId: opt(id),
  channel: opt(text),
  note: opt(text),
});

const costSchema = z.strictObject({
  id,
  date,
  amount: z.number().positive(),
  currency,
  offerId: opt(id),
  channel: opt(text),
  category: opt(text),
});

const conversationSchema = z.strictObject({
  id,
  date,
  prospect: opt(text),
  channel: opt(text),
  offerId: opt(id),
  outcome: z.enum(OUTCOMES),
  clientId: opt(id),
});

const listSnapshotSchema = z.strictObject({
  date,
  subscribers: z.number().int().nonnegative(),
});

const rateSchema = z.strictObject({
  date,
  from: currency,
  to: currency,
  rate: z.number().positive(),
});

/** The bundle document as JSON (money in major units). */
export const bundleSchema = z.strictObject({
  format: z.literal('fulcrum-bundle'),
  version: z.literal(1),
  practice: practiceSchema,
  offers: z.array(offerSchema).default([]),
  clients: z.array(clientSchema).default([]),
  payments: z.array(paymentSchema).default([]),
  timeEntries: z.array(timeEntrySchema).default([]),
  costs: z.array(costSchema).default([]),
  conversations: z.array(conversationSchema).default([]),
  listSnapshots: z.array(listSnapshotSchema).default([]),
  rates: z.array(rateSchema).default([]),
  /** Import rules (optional section): how imported rows are assigned. */
  rules: rulesSchema.optional(),
});

export type Bundle = z.output<typeof bundleSchema>;
export type BundleInput = z.input<typeof bundleSchema>;

/** One problem with a bundle: where (`payments[3].clientId`) and what. */
export interface BundleProblem {
  path: string;
  message: string;
}

export type BundleResult =
  | { ok: true; bundle: Bundle; data: PracticeData }
  | { ok: false; problems: BundleProblem[] };

/** `['payments', 3, 'clientId']` → `payments[3].clientId`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(document)';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function messageOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      return issue.input === undefined
        ? `required: expected ${issue.expected}`
        : `expected ${issue.expected}, got ${describe(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return issue.message;
  }
}

/** Validates a parsed JSON value as a bundle: schema first, then the referential rules. */
export function readBundle(value: unknown): BundleResult {
  const parsed = bundleSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: messageOf(issue),
    }));
    // List the broken references too, so one pass shows every problem; skip the fields
    // the schema already named.
    const named = new Set(problems.map((p) => p.path));
    const loose = looseBundle(value);
    if (loose) problems.push(...checkReferences(loose).filter((p) => !named.has(p.path)));
    return { ok: false, problems };
  }
  const bundle = parsed.data;
  const problems = checkReferences(bundle);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, bundle, data: bundleToData(bundle) };
}

const COLLECTIONS = [
  'offers',
  'clients',
  'payments',
  'timeEntries',
  'costs',
  'conversations',
  'rates',
] as const;

/**
 * A bundle that failed the schema, shaped enough for `checkReferences`: arrays of
 * objects (a non-object item becomes `{}` so indexes stay true), fields of the wrong type
 * dropped. Null when the document has no practice currency to check against.
 */
function looseBundle(value: unknown): Bundle | null {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value) || !isObject(value.practice)) return null;
  const currency = value.practice.currency;
  if (typeof currency !== 'string' || !isCurrencyCode(currency)) return null;
  const clean = (item: unknown) =>
    Object.fromEntries(
      Object.entries(isObject(item) ? item : {}).filter(
        ([key, v]) =>
          typeof v === 'string' ||
          (typeof v === 'number' && Number.isFinite(v) && key !== 'id') ||
          (key === 'then' && isObject(v)),
      ),
    );
  const out: Record<string, unknown> = { practice: { currency } };
  for (const name of COLLECTIONS) {
    const list = value[name];
    out[name] = Array.isArray(list) ? list.map(clean) : [];
  }
  out.rates = (out.rates as Record<string, unknown>[]).filter(
    (r) => typeof r.date === 'string' && typeof r.rate === 'number',
  );
  out.rules = Array.isArray(value.rules) ? value.rules.map(clean) : undefined;
  return out as unknown as Bundle;
}

function checkReferences(b: Bundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  const unique = (name: string, items: readonly { id: string }[]) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      if (typeof item.id !== 'string') return;
      const first = seen.get(item.id);
      if (first !== undefined)
        add(`${name}[${i}].id`, `duplicate id "${item.id}" (also ${name}[${first}])`);
      else seen.set(item.id, i);
    });
    return new Set(seen.keys());
  };
  const offers = unique('offers', b.offers);
  const clients = unique('clients', b.clients);
  unique('payments', b.payments);
  unique('timeEntries', b.timeEntries);
  unique('costs', b.costs);
  unique('conversations', b.conversations);

  const ref = (path: string, value: string | null | undefined, set: Set<string>, noun: string) => {
    // A loose bundle's rule targets may hold anything: the schema named those already.
    if (typeof value === 'string' && !set.has(value)) add(path, `no ${noun} "${value}"`);
  };
  const money = (path: string, value: number | null | undefined, code: string) => {
    if (typeof value !== 'number' || typeof code !== 'string' || !isCurrencyCode(code)) return;
    const digits = minorDigits(code);
    if (!Number.isSafeInteger(Math.round(Math.abs(value) * 10 ** digits))) {
      add(path, `amount ${value} is too large`);
    } else if (decimalsOf(value) > digits) {
      add(path, `${value} has more decimals than ${code} allows (${digits})`);
    }
  };
  const rated = (path: string, code: string, on: string) => {
    if (typeof code !== 'string' || !isCurrencyCode(code) || typeof on !== 'string') return;
    if (code !== b.practice.currency && !findRate(b.rates, code, b.practice.currency, on)) {
      add(path, `no rate from ${code} to ${b.practice.currency} on or before ${on}`);
    }
  };

  b.offers.forEach((o, i) => {
    money(`offers[${i}].price`, o.price, b.practice.currency);
  });
  b.clients.forEach((c, i) => {
    ref(`clients[${i}].referredBy`, c.referredBy, clients, 'client');
  });
  const externalIds = new Map<string, number>();
  b.payments.forEach((p, i) => {
    ref(`payments[${i}].clientId`, p.clientId, clients, 'client');
    ref(`payments[${i}].offerId`, p.offerId, offers, 'offer');
    money(`payments[${i}].amount`, p.amount, p.currency);
    money(`payments[${i}].fee`, p.fee, p.currency);
    rated(`payments[${i}].currency`, p.currency, p.date);
    if (p.externalId != null) {
      const first = externalIds.get(p.externalId);
      if (first !== undefined) {
        add(
          `payments[${i}].externalId`,
          `duplicate externalId "${p.externalId}" (also payments[${first}])`,
        );
      } else externalIds.set(p.externalId, i);
    }
  });
  b.timeEntries.forEach((t, i) => {
    ref(`timeEntries[${i}].offerId`, t.offerId, offers, 'offer');
    ref(`timeEntries[${i}].clientId`, t.clientId, clients, 'client');
  });
  b.costs.forEach((k, i) => {
    ref(`costs[${i}].offerId`, k.offerId, offers, 'offer');
    money(`costs[${i}].amount`, k.amount, k.currency);
    rated(`costs[${i}].currency`, k.currency, k.date);
  });
  b.conversations.forEach((v, i) => {
    ref(`conversations[${i}].offerId`, v.offerId, offers, 'offer');
    ref(`conversations[${i}].clientId`, v.clientId, clients, 'client');
  });
  b.rules?.forEach((r, i) => {
    ref(`rules[${i}].then.offerId`, r.then?.offerId, offers, 'offer');
    ref(`rules[${i}].then.clientId`, r.then?.clientId, clients, 'client');
  });
  return problems;
}

const n = <T>(value: T | null | undefined): T | null => value ?? null;

/** A validated bundle as the model (money to minor units, absent to null). */
export function bundleToData(b: Bundle): PracticeData {
  const pc = b.practice.currency;
  const targets = Object.fromEntries(
    Object.entries(b.practice.targets ?? {}).filter(([, v]) => v != null),
  );
  return {
    practice: {
      name: b.practice.name,
      currency: pc,
      timezone: b.practice.timezone ?? 'UTC',
      startedOn: n(b.practice.startedOn),
      niche: n(b.practice.niche),
      weeklyCapacityHours: n(b.practice.weeklyCapacityHours),
      liveSessions: b.practice.liveSessions ?? true,
      targets,
    },
    offers: b.offers.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      price: o.price == null ? null : toMinor(o.price, pc),
      launchedOn: n(o.launchedOn),
    })),
    clients: b.clients.map((c) => ({
      id: c.id,
      name: c.name,
      email: n(c.email),
      segment: n(c.segment),
      source: n(c.source),
      referredBy: n(c.referredBy),
    })),
    payments: b.payments.map((p) => ({
      id: p.id,
      date: p.date,
      amount: toMinor(p.amount, p.currency),
      currency: p.currency,
      fee: p.fee == null ? null : toMinor(p.fee, p.currency),
      clientId: n(p.clientId),
      offerId: n(p.offerId),
      externalId: n(p.externalId),
      note: n(p.note),
    })),
    timeEntries: b.timeEntries.map((t) => ({
      id: t.id,
      date: t.date,
      hours: t.hours,
      activity: t.activity,
      offerId: n(t.offerId),
      clientId: n(t.clientId),
      channel: n(t.channel),
      note: n(t.note),
    })),
    costs: b.costs.map((k) => ({
      id: k.id,
      date: k.date,
      amount: toMinor(k.amount, k.currency),
      currency: k.currency,
      offerId: n(k.offerId),
      channel: n(k.channel),
      category: n(k.category),
    })),
    conversations: b.conversations.map((v) => ({
      id: v.id,
      date: v.date,
      prospect: n(v.prospect),
      channel: n(v.channel),
      offerId: n(v.offerId),
      outcome: v.outcome,
      clientId: n(v.clientId),
    })),
    listSnapshots: b.listSnapshots.map((s) => ({ ...s })),
    rates: b.rates.map((r) => ({ ...r })),
    rules: (b.rules ?? []).map((r) => ({
      id: r.id,
      name: n(r.name),
      appliesTo: r.appliesTo,
      when: r.when.map((c) => ({ ...c })),
      then: {
        offerId: n(r.then.offerId),
        activity: n(r.then.activity),
        channel: n(r.then.channel),
        clientId: n(r.then.clientId),
      },
    })),
  };
}

/** Drops keys whose value is null, so exported bundles stay tidy. */
function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null)) as T;
}

/** The model as a bundle document (money in major units, null facts omitted). */
export function dataToBundle(d: PracticeData): Bundle {
  const pc = d.practice.currency;
  const p = d.practice;
  return {
    format: 'fulcrum-bundle',
    version: 1,
    practice: compact({
      name: p.name,
      currency: pc,
      timezone: p.timezone,
      startedOn: p.startedOn,
      niche: p.niche,
      weeklyCapacityHours: p.weeklyCapacityHours,
      liveSessions: p.liveSessions,
      targets: Object.keys(p.targets).length > 0 ? { ...p.targets } : null,
    }),
    offers: d.offers.map((o) =>
      compact({ ...o, price: o.price == null ? null : toMajor(o.price, pc) }),
    ),
    clients: d.clients.map(compact),
    payments: d.payments.map((x) =>
      compact({
        ...x,
        amount: toMajor(x.amount, x.currency),
        fee: x.fee == null ? null : toMajor(x.fee, x.currency),
      }),
    ),
    timeEntries: d.timeEntries.map(compact),
    costs: d.costs.map((k) => compact({ ...k, amount: toMajor(k.amount, k.currency) })),
    conversations: d.conversations.map(compact),
    listSnapshots: d.listSnapshots.map((s) => ({ ...s })),
    rates: d.rates.map((r) => ({ ...r })),
    // Written only when there are rules, so a bundle without them stays plain v1.
    ...(d.rules?.length
      ? { rules: d.rules.map((r) => compact({ ...r, then: compact({ ...r.then }) })) }
      : {}),
  };
}
