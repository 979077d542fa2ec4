/**
 * The eight record collections of a practice and how each maps to its table: the key
 * that identifies a record within the practice, the model columns, and whether it is
 * dated (and so filtered by a period).
 */
import type {
  AnalysisClient,
  AnalysisConversation,
  AnalysisCost,
  AnalysisData,
  AnalysisPayment,
  AnalysisTimeEntry,
} from '../domain/analysis/index.ts';
import type { PracticeData } from '../domain/model.ts';
import { CLIENT_COLUMNS } from './client.table.ts';
import { columnList } from './columns.ts';
import { CONVERSATION_COLUMNS } from './conversation.table.ts';
import { COST_COLUMNS } from './cost.table.ts';
import type { Database } from './database.ts';
import { LIST_SNAPSHOT_COLUMNS } from './list-snapshot.table.ts';
import { OFFER_COLUMNS } from './offer.table.ts';
import { PAYMENT_COLUMNS } from './payment.table.ts';
import { RATE_COLUMNS } from './rate.table.ts';
import { TIME_ENTRY_COLUMNS } from './time-entry.table.ts';

export type Collection = Exclude<keyof PracticeData, 'practice' | 'rules'>;
export type RecordTable = Exclude<
  keyof Database,
  'practices' | 'rules' | 'imports' | 'importRows' | 'mappings'
>;

export interface CollectionSpec {
  table: RecordTable;
  /** Identifies a record within its practice (the primary key minus `practiceId`). */
  key: readonly string[];
  /** The model's fields, in model order; every one is a column of the same name. */
  columns: readonly string[];
  /** Has a `date` column (period filters apply). */
  dated: boolean;
}

/** In bundle order; loading and saving walk the collections in this order. */
export const COLLECTIONS: Readonly<Record<Collection, CollectionSpec>> = {
  offers: { table: 'offers', key: ['id'], columns: OFFER_COLUMNS, dated: false },
  clients: { table: 'clients', key: ['id'], columns: CLIENT_COLUMNS, dated: false },
  payments: { table: 'payments', key: ['id'], columns: PAYMENT_COLUMNS, dated: true },
  timeEntries: { table: 'timeEntries', key: ['id'], columns: TIME_ENTRY_COLUMNS, dated: true },
  costs: { table: 'costs', key: ['id'], columns: COST_COLUMNS, dated: true },
  conversations: {
    table: 'conversations',
    key: ['id'],
    columns: CONVERSATION_COLUMNS,
    dated: true,
  },
  listSnapshots: {
    table: 'listSnapshots',
    key: ['date'],
    columns: LIST_SNAPSHOT_COLUMNS,
    dated: true,
  },
  rates: { table: 'rates', key: ['date', 'from', 'to'], columns: RATE_COLUMNS, dated: true },
};

export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as Collection[];

/** The collections the analysis reads (`AnalysisData`), in bundle order. */
export type AnalysisCollection = Exclude<keyof AnalysisData, 'practice'>;

/** The columns of each collection the analysis reads: what `loadAnalysisData` selects. */
export const ANALYSIS_COLUMNS: Readonly<Record<AnalysisCollection, readonly string[]>> = {
  offers: OFFER_COLUMNS,
  clients: columnList<AnalysisClient>({ id: true, segment: true, source: true, referredBy: true }),
  payments: columnList<AnalysisPayment>({
    id: true,
    date: true,
    amount: true,
    currency: true,
    fee: true,
    clientId: true,
    offerId: true,
  }),
  timeEntries: columnList<AnalysisTimeEntry>({
    date: true,
    hours: true,
    activity: true,
    offerId: true,
    clientId: true,
    channel: true,
  }),
  costs: columnList<AnalysisCost>({
    id: true,
    date: true,
    amount: true,
    currency: true,
    offerId: true,
    channel: true,
  }),
  conversations: columnList<AnalysisConversation>({ date: true, outcome: true }),
  rates: RATE_COLUMNS,
};

export const ANALYSIS_COLLECTION_NAMES = Object.keys(ANALYSIS_COLUMNS) as AnalysisCollection[];

/** A record's key as one string, e.g. `2024-01-01 EUR USD` for a rate. */
export function keyOf(spec: CollectionSpec, record: object): string {
  const values = record as Record<string, unknown>;
  return spec.key.map((k) => String(values[k])).join(' ');
}
