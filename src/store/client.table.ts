/** The `clients` table: the people who buy, keyed by (practice id, bundle id). */
import type { Insertable, Selectable } from 'kysely';
import type { Client } from '../domain/model.ts';
import { columnList } from './columns.ts';

export interface ClientTable {
  practiceId: number;
  id: string;
  position: number;
  name: string;
  email: string | null;
  segment: string | null;
  source: string | null;
  /** Id of another client of the same practice. */
  referredBy: string | null;
}

export type ClientRow = Selectable<ClientTable>;
export type NewClientRow = Insertable<ClientTable>;

export const CLIENT_COLUMNS = columnList<Client>({
  id: true,
  name: true,
  email: true,
  segment: true,
  source: true,
  referredBy: true,
});
