/**
 * What the fuzzers require of every answer: each import issue names its file and a line
 * that exists (and a column when a cell is at fault); each bundle problem names a JSON
 * path into the document, or a line and column inside the text; every record that gets
 * through is well formed. Each check returns the broken promises as text ([] = fine).
 */
import { isIsoDate } from '../../src/domain/dates.ts';
import { isCurrencyCode } from '../../src/domain/money.ts';
import type { ImportIssue, ImportResult } from '../../src/importers/types.ts';

/** Issue codes about one cell: they must say which column. */
export const CELL_CODES = new Set([
  'bad_date',
  'bad_amount',
  'bad_currency',
  'missing_value',
  'extra_cells',
  'bad_duration',
]);

/** Lines a reader could number in these bytes (LF, CR or CRLF breaks; generous). */
export function lineBound(bytes: Uint8Array): number {
  let n = 1;
  for (const b of bytes) if (b === 0x0a || b === 0x0d) n++;
  return n;
}

export function issueProblems(file: string, issue: ImportIssue, maxLine: number): string[] {
  const out: string[] = [];
  const where = `${issue.code} ${issue.file}:${issue.line}:${issue.column ?? '-'}`;
  if (issue.file !== file) out.push(`${where}: names file "${issue.file}", not "${file}"`);
  if (!Number.isInteger(issue.line) || issue.line < 1 || issue.line > maxLine)
    out.push(`${where}: line outside 1..${maxLine}`);
  if (issue.column !== undefined && (!Number.isInteger(issue.column) || issue.column < 1))
    out.push(`${where}: bad column`);
  // A calendar has no columns: its property (DTSTART, RRULE…) is the place on the line.
  if (CELL_CODES.has(issue.code) && issue.column === undefined && issue.columnName === undefined)
    out.push(`${where}: a cell problem without its column`);
  if (/[\r\n]/.test(issue.message) || issue.message.length > 400)
    out.push(`${where}: a message of ${issue.message.length} characters or several lines`);
  if (!issue.message.trim() || issue.message.includes('[object Object]'))
    out.push(`${where}: message "${issue.message}"`);
  return out;
}

/** Everything wrong with one file's result. */
export function resultProblems(file: string, bytes: Uint8Array, result: ImportResult): string[] {
  const max = lineBound(bytes);
  const out = result.issues.flatMap((issue) => issueProblems(file, issue, max));
  for (const r of result.records) {
    const where = `record ${r.externalId} (line ${r.source.line})`;
    if (!isIsoDate(r.date)) out.push(`${where}: date ${r.date}`);
    if (r.source.file !== file || r.source.line < 1 || r.source.line > max)
      out.push(`${where}: source`);
    if (r.kind === 'time') {
      if (!(Number.isFinite(r.hours) && r.hours > 0 && r.hours <= 24))
        out.push(`${where}: hours ${r.hours}`);
    } else {
      if (!Number.isSafeInteger(r.amount)) out.push(`${where}: amount ${r.amount}`);
      if (!isCurrencyCode(r.currency)) out.push(`${where}: currency ${r.currency}`);
      if (r.kind === 'payment' && !(Number.isSafeInteger(r.fee) && r.fee >= 0))
        out.push(`${where}: fee ${r.fee}`);
    }
  }
  return out;
}

/** `payments[3].clientId` → `['payments', 3, 'clientId']`; null when it is not a path. */
export function parsePath(path: string): Array<string | number> | null {
  if (path === '(document)') return [];
  const parts: Array<string | number> = [];
  const re = /(?:^|\.)([^.[\]]+)|\[(\d+)\]/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  for (m = re.exec(path); m; m = re.exec(path)) {
    parts.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
    end = re.lastIndex;
  }
  return end === path.length && parts.length ? parts : null;
}

/**
 * Problems with a bundle problem's path: it must lead into the document — every step
 * but the last exists (the last may be a missing, required field).
 */
export function pathProblems(document: unknown, path: string): string[] {
  const parts = parsePath(path);
  if (!parts) return [`"${path}" is not a JSON path`];
  let node: unknown = document;
  for (const [i, key] of parts.entries()) {
    const last = i === parts.length - 1;
    if (node === null || typeof node !== 'object')
      return [`"${path}" goes through a ${node === null ? 'null' : typeof node}`];
    const has = Object.hasOwn(node, key);
    if (!has && !last) return [`"${path}": no ${String(key)}`];
    node = (node as Record<string | number, unknown>)[key];
  }
  return [];
}

/** Problems with a line/column pointing into `text`. */
export function positionProblems(text: string, line: number, column: number): string[] {
  const source = text.replace(/^\uFEFF/, '');
  const lines = source.split('\n');
  const row = lines[line - 1];
  if (row === undefined) return [`line ${line} of ${lines.length}`];
  if (!Number.isInteger(column) || column < 1 || column > row.length + 1)
    return [`column ${column} of a line of ${row.length}`];
  return [];
}
