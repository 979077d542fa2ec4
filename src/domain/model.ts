/**
 * The practice model as Fulcrum holds it: money in integer minor units, dates as ISO
 * strings, optional facts as `null`. Bundles, the store and the analysis all speak it.
 */
import type { IsoDate } from './dates.ts';
import type { Rule } from './rules/model.ts';

export const SERVICE_KINDS = [
  'one_to_one',
  'package',
  'retainer',
  'group_program',
  'workshop',
  'team_delivered',
] as const;
export const PRODUCT_KINDS = ['info_product', 'membership', 'licensing'] as const;
export const OFFER_KINDS = [...SERVICE_KINDS, ...PRODUCT_KINDS, 'other'] as const;
export const ACTIVITIES = [
  'delivery',
  'sales',
  'marketing',
  'creation',
  'maintenance',
  'admin',
] as const;
export const OUTCOMES = ['enrolled', 'declined', 'pending'] as const;

export type OfferKind = (typeof OFFER_KINDS)[number];
export type Activity = (typeof ACTIVITIES)[number];
export type Outcome = (typeof OUTCOMES)[number];

export function isServiceKind(kind: OfferKind): boolean {
  return (SERVICE_KINDS as readonly string[]).includes(kind);
}

export function isProductKind(kind: OfferKind): boolean {
  return (PRODUCT_KINDS as readonly string[]).includes(kind);
}

export interface Targets {
  monthlyServiceIncome: number;
  yearsInBusiness: number;
  buyers: number;
  nicheShare: number;
  conversations: number;
  highTicketPrice: number;
}

export const DEFAULT_TARGETS: Targets = {
  monthlyServiceIncome: 10000,
  yearsInBusiness: 3,
  buyers: 50,
  nicheShare: 0.6,
  conversations: 20,
  highTicketPrice: 2000,
};

export interface Practice {
  name: string;
  /** ISO 4217 code; every report is in this currency. */
  currency: string;
  /** IANA zone in which timestamps become dates. */
  timezone: string;
  startedOn: IsoDate | null;
  niche: string | null;
  weeklyCapacityHours: number | null;
  liveSessions: boolean;
  /** Only the targets the practice set; defaults are applied by the analysis. */
  targets: Partial<Targets>;
}

export interface Offer {
  id: string;
  name: string;
  kind: OfferKind;
  /** List price of one sale in practice currency, minor units. */
  price: number | null;
  launchedOn: IsoDate | null;
}

export interface Client {
  id: string;
  name: string;
  email: string | null;
  segment: string | null;
  source: string | null;
  referredBy: string | null;
}

export interface Payment {
  id: string;
  date: IsoDate;
  /** Minor units of `currency`; negative for a refund. */
  amount: number;
  currency: string;
  /** Processor fee, minor units of `currency`, >= 0. */
  fee: number | null;
  clientId: string | null;
  offerId: string | null;
  externalId: string | null;
  note: string | null;
}

export interface TimeEntry {
  id: string;
  date: IsoDate;
  hours: number;
  activity: Activity;
  offerId: string | null;
  clientId: string | null;
  channel: string | null;
  note: string | null;
}

export interface Cost {
  id: string;
  date: IsoDate;
  /** Minor units of `currency`, > 0. */
  amount: number;
  currency: string;
  offerId: string | null;
  channel: string | null;
  category: string | null;
}

export interface Conversation {
  id: string;
  date: IsoDate;
  prospect: string | null;
  channel: string | null;
  offerId: string | null;
  outcome: Outcome;
  clientId: string | null;
}

export interface ListSnapshot {
  date: IsoDate;
  subscribers: number;
}

export interface Rate {
  date: IsoDate;
  from: string;
  to: string;
  /** 1 unit of `from` = `rate` units of `to`. */
  rate: number;
}

/** Everything about one practice: what a bundle carries and what the analysis reads. */
export interface PracticeData {
  practice: Practice;
  offers: Offer[];
  clients: Client[];
  payments: Payment[];
  timeEntries: TimeEntry[];
  costs: Cost[];
  conversations: Conversation[];
  listSnapshots: ListSnapshot[];
  rates: Rate[];
  /** Import rules, in the order they apply. */
  rules: Rule[];
}
