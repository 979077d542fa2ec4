/** The `imports` and `import_rows` tables: import runs and every row they brought in. */
import type { Generated } from 'kysely';

export interface MappingTable {
  practiceId: number;
  name: string;
  /** JSON object: field → header name. */
  map: string;
}

export interface ImportTable {
  practiceId: number;
  id: Generated<number>;
  file: string;
  format: string;
  rowsRead: number;
  rowsAdded: number;
  rowsSkipped: number;
  createdAt: string;
}

export interface ImportRowTable {
  practiceId: number;
  /** The record id: `<format>:<source id>`. */
  id: string;
  importId: number;
  kind: 'payment' | 'time' | 'cost';
  format: string;
  file: string;
  line: number;
  externalId: string;
  date: string;
  amount: number | null;
  currency: string | null;
  fee: number | null;
  hours: number | null;
  refundOf: string | null;
  /** JSON object. */
  attributes: string;
  /** JSON `{ email, name }` or null. */
  customer: string | null;
  unassigned: number;
  materialized: number;
}
