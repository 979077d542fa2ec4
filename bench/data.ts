/**
 * A large, realistic, seeded practice for the benchmarks: the demo practice
 * (src/domain/demo, "Harbor Light Coaching") tiled. Each tile is a whole three-year demo
 * story generated from its own seed, so tiles differ (dates, clients, amounts, EUR
 * clients, refunds), and its clients, payments, time entries, costs and conversations
 * get tile-scoped ids (`t007-c012`, references remapped). The tiles share the demo's six
 * offers (one_to_one, package, group_program, info_product, a high-ticket package,
 * other), its EUR→USD rates and its list snapshots, and the same three years: one
 * practice with many times the demo's clientele.
 *
 * Enough tiles are generated for both counts; payments and time entries are then cut to
 * exactly the counts asked for (the last tile contributes its earliest records) and
 * every collection is sorted by date, as an import would store them. Same options, same
 * data.
 */
import type { IsoDate } from '../src/domain/dates.ts';
import { DEMO_DEFAULTS, generateDemo } from '../src/domain/demo/index.ts';
import { Rng, toSeed } from '../src/domain/demo/random.ts';
import type {
  Client,
  Conversation,
  Cost,
  Payment,
  PracticeData,
  TimeEntry,
} from '../src/domain/model.ts';

export interface LargePracticeOptions {
  /** Payments in the practice; default 100,000. */
  payments?: number;
  /** Time entries in the practice; default 100,000. */
  timeEntries?: number;
  /** Default 1. */
  seed?: number;
  /** Last day of the three years, `YYYY-MM-DD`; default the demo's. */
  endDate?: IsoDate;
}

export const LARGE_DEFAULTS = {
  payments: 100_000,
  timeEntries: 100_000,
  seed: 1,
  endDate: DEMO_DEFAULTS.endDate,
} as const;

/**
 * Generates the large practice.
 * @example generateLargePractice({ payments: 2000, timeEntries: 2000 }).payments.length // 2000
 */
export function generateLargePractice(options: LargePracticeOptions = {}): PracticeData {
  const wantPayments = count(options.payments ?? LARGE_DEFAULTS.payments, 'payments');
  const wantTime = count(options.timeEntries ?? LARGE_DEFAULTS.timeEntries, 'timeEntries');
  const endDate = options.endDate ?? LARGE_DEFAULTS.endDate;
  const root = new Rng(toSeed(options.seed ?? LARGE_DEFAULTS.seed));

  let first: PracticeData | undefined;
  const clients: Client[] = [];
  const payments: Payment[] = [];
  const timeEntries: TimeEntry[] = [];
  const costs: Cost[] = [];
  const conversations: Conversation[] = [];
  for (let tile = 0; payments.length < wantPayments || timeEntries.length < wantTime; tile++) {
    const demo = generateDemo({ seed: root.fork(`tile ${tile}`).seed, endDate });
    first ??= demo;
    if (demo.payments.length === 0 || demo.timeEntries.length === 0) {
      throw new Error(`demo tile ${tile} has no payments or time entries`);
    }
    const tag = `t${String(tile).padStart(3, '0')}`;
    const id = (value: string) => `${tag}-${value}`;
    const ref = (value: string | null) => (value === null ? null : id(value));
    for (const c of demo.clients) {
      clients.push({
        ...c,
        id: id(c.id),
        email: c.email === null ? null : c.email.replace('@', `+${tag}@`),
        referredBy: ref(c.referredBy),
      });
    }
    for (const p of demo.payments) {
      if (payments.length === wantPayments) break;
      payments.push({
        ...p,
        id: id(p.id),
        clientId: ref(p.clientId),
        externalId: p.externalId === null ? null : `${p.externalId}_${tag}`,
      });
    }
    for (const t of demo.timeEntries) {
      if (timeEntries.length === wantTime) break;
      timeEntries.push({ ...t, id: id(t.id), clientId: ref(t.clientId) });
    }
    for (const k of demo.costs) costs.push({ ...k, id: id(k.id) });
    for (const v of demo.conversations) {
      conversations.push({ ...v, id: id(v.id), clientId: ref(v.clientId) });
    }
  }
  const base = first!;
  return {
    practice: { ...base.practice, name: 'Harbor Light Coaching (bench)' },
    offers: base.offers,
    clients,
    payments: byDate(payments),
    timeEntries: byDate(timeEntries),
    costs: byDate(costs),
    conversations: byDate(conversations),
    listSnapshots: base.listSnapshots,
    rates: base.rates,
    rules: [],
  };
}

/** Stable sort by date (ids break no ties: input order is kept). */
function byDate<T extends { date: IsoDate }>(records: T[]): T[] {
  return records.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function count(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name}: expected a positive integer, got ${value}`);
  }
  return value;
}
