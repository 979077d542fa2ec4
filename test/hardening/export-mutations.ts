/**
 * Malformed export files from a valid seed, as a list of printable operations (so a
 * failing case reads, and shrinks, as "set row 2 column 3 to …"): cell edits, cut and
 * padded rows, wrong column counts, formula cells, then the bytes — encodings, truncation,
 * Latin-1 bytes inside UTF-8, NUL and random bytes. Calendars get line edits instead of
 * cell edits, and deep BEGIN nesting.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { poisonArb } from './poison.ts';
import type { Seed } from './seeds.ts';

export type TextOp =
  | { op: 'set'; row: number; col: number; value: string }
  | { op: 'cut'; row: number; keep: number }
  | { op: 'extra'; row: number; cells: string[] }
  | { op: 'dup'; row: number; times: number }
  | { op: 'delete'; row: number }
  | { op: 'swap'; a: number; b: number }
  | { op: 'raw'; row: number; text: string }
  /** CSV: a line of `depth` double quotes; calendars: `depth` nested BEGIN:VEVENT lines. */
  | { op: 'deep'; row: number; depth: number };

export type ByteOp =
  | { op: 'truncate'; permille: number }
  | { op: 'insert'; permille: number; bytes: readonly number[] }
  | { op: 'overwrite'; permille: number; bytes: readonly number[] };

export type Encoding = 'utf8' | 'utf8-bom' | 'latin1' | 'utf16le-bom' | 'cr' | 'crlf';

export interface ExportCase {
  textOps: TextOp[];
  quoteAll: boolean;
  encoding: Encoding;
  byteOps: ByteOp[];
  /** A file of random bytes instead of the seed. */
  random: number[] | null;
}

const textOpArb: fc.Arbitrary<TextOp> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      row: fc.nat(),
      col: fc.nat(),
      value: poisonArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('cut' as const),
      row: fc.nat(),
      keep: fc.nat({ max: 30 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('extra' as const),
      row: fc.nat(),
      cells: fc.array(fc.oneof(poisonArb, fc.constant('x')), { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('dup' as const),
      row: fc.nat(),
      times: fc.integer({ min: 1, max: 100 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), row: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('raw' as const), row: fc.nat(), text: poisonArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('deep' as const),
      row: fc.nat(),
      depth: fc.integer({ min: 1, max: 20_000 }),
    }),
  },
);

const bytesArb = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 });
const permilleArb = fc.integer({ min: 0, max: 1000 });

const byteOpArb: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), permille: permilleArb }),
  fc.record({ op: fc.constant('insert' as const), permille: permilleArb, bytes: bytesArb }),
  fc.record({ op: fc.constant('overwrite' as const), permille: permilleArb, bytes: bytesArb }),
  // Latin-1 letters inside UTF-8 text: the "mixed encodings" of a hand-edited file.
  fc.record({
    op: fc.constant('insert' as const),
    permille: permilleArb,
    bytes: fc.array(fc.constantFrom(0xe9, 0xfc, 0xe4, 0xa3, 0x80, 0xff), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
  fc.record({ op: fc.constant('insert' as const), permille: permilleArb, bytes: fc.constant([0]) }),
);

/** A malformed variant of a seed: usually a few edits, sometimes pure noise. */
export const exportCaseArb: fc.Arbitrary<ExportCase> = fc.record({
  textOps: fc.array(textOpArb, { minLength: 0, maxLength: 4 }),
  quoteAll: fc.boolean(),
  encoding: fc.constantFrom<Encoding>(
    'utf8',
    'utf8',
    'utf8',
    'utf8-bom',
    'latin1',
    'utf16le-bom',
    'cr',
    'crlf',
  ),
  byteOps: fc.array(byteOpArb, { maxLength: 2 }),
  random: fc.oneof(
    { weight: 11, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 600 }) },
  ),
});

/** The seed's text: UTF-8 when it is valid UTF-8, else Latin-1. */
function seedText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return bytes.toString('latin1');
  }
}

const at = <T>(list: readonly T[], i: number) => (list.length ? i % list.length : 0);

function applyCsvOps(text: string, ops: readonly TextOp[]): Array<string[] | string> {
  const rows: Array<string[] | string> = Papa.parse<string[]>(text.trimEnd(), {
    delimiter: ',',
  }).data;
  for (const op of ops) {
    const r = at(rows, 'row' in op ? op.row : 0);
    const row = rows[r];
    switch (op.op) {
      case 'set':
        if (Array.isArray(row)) row[at(row, op.col)] = op.value;
        break;
      case 'cut':
        if (Array.isArray(row)) rows[r] = row.slice(0, op.keep % (row.length + 1));
        break;
      case 'extra':
        if (Array.isArray(row)) rows[r] = [...row, ...op.cells];
        break;
      case 'dup': {
        // Keep files under about a megabyte: a huge cell copied 300 times tests nothing new.
        const size = typeof row === 'string' ? row.length : (row?.join('').length ?? 0);
        const times = Math.min(op.times, Math.floor(500_000 / Math.max(size, 1)));
        if (row !== undefined && r > 0)
          rows.splice(
            r,
            0,
            ...Array.from({ length: times }, () => (Array.isArray(row) ? [...row] : row)),
          );
        break;
      }
      case 'delete':
        rows.splice(r, 1);
        break;
      case 'swap': {
        const header = rows[0];
        if (Array.isArray(header) && header.length > 0) {
          const a = at(header, op.a);
          const b = at(header, op.b);
          [header[a], header[b]] = [header[b]!, header[a]!];
        }
        break;
      }
      case 'raw':
        rows.splice(r, 0, op.text);
        break;
      case 'deep':
        rows.splice(r, 0, '"'.repeat(op.depth));
        break;
    }
  }
  return rows;
}

function csvText(rows: ReadonlyArray<string[] | string>, quoteAll: boolean): string {
  const cell = (c: string) => (quoteAll || /[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  return `${rows.map((row) => (typeof row === 'string' ? row : row.map(cell).join(','))).join('\n')}\n`;
}

function applyIcsOps(text: string, ops: readonly TextOp[]): string {
  const lines = text.split(/\r?\n/);
  for (const op of ops) {
    const i = at(lines, 'row' in op ? op.row : op.a);
    const line = lines[i] ?? '';
    switch (op.op) {
      case 'set': {
        const colon = line.indexOf(':');
        lines[i] = colon === -1 ? op.value : `${line.slice(0, colon + 1)}${op.value}`;
        break;
      }
      case 'cut':
        lines[i] = line.slice(0, op.keep);
        break;
      case 'extra':
        lines.splice(i, 0, ...op.cells.map((c) => `X-FUZZ:${c}`));
        break;
      case 'dup':
        lines.splice(i, 0, ...Array.from({ length: Math.min(op.times, 50) }, () => line));
        break;
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'swap':
        lines.splice(i, 0, ' folded continuation');
        break;
      case 'raw':
        lines.splice(i, 0, op.text);
        break;
      case 'deep':
        lines.splice(i, 0, ...Array.from({ length: op.depth }, () => 'BEGIN:VEVENT'));
        break;
    }
  }
  return lines.join('\r\n');
}

function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text);
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    case 'latin1':
      return iconv.encode(text, 'win1252');
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'cr':
      return Buffer.from(text.replace(/\r?\n/g, '\r'));
    case 'crlf':
      return Buffer.from(text.replace(/\r?\n/g, '\r\n'));
  }
}

function applyByteOps(bytes: Buffer, ops: readonly ByteOp[]): Buffer {
  let out = bytes;
  for (const op of ops) {
    const i = Math.floor((out.length * op.permille) / 1000);
    if (op.op === 'truncate') out = out.subarray(0, i);
    else if (op.op === 'insert')
      out = Buffer.concat([out.subarray(0, i), Buffer.from(op.bytes), out.subarray(i)]);
    else
      out = Buffer.concat([
        out.subarray(0, i),
        Buffer.from(op.bytes),
        out.subarray(i + op.bytes.length),
      ]);
  }
  return out;
}

/** The bytes of a case. */
export function buildExport(seed: Seed, c: ExportCase): Buffer {
  if (c.random) return Buffer.from(c.random);
  const text = seedText(seed.bytes);
  const edited =
    seed.format === 'ics'
      ? applyIcsOps(text, c.textOps)
      : csvText(applyCsvOps(text, c.textOps), c.quoteAll);
  return applyByteOps(encode(edited, c.encoding), c.byteOps);
}
