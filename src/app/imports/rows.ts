/**
 * Imported rows as stored (`import_rows`) and back: the source facts a rule reads, so
 * rules can be re-applied to every row later without the file.
 */
import type { ImportedRecord } from '../../importers/types.ts';
import type { ImportRow, StoredImportRow } from '../../store/import-row.repository.ts';
import type { PlannedRow } from './plan.ts';

export function toImportRow(row: PlannedRow, importId: number): ImportRow {
  const r = row.source;
  return {
    id: row.id,
    importId,
    kind: r.kind,
    format: row.format,
    file: r.source.file,
    line: r.source.line,
    externalId: r.externalId,
    date: r.date,
    amount: r.kind === 'time' ? null : r.amount,
    currency: r.kind === 'time' ? null : r.currency,
    fee: r.kind === 'payment' ? r.fee : null,
    hours: r.kind === 'time' ? r.hours : null,
    refundOf: r.kind === 'payment' ? r.refundOf : null,
    attributes: JSON.stringify(r.attributes),
    customer: r.kind === 'payment' && r.customer ? JSON.stringify(r.customer) : null,
    unassigned: row.unassigned ? 1 : 0,
    materialized: row.record ? 1 : 0,
  };
}

/** The imported record a stored row came from. */
export function fromImportRow(row: StoredImportRow): ImportedRecord {
  const base = {
    externalId: row.externalId,
    date: row.date,
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    source: { file: row.file, line: row.line },
  };
  if (row.kind === 'time') return { ...base, kind: 'time', hours: row.hours ?? 0 };
  if (row.kind === 'cost') {
    return { ...base, kind: 'cost', amount: row.amount ?? 0, currency: row.currency ?? '' };
  }
  return {
    ...base,
    kind: 'payment',
    amount: row.amount ?? 0,
    currency: row.currency ?? '',
    fee: row.fee ?? 0,
    refundOf: row.refundOf,
    customer: row.customer
      ? (JSON.parse(row.customer) as { email: string | null; name: string | null })
      : null,
  };
}
