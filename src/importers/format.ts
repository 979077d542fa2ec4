/**
 * The contract every CSV format implements, and the runner that reads a file with it.
 *
 * A format recognises its header (`detect`), says which columns hold dates and amounts
 * whose spelling must be inferred from the whole file (`survey`), and maps each row to
 * records, skipped rows and issues (`open(...).row`). The runner makes a first pass only
 * as long as needed to decide the date order and decimal mark, then streams the rows.
 */
import { hash as digestOf } from 'node:crypto';
import {
  type ByteSource,
  type CsvRow,
  DecodeError,
  HeaderIndex,
  readCsv,
  readCsvBatches,
} from './csv.ts';
import type { ImportedRecord, ImportIssue, ImportOptions, SkippedRow } from './types.ts';
import {
  DATE_FORMAT_NAMES,
  type DateOrder,
  type DecimalMark,
  dateOrderOf,
  dateOrderOfSamples,
  decimalMarkOf,
  looksLikeDate,
} from './values.ts';

/** File-wide spellings, decided before rows are mapped. */
export interface Spelling {
  /** null when the file has no ambiguous dates to read. */
  dateOrder: DateOrder | null;
  decimal: DecimalMark | undefined;
}

/** What a row mapper reports through. */
export interface Emit {
  record(record: ImportedRecord): void;
  skip(line: number, reason: string): void;
  /** A problem with a cell (`column` is the 0-based column index) or the row. */
  issue(
    line: number,
    code: string,
    message: string,
    column?: number,
    severity?: 'error' | 'warning',
  ): void;
}

export interface RowMapper {
  row(row: CsvRow, emit: Emit): void;
  /** Called after the last row, for formats that link rows (refunds to payments…). */
  finish?(emit: Emit): void;
}

export interface FormatContext {
  file: string;
  header: HeaderIndex;
  options: ImportOptions;
  spelling: Spelling;
  /** A stable id for a row with no id of its own: content hash + occurrence index. */
  contentId(cells: readonly string[]): string;
}

export interface CsvFormat {
  id: string;
  label: string;
  /** 0 = not this format; higher = more certain. Header names only. */
  detect(header: HeaderIndex): number;
  /** Columns whose values decide the date order and the decimal mark (the options tell a
   * mapped format, such as the generic CSV, which columns those are). */
  survey?(header: HeaderIndex, options: ImportOptions): { dates?: number[]; amounts?: number[] };
  /** Checks required columns (returns issues on the header line) or returns the row mapper. */
  open(ctx: FormatContext): RowMapper | { missing: string[] };
}

export type ImportEvent =
  | { type: 'record'; record: ImportedRecord }
  | { type: 'skip'; skipped: SkippedRow }
  | { type: 'issue'; issue: ImportIssue }
  | { type: 'progress'; rows: number };

const SURVEY_LIMIT = 200_000;

const MESSAGE_HEAD = 160;
const MESSAGE_TAIL = 60;

/**
 * An issue message fit for one line of a terminal or a JSON field: line breaks shown as
 * `↵`, other control characters as `�`, and a message that quotes a huge cell cut in the
 * middle (`…`), so one bad cell of 100 KB never floods the report.
 * @example clipMessage('not a date: "a\nb"') // 'not a date: "a↵b"'
 */
export function clipMessage(message: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
  const text = message.replace(/\r\n|\r|\n/g, '↵').replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');
  if (text.length <= MESSAGE_HEAD + MESSAGE_TAIL + 1) return text;
  return `${text.slice(0, MESSAGE_HEAD)}…${text.slice(-MESSAGE_TAIL)}`;
}

/**
 * Counts occurrences of identical content so two identical rows get ids `…#1`, `…#2`.
 * The id's hash is the first 15 bytes of the content's SHA-1 (20 base64url characters);
 * those 15 bytes are remembered in a flat open-addressing table (16 bytes a row, outside
 * the JavaScript heap) rather than as a million strings in a Map, and only the rare
 * repeated contents get a count in a Map.
 */
export class ContentIds {
  /** Four words per slot: bytes 0–11 of the hash, then 12–14 with the top byte set (never 0). */
  private table = new Uint32Array(4 * 1024);
  private size = 0;
  private readonly repeats = new Map<number, number>();

  constructor(private readonly prefix: string) {}

  next(cells: readonly string[]): string {
    // One-shot `crypto.hash` (Node ≥ 20.12): the same SHA-1 without a Hash object per row.
    const digest = digestOf('sha1', cells.join('\u001f'), 'buffer');
    const hash = digest.toString('base64url', 0, 15);
    const slot = this.slotOf(digest);
    const n = (this.repeats.get(slot) ?? (this.fresh ? 0 : 1)) + 1;
    if (n > 1) this.repeats.set(slot, n);
    return `${this.prefix}:${hash}#${n}`;
  }

  /** Set by `slotOf`: whether the hash was new. */
  private fresh = false;

  /** The slot of a hash, inserting it when new (`fresh`). */
  private slotOf(digest: Buffer): number {
    if ((this.size + 1) * 4 > (this.table.length / 4) * 3) this.grow();
    const a = digest.readUInt32LE(0);
    const b = digest.readUInt32LE(4);
    const c = digest.readUInt32LE(8);
    const d = (digest[12]! | (digest[13]! << 8) | (digest[14]! << 16) | 0x1000000) >>> 0;
    const mask = this.table.length / 4 - 1;
    let slot = a & mask;
    for (;;) {
      const at = slot * 4;
      const t = this.table;
      if (t[at + 3] === 0) {
        t[at] = a;
        t[at + 1] = b;
        t[at + 2] = c;
        t[at + 3] = d;
        this.size++;
        this.fresh = true;
        return slot;
      }
      if (t[at] === a && t[at + 1] === b && t[at + 2] === c && t[at + 3] === d) {
        this.fresh = false;
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Doubles the table; slots move, so the repeat counts are re-keyed. */
  private grow(): void {
    const old = this.table;
    const counts = new Map<number, number>();
    this.table = new Uint32Array(old.length * 2);
    const mask = this.table.length / 4 - 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 3] === 0) continue;
      let slot = old[at]! & mask;
      while (this.table[slot * 4 + 3] !== 0) slot = (slot + 1) & mask;
      this.table.set(old.subarray(at, at + 4), slot * 4);
      const n = this.repeats.get(at / 4);
      if (n !== undefined) counts.set(slot, n);
    }
    this.repeats.clear();
    for (const [slot, n] of counts) this.repeats.set(slot, n);
  }
}

async function firstRow(open: () => ByteSource): Promise<CsvRow | null> {
  for await (const row of readCsv(open())) return row;
  return null;
}

/** Reads the header row of a CSV file (null for an empty file). */
export async function readHeader(open: () => ByteSource): Promise<HeaderIndex | null> {
  const row = await firstRow(open);
  return row ? new HeaderIndex(row.cells) : null;
}

async function decideSpelling(
  format: CsvFormat,
  header: HeaderIndex,
  open: () => ByteSource,
  options: ImportOptions,
): Promise<Spelling | string> {
  const wanted = format.survey?.(header, options) ?? {};
  const dateCols = wanted.dates ?? [];
  const amountCols = wanted.amounts ?? [];
  let dateOrder: DateOrder | null | 'conflict' = null;
  if (options.dateFormat) {
    dateOrder = dateOrderOf(options.dateFormat);
    if (!dateOrder) {
      return `unknown --date-format "${options.dateFormat}": use one of ${DATE_FORMAT_NAMES.join(', ')}`;
    }
  }
  let decimal: DecimalMark | null = options.decimal ?? null;
  const needDates = dateOrder === null && dateCols.length > 0;
  const needDecimal = decimal === null && amountCols.length > 0;
  let sawDates = false;
  if (needDates || needDecimal) {
    let n = 0;
    for await (const row of readCsv(open())) {
      if (n++ === 0) continue;
      if (needDates && dateOrder === null) {
        const values = dateCols.map((c) => row.cells[c] ?? '').filter(Boolean);
        if (values.some(looksLikeDate)) sawDates = true;
        dateOrder = dateOrderOfSamples(values);
      }
      if (needDecimal && decimal === null)
        decimal = decimalMarkOf(amountCols.map((c) => row.cells[c] ?? ''));
      if ((!needDates || dateOrder !== null) && (!needDecimal || decimal !== null)) break;
      if (n > SURVEY_LIMIT) break;
    }
  }
  if (dateOrder === 'conflict') {
    return 'the dates mix day-first and month-first spellings; pass --date-format to say which';
  }
  if (needDates && dateOrder === null && sawDates) {
    return 'cannot tell whether dates are day-first or month-first (no day above 12): pass --date-format DD/MM/YYYY or MM/DD/YYYY';
  }
  return { dateOrder, decimal: decimal ?? undefined };
}

/**
 * Reads one CSV file with a format, yielding records, skipped rows, issues and progress.
 * `open` is called once per pass and must return the file's bytes from the start.
 */
export async function* runCsvFormat(
  format: CsvFormat,
  file: string,
  open: () => ByteSource,
  options: ImportOptions,
): AsyncGenerator<ImportEvent> {
  const issue = (
    line: number,
    code: string,
    message: string,
    column?: number,
    columnName?: string,
    severity: 'error' | 'warning' = 'error',
  ): ImportEvent => ({
    type: 'issue',
    issue: { file, line, column, columnName, code, message: clipMessage(message), severity },
  });
  let header: HeaderIndex | null;
  try {
    header = await readHeader(open);
  } catch (error) {
    if (error instanceof DecodeError) {
      yield issue(error.line, 'encoding', error.message);
      return;
    }
    throw error;
  }
  if (!header) {
    yield issue(1, 'empty_file', 'the file is empty');
    return;
  }
  const spelling = await decideSpelling(format, header, open, options).catch((error: unknown) => {
    if (error instanceof DecodeError) return error;
    throw error;
  });
  if (spelling instanceof DecodeError) {
    yield issue(spelling.line, 'encoding', spelling.message);
    return;
  }
  if (typeof spelling === 'string') {
    yield issue(1, 'date_format', spelling);
    return;
  }
  const ids = new ContentIds(format.id);
  const mapper = format.open({
    file,
    header,
    options,
    spelling,
    contentId: (cells) => ids.next(cells),
  });
  if ('missing' in mapper) {
    yield issue(
      1,
      'missing_columns',
      `missing column${mapper.missing.length > 1 ? 's' : ''}: ${mapper.missing.join(', ')}`,
    );
    return;
  }
  const out: ImportEvent[] = [];
  const headerRef = header;
  const emit: Emit = {
    record: (record) => out.push({ type: 'record', record }),
    skip: (line, reason) => out.push({ type: 'skip', skipped: { source: { file, line }, reason } }),
    issue: (line, code, message, column, severity) =>
      out.push(
        issue(
          line,
          code,
          message,
          column === undefined ? undefined : column + 1,
          column === undefined ? undefined : headerRef.nameOf(column),
          severity,
        ),
      ),
  };
  let rows = 0;
  try {
    let first = true;
    for await (const batch of readCsvBatches(open())) {
      for (const row of batch) {
        if (first) {
          first = false;
          continue;
        }
        mapper.row(row, emit);
        rows++;
        if (out.length) {
          // Yielded in place, not through a copy per row (the mapper is not called until
          // the consumer has taken them all).
          for (const event of out) yield event;
          out.length = 0;
        }
        if (rows % 10_000 === 0) yield { type: 'progress', rows };
      }
    }
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    yield issue(error.line, 'encoding', error.message);
    return;
  }
  mapper.finish?.(emit);
  yield* out.splice(0);
  yield { type: 'progress', rows };
}
