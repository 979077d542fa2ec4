/**
 * Which format is this file? iCalendar by its first line, CSV formats by their header
 * row (the best score among `CSV_FORMATS`), `--format` to force one. Then read it.
 */
import { type ByteSource, DecodeError, decodeText } from './csv.ts';
import { type ImportEvent, readHeader, runCsvFormat } from './format.ts';
import { importIcs } from './ics/index.ts';
import { CSV_FORMATS } from './registry.ts';
import type { ImportOptions, ImportResult } from './types.ts';

export const ICS_FORMAT = { id: 'ics', label: 'iCalendar (.ics)' } as const;

/** Every format id a user can pass to `--format`. */
export function formatIds(): string[] {
  return [...CSV_FORMATS.map((f) => f.id), ICS_FORMAT.id];
}

async function startsWithCalendar(open: () => ByteSource): Promise<boolean> {
  for await (const text of decodeText(open())) {
    return /^\s*BEGIN:VCALENDAR/i.test(text);
  }
  return false;
}

/** A whole file's bytes: the iCalendar reader unfolds lines before decoding them. */
async function readAllBytes(open: () => ByteSource): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of open()) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The format id of a file, or null when no format recognises it. */
export async function detectFormat(open: () => ByteSource): Promise<string | null> {
  if (await startsWithCalendar(open)) return ICS_FORMAT.id;
  const header = await readHeader(open);
  if (!header) return null;
  let best: { id: string; score: number } | null = null;
  for (const format of CSV_FORMATS) {
    const score = format.detect(header);
    if (score > 0 && (!best || score > best.score)) best = { id: format.id, score };
  }
  return best?.id ?? null;
}

/** The id of the generic CSV format, chosen whenever a column mapping is given. */
export const GENERIC_FORMAT_ID = 'generic';

/** The format to read a file with: `options.format`, else generic when a mapping is given, else detected. */
export async function chooseFormat(
  open: () => ByteSource,
  options: ImportOptions,
): Promise<string | null> {
  if (options.format) return options.format;
  if (options.map) return GENERIC_FORMAT_ID;
  return detectFormat(open);
}

/** Human label of a format id. */
export function formatLabel(id: string): string {
  if (id === ICS_FORMAT.id) return ICS_FORMAT.label;
  return CSV_FORMATS.find((f) => f.id === id)?.label ?? id;
}

/**
 * Reads one file: detects (or takes `options.format`) and streams its events. An
 * unrecognised file yields one `unknown_format` issue.
 */
export async function* importFileEvents(
  file: string,
  open: () => ByteSource,
  options: ImportOptions,
): AsyncGenerator<ImportEvent & { format?: string }> {
  let id: string | null;
  try {
    id = await chooseFormat(open, options);
  } catch (error) {
    // Bytes that cannot be read as text while detecting: an issue, like any bad input.
    if (!(error instanceof DecodeError)) throw error;
    yield {
      type: 'issue',
      issue: {
        file,
        line: error.line,
        code: 'encoding',
        message: error.message,
        severity: 'error',
      },
    };
    return;
  }
  if (id === ICS_FORMAT.id) {
    yield* importIcs(file, await readAllBytes(open), options);
    return;
  }
  const format = CSV_FORMATS.find((f) => f.id === id);
  if (!format) {
    const message = id
      ? `unknown format "${id}": use one of ${formatIds().join(', ')}`
      : `cannot tell which export this is from its header row; pass --format (one of ${formatIds().join(', ')}) or --map for a generic CSV`;
    yield {
      type: 'issue',
      issue: { file, line: 1, code: 'unknown_format', message, severity: 'error' },
    };
    return;
  }
  yield* runCsvFormat(format, file, open, options);
}

/** Reads a whole file into one result (tests and small files; imports stream instead). */
export async function importFileResult(
  file: string,
  open: () => ByteSource,
  options: ImportOptions,
): Promise<ImportResult> {
  const format = await chooseFormat(open, options).catch(() => null);
  const result: ImportResult = {
    file,
    format: format ?? 'unknown',
    records: [],
    skipped: [],
    issues: [],
  };
  // Detected once: the events read the file with the format already chosen.
  const events = importFileEvents(file, open, format ? { ...options, format } : options);
  for await (const event of events) {
    if (event.type === 'record') result.records.push(event.record);
    else if (event.type === 'skip') result.skipped.push(event.skipped);
    else if (event.type === 'issue') result.issues.push(event.issue);
  }
  return result;
}
