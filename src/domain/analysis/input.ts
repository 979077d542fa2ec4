/**
 * What the analysis reads of a practice: the fields of `PracticeData` some figure uses,
 * and no others (no notes, external ids, client names or emails, time entry ids, list
 * snapshots, rules…). Any `PracticeData` is an `AnalysisData`; a store can load just
 * these fields, which is much cheaper for a large practice (`loadAnalysisData`). A figure
 * that needs another field adds it here; the store's column list (`ANALYSIS_COLUMNS`)
 * then fails to compile until it reads it too.
 */
import type { IsoDate } from '../dates.ts';
import type {
  Activity,
  Client,
  Conversation,
  Cost,
  Offer,
  Outcome,
  Payment,
  Practice,
  Rate,
  TimeEntry,
} from '../model.ts';

export type AnalysisClient = Pick<Client, 'id' | 'segment' | 'source' | 'referredBy'>;
export type AnalysisPayment = Pick<
  Payment,
  'id' | 'date' | 'amount' | 'currency' | 'fee' | 'clientId' | 'offerId'
>;
export type AnalysisTimeEntry = Pick<
  TimeEntry,
  'date' | 'hours' | 'activity' | 'offerId' | 'clientId' | 'channel'
>;
export type AnalysisCost = Pick<
  Cost,
  'id' | 'date' | 'amount' | 'currency' | 'offerId' | 'channel'
>;
export type AnalysisConversation = Pick<Conversation, 'date' | 'outcome'>;

export interface AnalysisData {
  practice: Practice;
  offers: readonly Offer[];
  clients: readonly AnalysisClient[];
  payments: readonly AnalysisPayment[];
  timeEntries: readonly AnalysisTimeEntry[];
  costs: readonly AnalysisCost[];
  conversations: readonly AnalysisConversation[];
  rates: readonly Rate[];
}

/**
 * Payments the analysis cannot tell apart, counted together (see groups.ts): same client,
 * offer and currency, the same side of every date the analysis tests, all with amount > 0
 * or all ≤ 0; in another currency than the practice's, also the same date, amount and
 * fee. `amount` and `fee` are the group's sums (fee null counts as 0); `date` its
 * earliest.
 */
export interface PaymentGroup {
  date: IsoDate;
  amount: number;
  currency: string;
  fee: number;
  clientId: string | null;
  offerId: string | null;
  count: number;
}

/**
 * Time entries of the same offer, activity and logged hours, on the same side of the
 * period's start; in the period, delivery entries also of the same client and marketing
 * entries of the same channel (elsewhere `clientId` and `channel` are null). `hours` is
 * each entry's, `date` the earliest.
 */
export interface TimeGroup {
  date: IsoDate;
  hours: number;
  activity: Activity;
  offerId: string | null;
  clientId: string | null;
  channel: string | null;
  count: number;
}

/**
 * Costs of the same offer and currency on the same side of the period's start, in the
 * period also of the same channel (elsewhere null); in another currency than the
 * practice's, also the same date and amount. `amount` is the sum, `date` the earliest.
 */
export interface CostGroup {
  date: IsoDate;
  amount: number;
  currency: string;
  offerId: string | null;
  channel: string | null;
  count: number;
}

/** Conversations dated in the period with the same outcome; `date` the earliest. */
export interface ConversationGroup {
  date: IsoDate;
  outcome: Outcome;
  count: number;
}

/**
 * What the figures of one period read, summed as far as they allow (groups.ts): a few
 * hundred thousand groups instead of millions of records for a large practice. Only
 * records dated on or before the period end; conversations only in the period.
 * `groupRecords` builds it from records; a store can build the same groups in SQL.
 */
export interface GroupedData {
  practice: Practice;
  offers: readonly Offer[];
  clients: readonly AnalysisClient[];
  payments: readonly PaymentGroup[];
  timeEntries: readonly TimeGroup[];
  costs: readonly CostGroup[];
  conversations: readonly ConversationGroup[];
  rates: readonly Rate[];
}
