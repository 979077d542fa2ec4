/** The import report in words: per file, what was added, skipped and left to assign. */
import type { ImportReport } from '../../app/imports/import.ts';
import { renderTable } from '../table.ts';

const n = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });

export function describeImportReport(report: ImportReport, practiceName: string): string {
  const lines: string[] = [];
  lines.push(
    report.preview
      ? `Preview for "${practiceName}": nothing was written. Without --preview this would import:`
      : `Imported into "${practiceName}":`,
  );
  for (const f of report.files) {
    lines.push('', `${f.file} — ${f.formatLabel}: ${n(f.rows)} rows read`);
    const a = f.added;
    lines.push(
      `  new: ${n(a.payments)} payments, ${n(a.timeEntries)} time entries, ${n(a.costs)} costs, ${n(a.clients)} clients` +
        (f.duplicates ? `; ${n(f.duplicates)} already imported (left as they were)` : ''),
    );
    const offers = Object.entries(f.byOffer);
    if (offers.length) {
      lines.push(
        renderTable(
          [
            { header: 'offer' },
            { header: 'payments', align: 'right' },
            { header: 'costs', align: 'right' },
            { header: 'hours', align: 'right' },
          ],
          offers.map(([name, c]) => [name, n(c.payments), n(c.costs), n(c.hours)]),
          '    ',
        ).trimEnd(),
      );
    }
    const activities = Object.entries(f.byActivity);
    if (activities.length)
      lines.push(`  hours by activity: ${activities.map(([k, v]) => `${k} ${n(v)}`).join(', ')}`);
    const skipped = Object.entries(f.skipped);
    if (skipped.length)
      lines.push(
        `  skipped: ${skipped.map(([why, c]) => `${n(c)} ${why.replace(/_/g, ' ')}`).join(', ')}`,
      );
    if (f.unassigned)
      lines.push(
        `  ${n(f.unassigned)} rows no rule assigned: see \`fulcrum unassigned\` and \`fulcrum rules\``,
      );
    for (const w of f.warnings.slice(0, 20)) {
      lines.push(
        `  warning ${w.file}:${w.line}${w.column ? `:${w.column}` : ''}${w.columnName ? ` (${w.columnName})` : ''}: ${w.message}`,
      );
    }
    if (f.warnings.length > 20) lines.push(`  … and ${f.warnings.length - 20} more warnings`);
  }
  return `${lines.join('\n')}\n`;
}
