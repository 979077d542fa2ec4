/**
 * Test support for the time importers: our own small files in `test/fixtures`, CRLF copies of
 * them, and one call that detects and reads a file the way an import does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFileResult } from './detect.ts';
import type { ImportedTimeEntry, ImportOptions, ImportResult } from './types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bytes of one of our own fixtures under `test/fixtures`. */
export function local(name: string): Buffer {
  return readFileSync(path.resolve(repoRoot, 'test', 'fixtures', name));
}

/** The same bytes with every bare LF turned into CRLF (real downloads use CRLF). */
export function crlf(bytes: Buffer): Buffer {
  return Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

export const LINE_ENDINGS = [
  ['LF', (bytes: Buffer) => bytes],
  ['CRLF', crlf],
] as const;

/** Detects and reads a file from bytes, as `fulcrum import` does. */
export function importBytes(
  file: string,
  bytes: Buffer,
  options: Partial<ImportOptions> = {},
): Promise<ImportResult> {
  return importFileResult(file, () => [new Uint8Array(bytes)], {
    timezone: 'UTC',
    currency: 'USD',
    ...options,
  });
}

/** The time entries of a result (every record of a time format is one). */
export function timeEntries(result: ImportResult): ImportedTimeEntry[] {
  return result.records.filter((r): r is ImportedTimeEntry => r.kind === 'time');
}
