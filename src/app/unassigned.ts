/**
 * The inbox: imported rows no rule assigned, with what a rule could match on, and the
 * most common values of the attributes rules usually use — the quickest rules to write.
 */
import type { Store } from '../store/connect.ts';
import { countImportRows, importRowPages, listImportRows } from '../store/import-row.repository.ts';

export interface UnassignedRow {
  id: string;
  kind: 'payment' | 'time' | 'cost';
  date: string;
  /** Minor units of `currency` (payments, costs). */
  amount: number | null;
  currency: string | null;
  hours: number | null;
  file: string;
  line: number;
  attributes: Record<string, string>;
}

export interface UnassignedPage {
  total: number;
  rows: UnassignedRow[];
  /** For each useful attribute, its most frequent values among all unassigned rows. */
  common: Record<string, { value: string; rows: number }[]>;
}

const COMMON_FIELDS = [
  'project',
  'client',
  'title',
  'description',
  'type',
  'task',
  'tags',
  'product',
];

export async function listUnassigned(
  store: Store,
  practiceId: number,
  options: { limit?: number; offset?: number } = {},
): Promise<UnassignedPage> {
  const total = await countImportRows(store.db, practiceId, { unassigned: true });
  const page = await listImportRows(store.db, practiceId, {
    unassigned: true,
    limit: options.limit ?? 50,
    offset: options.offset ?? 0,
  });
  const counts = new Map<string, Map<string, number>>();
  for await (const rows of importRowPages(store.db, practiceId, {
    unassigned: true,
    rowsPerPage: 5000,
  })) {
    for (const row of rows) {
      const attributes = JSON.parse(row.attributes) as Record<string, string>;
      for (const field of COMMON_FIELDS) {
        const value = attributes[field]?.trim();
        if (!value) continue;
        let values = counts.get(field);
        if (!values) {
          values = new Map();
          counts.set(field, values);
        }
        values.set(value, (values.get(value) ?? 0) + 1);
      }
    }
  }
  const common: UnassignedPage['common'] = {};
  for (const [field, values] of counts) {
    common[field] = [...values]
      .filter(([, n]) => n > 1)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 5)
      .map(([value, rows]) => ({ value, rows }));
    if (common[field].length === 0) delete common[field];
  }
  return {
    total,
    rows: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      date: r.date,
      amount: r.amount,
      currency: r.currency,
      hours: r.hours,
      file: r.file,
      line: r.line,
      attributes: JSON.parse(r.attributes) as Record<string, string>,
    })),
    common,
  };
}
