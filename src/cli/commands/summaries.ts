/** Short human summaries shared by commands. */
import type { BundleImportSummary } from '../../app/bundle.ts';
import { renderTable } from '../table.ts';

const LABELS: Record<string, string> = {
  offers: 'offers',
  clients: 'clients',
  payments: 'payments',
  timeEntries: 'time entries',
  costs: 'costs',
  conversations: 'sales conversations',
  listSnapshots: 'list sizes',
  rates: 'exchange rates',
};

/** A table of what a bundle held and what the practice now holds. */
export function describeImport(summary: BundleImportSummary): string {
  const rows = Object.keys(LABELS).map((key) => [
    LABELS[key]!,
    String(summary.counts[key] ?? 0),
    String(summary.totals[key] ?? 0),
  ]);
  return renderTable(
    [
      { header: 'records' },
      { header: 'in file', align: 'right' },
      { header: 'in practice', align: 'right' },
    ],
    rows,
  );
}
