/**
 * Streaming CSV reading for every CSV importer: bytes → text (UTF-8 with or without BOM,
 * UTF-16 with BOM, else Windows-1252/Latin-1) → RFC 4180 rows with papaparse (quoted
 * newlines, doubled quotes, delimiter detected) → `{ line, cells }` with the 1-based
 * line number on which each row starts. Memory stays bounded by the chunk size.
 */
import { isAscii as bufferIsAscii } from 'node:buffer';
import { once } from 'node:events';
import type { Duplex } from 'node:stream';
import iconv from 'iconv-lite';
import Papa from 'papaparse';

export interface CsvRow {
  /** 1-based line of the file on which this row starts. */
  line: number;
  cells: string[];
}

export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Thrown (and turned into an issue by the caller) when the bytes are not text we can read. */
export class DecodeError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'win1252';

/** Guesses the encoding from the first bytes: a BOM wins; NUL bytes mean UTF-16; invalid UTF-8 means Latin-1. */
export function sniffEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  const sample = head.subarray(0, 4096);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  if (oddNul > sample.length / 4) return 'utf16le';
  if (evenNul > sample.length / 4) return 'utf16be';
  return isValidUtf8Prefix(head) ? 'utf8' : 'win1252';
}

/** True when `bytes` is valid UTF-8, allowing a multi-byte sequence cut at the very end. */
function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Decodes a byte stream into text chunks, the BOM removed. Invalid UTF-8 later in a UTF-8 file is a DecodeError. */
export async function* decodeText(
  source: ByteSource,
  encoding?: TextEncoding,
): AsyncGenerator<string> {
  let enc = encoding;
  let utf8: InstanceType<typeof TextDecoder> | undefined;
  let other: ReturnType<typeof iconv.getDecoder> | undefined;
  let line = 1;
  const countLines = (text: string) => {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++;
  };
  // Sniff on at least SNIFF_BYTES (a stream may arrive in tiny chunks), and while every
  // byte so far was ASCII, a later invalid UTF-8 byte means Latin-1, not a broken file.
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let asciiSoFar = true;
  const decode = (chunk: Uint8Array): string => {
    if (enc === 'utf8') {
      utf8 ??= new TextDecoder('utf-8', { fatal: true });
      try {
        const text = utf8.decode(chunk, { stream: true });
        asciiSoFar &&= isAscii(chunk);
        return text;
      } catch {
        if (!asciiSoFar) {
          throw new DecodeError(
            'the file is not valid UTF-8 here (mixed encodings?): save it as UTF-8 and try again',
            line,
          );
        }
        enc = 'win1252';
      }
    }
    other ??= iconv.getDecoder(enc === 'win1252' ? 'win1252' : (enc ?? 'utf8'));
    return other.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  };
  for await (const chunk of source) {
    if (!enc) {
      head.push(chunk);
      headBytes += chunk.byteLength;
      if (headBytes < SNIFF_BYTES) continue;
    }
    const bytes = enc ? chunk : concatBytes(head);
    head = [];
    enc ??= sniffEncoding(bytes);
    const text = decode(bytes);
    countLines(text);
    if (text) yield text;
  }
  if (!enc && headBytes > 0) {
    const bytes = concatBytes(head);
    enc = sniffEncoding(bytes);
    const text = decode(bytes);
    countLines(text);
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = enc === 'utf8' ? (utf8?.decode() ?? '') : (other?.end() ?? '');
  } catch {
    // The fatal UTF-8 decoder refuses a file that ends inside a multi-byte character.
    throw new DecodeError('the file ends in the middle of a character: is it cut short?', line);
  }
  if (rest) yield rest;
}

const SNIFF_BYTES = 4096;

function isAscii(bytes: Uint8Array): boolean {
  return bufferIsAscii(bytes);
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  return Buffer.concat(parts);
}

function newlines(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) {
    for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
  }
  return n;
}

const GUESS_CHARS = 64 * 1024;
const GUESS_LINES = 10;
const WRITE_CHARS = 64 * 1024;

/**
 * Reads CSV rows from bytes. Blank lines are skipped (but counted). The delimiter is
 * detected (comma, semicolon, tab) unless given.
 */
export async function* readCsv(
  source: ByteSource,
  options: { encoding?: TextEncoding; delimiter?: string } = {},
): AsyncGenerator<CsvRow> {
  for await (const rows of readCsvBatches(source, options)) yield* rows;
}

/** Rows per batch of `readCsvBatches`; the parser pauses while a full batch waits. */
const BATCH_ROWS = 1000;

/**
 * `readCsv` in batches of up to 1,000 rows: what a long file's reader loops over, without
 * a promise per row (papaparse's rows are taken from its `data` events, not its stream
 * iterator; measured in docs/performance.md, the iterator doubled the parsing cost).
 */
export async function* readCsvBatches(
  source: ByteSource,
  options: { encoding?: TextEncoding; delimiter?: string } = {},
): AsyncGenerator<CsvRow[]> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {
    delimiter: options.delimiter ?? '',
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: false,
  });
  let failure: unknown;
  let batch: CsvRow[] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  let line = 1;
  parser.on('data', (cells: string[]) => {
    const start = line;
    line += 1 + newlines(cells);
    if (cells.length === 1 && cells[0] === '') return;
    batch.push({ line: start, cells });
    if (batch.length >= BATCH_ROWS) parser.pause();
    wake?.();
  });
  parser.on('end', () => {
    ended = true;
    wake?.();
  });
  parser.on('error', (error: unknown) => {
    failure ??= error;
    ended = true;
    wake?.();
  });
  const pump = (async () => {
    // papaparse guesses line endings and the delimiter from its first chunk only: give it
    // a first chunk with several lines even when the bytes arrive in tiny pieces. After
    // that, hand it at least WRITE_CHARS at a time: it re-parses an unfinished row from
    // its start on every write, so tiny writes under a long quoted cell are quadratic.
    let pending = '';
    let startLines = 0;
    let started = false;
    for await (const text of decodeText(source, options.encoding)) {
      // A reader that stopped early destroyed the parser: stop reading the file too.
      if (parser.destroyed) return;
      pending += text;
      if (!started) {
        startLines += text.split('\n').length - 1;
        if (pending.length < GUESS_CHARS && startLines < GUESS_LINES) continue;
        started = true;
      } else if (pending.length < WRITE_CHARS) continue;
      const piece = pending;
      pending = '';
      if (!parser.write(piece)) await drained(parser);
    }
    if (parser.destroyed) return;
    if (pending) parser.write(pending);
    parser.end();
  })().catch((error: unknown) => {
    failure = error;
    parser.end();
  });
  try {
    for (;;) {
      if (batch.length > 0) {
        const rows = batch;
        batch = [];
        parser.resume();
        yield rows;
        continue;
      }
      if (ended) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    // A reader that stops early (the header only) leaves the rest unread.
    if (!ended) parser.destroy();
  }
  await pump;
  if (failure) throw failure;
}

/** Resolves when the parser wants more text, or is closed (destroyed by a reader that stopped). */
async function drained(parser: Duplex): Promise<void> {
  if (parser.destroyed) return;
  const controller = new AbortController();
  try {
    await Promise.race([
      once(parser, 'drain', { signal: controller.signal }),
      once(parser, 'close', { signal: controller.signal }),
    ]);
  } finally {
    controller.abort();
  }
}

/** A normalised header name: trimmed, lower-case, inner whitespace collapsed. */
export function headerKey(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/**
 * Finds columns by any of several names (localised aliases), case- and space-insensitive.
 * Duplicate header names keep the first occurrence.
 */
export class HeaderIndex {
  private readonly index = new Map<string, number>();

  constructor(readonly names: readonly string[]) {
    names.forEach((name, i) => {
      const key = headerKey(name);
      if (key && !this.index.has(key)) this.index.set(key, i);
    });
  }

  /** Column index of the first alias present, or -1. */
  find(...aliases: string[]): number {
    for (const alias of aliases) {
      const i = this.index.get(headerKey(alias));
      if (i !== undefined) return i;
    }
    return -1;
  }

  has(...aliases: string[]): boolean {
    return this.find(...aliases) !== -1;
  }

  /** Column index of the first header matching a pattern (on the normalised name), or -1. */
  match(pattern: RegExp): number {
    for (const [key, i] of this.index) if (pattern.test(key)) return i;
    return -1;
  }

  /** Header name of a column, as written in the file. */
  nameOf(column: number): string {
    return this.names[column]?.trim() ?? `column ${column + 1}`;
  }
}
