/**
 * Test support for the payment importers: our own files in `test/fixtures`, CRLF copies, and one
 * call that detects and reads a file the way an import does, optionally feeding the bytes
 * in small chunks to exercise streaming.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFileResult } from './detect.ts';
import type {
  ImportedCost,
  ImportedPayment,
  ImportIssue,
  ImportOptions,
  ImportResult,
} from './types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bytes of one of our own fixtures under `test/fixtures`. */
export function localFixture(name: string): Buffer {
  return readFileSync(path.resolve(repoRoot, 'test', 'fixtures', name));
}

/** The same text with every line break as CRLF (UTF-8 or Latin-1 bytes, not UTF-16). */
export function withCrlf(bytes: Buffer): Buffer {
  return Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/** Options a practice in New York with USD would pass. */
export const NEW_YORK: ImportOptions = { timezone: 'America/New_York', currency: 'USD' };

/** Detects and reads a file from bytes, in one piece or in chunks of `chunk` bytes. */
export function importPaymentBytes(
  file: string,
  bytes: Buffer,
  options: Partial<ImportOptions> = {},
  chunk?: number,
): Promise<ImportResult> {
  const open = () => {
    if (!chunk) return [new Uint8Array(bytes)];
    const parts: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += chunk)
      parts.push(new Uint8Array(bytes.subarray(i, i + chunk)));
    return parts;
  };
  return importFileResult(file, open, { ...NEW_YORK, ...options });
}

export function payments(result: ImportResult): ImportedPayment[] {
  return result.records.filter((r): r is ImportedPayment => r.kind === 'payment');
}

export function costs(result: ImportResult): ImportedCost[] {
  return result.records.filter((r): r is ImportedCost => r.kind === 'cost');
}

/** Compact one-line views for inline snapshots checked by hand against the files. */
export function paymentLines(result: ImportResult): string[] {
  return result.records.map((r) => {
    if (r.kind === 'payment') {
      const link = r.refundOf ? ` refundOf=${r.refundOf}` : '';
      return `L${r.source.line} ${r.externalId} ${r.date} ${r.amount} ${r.currency} fee=${r.fee}${link}`;
    }
    if (r.kind === 'cost')
      return `L${r.source.line} ${r.externalId} ${r.date} cost ${r.amount} ${r.currency}`;
    return `L${r.source.line} ${r.externalId} ${r.date} time`;
  });
}

export function skipLines(result: ImportResult): string[] {
  return result.skipped.map((s) => `L${s.source.line} ${s.reason}`);
}

export function issueLines(result: ImportResult): string[] {
  return result.issues.map(
    (i: ImportIssue) =>
      `${i.severity} ${i.file}:${i.line}${i.column ? `:${i.column}` : ''}${i.columnName ? ` [${i.columnName}]` : ''} ${i.code}: ${i.message}`,
  );
}
