/** The `conversations` table: sales conversations, keyed by (practice id, bundle id). */
import type { Insertable, Selectable } from 'kysely';
import type { Conversation } from '../domain/model.ts';
import { columnList } from './columns.ts';

export interface ConversationTable {
  practiceId: number;
  id: string;
  position: number;
  date: string;
  prospect: string | null;
  channel: string | null;
  offerId: string | null;
  outcome: string;
  clientId: string | null;
}

export type ConversationRow = Selectable<ConversationTable>;
export type NewConversationRow = Insertable<ConversationTable>;

export const CONVERSATION_COLUMNS = columnList<Conversation>({
  id: true,
  date: true,
  prospect: true,
  channel: true,
  offerId: true,
  outcome: true,
  clientId: true,
});
