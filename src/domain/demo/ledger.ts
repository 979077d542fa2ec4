/**
 * Collects the demo's records as drafts dated by day number, drops anything after the
 * story's end, and hands them back sorted by date with chronological ids
 * (`p0001`, `t0001`, …). Payments get Stripe-like fees and unique external ids here.
 */
import type { Activity, Conversation, Cost, Outcome, Payment, TimeEntry } from '../model.ts';
import type { Rng } from './random.ts';
import { iso } from './timeline.ts';

type Dated<T> = Omit<T, 'id' | 'date'> & { day: number };
export type PaymentDraft = Dated<Payment>;

export interface PaymentInput {
  day: number;
  amount: number;
  currency?: string;
  clientId?: string | null;
  offerId?: string | null;
  note?: string | null;
}

export interface TimeInput {
  day: number;
  hours: number;
  activity: Activity;
  offerId?: string | null;
  clientId?: string | null;
  channel?: string | null;
  note?: string | null;
}

export interface CostInput {
  day: number;
  amount: number;
  currency?: string;
  offerId?: string | null;
  channel?: string | null;
  category?: string | null;
}

export interface ConversationInput {
  day: number;
  prospect: string;
  channel: string | null;
  offerId: string | null;
  outcome: Outcome;
  clientId?: string | null;
}

const ALPHABET = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];

/** Stripe's card pricing: 2.9% + 30¢, plus 1.5% for international (EUR) cards. */
export function stripeFee(amount: number, currency: string): number {
  const percent = currency === 'USD' ? 0.029 : 0.044;
  return Math.round(amount * percent) + 30;
}

export class Ledger {
  readonly payments: PaymentDraft[] = [];
  readonly timeEntries: Dated<TimeEntry>[] = [];
  readonly costs: Dated<Cost>[] = [];
  readonly conversations: Dated<Conversation>[] = [];
  private readonly externalIds = new Set<string>();

  constructor(
    readonly start: number,
    readonly end: number,
    private readonly rng: Rng,
  ) {}

  private inRange(day: number): boolean {
    return day >= this.start && day <= this.end;
  }

  private externalId(prefix: string): string {
    for (;;) {
      let id = `${prefix}_3`;
      for (let i = 0; i < 23; i++) id += this.rng.pick(ALPHABET);
      if (!this.externalIds.has(id)) {
        this.externalIds.add(id);
        return id;
      }
    }
  }

  /** Records a card payment (fee included); null when it falls outside the story. */
  payment(p: PaymentInput): PaymentDraft | null {
    if (!this.inRange(p.day)) return null;
    const currency = p.currency ?? 'USD';
    const draft: PaymentDraft = {
      day: p.day,
      amount: p.amount,
      currency,
      fee: stripeFee(p.amount, currency),
      clientId: p.clientId ?? null,
      offerId: p.offerId ?? null,
      externalId: this.externalId('ch'),
      note: p.note ?? null,
    };
    this.payments.push(draft);
    return draft;
  }

  /** Refunds a payment in full on `day` (Stripe keeps its fee, so the refund's fee is 0). */
  refund(original: PaymentDraft, day: number, reason: string): PaymentDraft | null {
    if (!this.inRange(day) || day <= original.day) return null;
    const draft: PaymentDraft = {
      ...original,
      day,
      amount: -original.amount,
      fee: 0,
      externalId: this.externalId('re'),
      note: `Refund of ${original.externalId}: ${reason}`,
    };
    this.payments.push(draft);
    return draft;
  }

  time(t: TimeInput): void {
    if (!this.inRange(t.day) || t.hours <= 0) return;
    this.timeEntries.push({
      day: t.day,
      hours: Math.min(24, t.hours),
      activity: t.activity,
      offerId: t.offerId ?? null,
      clientId: t.clientId ?? null,
      channel: t.channel ?? null,
      note: t.note ?? null,
    });
  }

  cost(k: CostInput): void {
    if (!this.inRange(k.day) || k.amount <= 0) return;
    this.costs.push({
      day: k.day,
      amount: k.amount,
      currency: k.currency ?? 'USD',
      offerId: k.offerId ?? null,
      channel: k.channel ?? null,
      category: k.category ?? null,
    });
  }

  conversation(v: ConversationInput): void {
    if (!this.inRange(v.day)) return;
    this.conversations.push({ ...v, clientId: v.clientId ?? null });
  }

  /** The records, oldest first (ties keep insertion order), with ids assigned. */
  finish() {
    return {
      payments: withIds(this.payments, 'p', 4) as Payment[],
      timeEntries: withIds(this.timeEntries, 't', 4) as TimeEntry[],
      costs: withIds(this.costs, 'k', 3) as Cost[],
      conversations: withIds(this.conversations, 'v', 3) as Conversation[],
    };
  }
}

function withIds<T extends { day: number }>(drafts: readonly T[], prefix: string, width: number) {
  return [...drafts]
    .sort((a, b) => a.day - b.day)
    .map(({ day, ...rest }, i) => ({
      id: `${prefix}${String(i + 1).padStart(width, '0')}`,
      date: iso(day),
      ...rest,
    }));
}
