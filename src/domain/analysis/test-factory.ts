/**
 * Test data in a few lines: `buildPractice({...})` fills every field a test does not
 * care about. Money is written in major units (as in a bundle) and stored as minor
 * units; ids default to p1, p2, … per collection.
 */
import type { IsoDate } from '../dates.ts';
import type {
  Activity,
  Client,
  Conversation,
  Offer,
  OfferKind,
  Outcome,
  Practice,
  PracticeData,
  Rate,
} from '../model.ts';
import { toMinor } from '../money.ts';
import { AnalysisError } from './errors.ts';

export interface OfferSpec {
  id: string;
  kind: OfferKind;
  name?: string;
  /** Major units of the practice currency. */
  price?: number | null;
}

export interface PaymentSpec {
  id?: string;
  date: IsoDate;
  /** Major units of `currency`. */
  amount: number;
  currency?: string;
  /** Major units of `currency`. */
  fee?: number | null;
  clientId?: string | null;
  offerId?: string | null;
}

export interface TimeSpec {
  id?: string;
  date: IsoDate;
  hours: number;
  activity?: Activity;
  offerId?: string | null;
  clientId?: string | null;
  channel?: string | null;
}

export interface CostSpec {
  id?: string;
  date: IsoDate;
  amount: number;
  currency?: string;
  offerId?: string | null;
  channel?: string | null;
}

export interface ConversationSpec {
  id?: string;
  date: IsoDate;
  outcome: Outcome;
  channel?: string | null;
  clientId?: string | null;
}

export interface PracticeSpec {
  practice?: Partial<Practice>;
  offers?: OfferSpec[];
  clients?: (Partial<Client> & { id: string })[];
  payments?: PaymentSpec[];
  timeEntries?: TimeSpec[];
  costs?: CostSpec[];
  conversations?: ConversationSpec[];
  rates?: Rate[];
}

/**
 * A valid PracticeData from the parts a test names.
 * @example
 * buildPractice({
 *   offers: [{ id: 'o1', kind: 'one_to_one' }],
 *   payments: [{ date: '2024-01-05', amount: 150, offerId: 'o1' }],
 * })
 */
export function buildPractice(spec: PracticeSpec = {}): PracticeData {
  const practice: Practice = {
    name: 'Test Practice',
    currency: 'USD',
    timezone: 'UTC',
    startedOn: null,
    niche: null,
    weeklyCapacityHours: null,
    liveSessions: true,
    targets: {},
    ...spec.practice,
  };
  const pc = practice.currency;
  const offers: Offer[] = (spec.offers ?? []).map((o) => ({
    id: o.id,
    name: o.name ?? o.id,
    kind: o.kind,
    price: o.price == null ? null : toMinor(o.price, pc),
    launchedOn: null,
  }));
  const clients: Client[] = (spec.clients ?? []).map((c) => ({
    name: c.id,
    email: null,
    segment: null,
    source: null,
    referredBy: null,
    ...c,
  }));
  return {
    rules: [],
    practice,
    offers,
    clients,
    payments: (spec.payments ?? []).map((p, i) => {
      const currency = p.currency ?? pc;
      return {
        id: p.id ?? `p${i + 1}`,
        date: p.date,
        amount: toMinor(p.amount, currency),
        currency,
        fee: p.fee == null ? null : toMinor(p.fee, currency),
        clientId: p.clientId ?? null,
        offerId: p.offerId ?? null,
        externalId: null,
        note: null,
      };
    }),
    timeEntries: (spec.timeEntries ?? []).map((t, i) => ({
      id: t.id ?? `t${i + 1}`,
      date: t.date,
      hours: t.hours,
      activity: t.activity ?? 'delivery',
      offerId: t.offerId ?? null,
      clientId: t.clientId ?? null,
      channel: t.channel ?? null,
      note: null,
    })),
    costs: (spec.costs ?? []).map((k, i) => {
      const currency = k.currency ?? pc;
      return {
        id: k.id ?? `k${i + 1}`,
        date: k.date,
        amount: toMinor(k.amount, currency),
        currency,
        offerId: k.offerId ?? null,
        channel: k.channel ?? null,
        category: null,
      };
    }),
    conversations: (spec.conversations ?? []).map(
      (v, i): Conversation => ({
        id: v.id ?? `v${i + 1}`,
        date: v.date,
        prospect: null,
        channel: v.channel ?? null,
        offerId: null,
        outcome: v.outcome,
        clientId: v.clientId ?? null,
      }),
    ),
    listSnapshots: [],
    rates: spec.rates ?? [],
  };
}

/** The AnalysisError `run` throws; fails the test when it throws nothing or something else. */
export function errorOf(run: () => unknown): AnalysisError {
  try {
    run();
  } catch (error) {
    if (error instanceof AnalysisError) return error;
    throw error;
  }
  throw new Error('expected an AnalysisError, but nothing was thrown');
}
