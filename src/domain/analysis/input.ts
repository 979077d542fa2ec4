/**
 * What the analysis reads of a practice: the fields of `PracticeData` some figure uses,
 * and no others (no notes, external ids, client names or emails, time entry ids, list
 * snapshots, rules…). Any `PracticeData` is an `AnalysisData`; a store can load just
 * these fields, which is much cheaper for a large practice (`loadAnalysisData`). A figure
 * that needs another field adds it here; the store's column list (`ANALYSIS_COLUMNS`)
 * then fails to compile until it reads it too.
 */
import type {
  Client,
  Conversation,
  Cost,
  Offer,
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
