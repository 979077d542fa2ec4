/**
 * An iCalendar file's logical lines, each with the file line it starts on. Folding
 * (CRLF/LF/CR + one space or tab) is undone on the BYTES, before decoding, because real
 * producers fold inside a multi-byte UTF-8 character (`é` = C3 | A9 across two lines).
 * Then each line is decoded: UTF-8 (BOM or not) when every line is valid UTF-8, else
 * Windows-1252. UTF-16 files (a BOM or NUL bytes) are decoded first, then unfolded.
 */
import iconv from 'iconv-lite';
import { sniffEncoding } from '../csv.ts';

export interface LogicalLine {
  /** 1-based line of the file on which this logical line starts. */
  line: number;
  text: string;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/** Unfolds decoded text (`\n  Lal` keeps one of its two spaces). */
export function unfoldText(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .forEach((raw, i) => {
      const last = out[out.length - 1];
      if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) last.text += raw.slice(1);
      else if (raw.trim() !== '') out.push({ line: i + 1, text: raw });
    });
  return out;
}

/** Physical lines of some bytes (LF, CRLF or a lone CR ends one), with their numbers. */
function physicalLines(bytes: Uint8Array): { line: number; bytes: Uint8Array }[] {
  const out: { line: number; bytes: Uint8Array }[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const b = bytes[i];
    if (i < bytes.length && b !== LF && b !== CR) continue;
    out.push({ line: out.length + 1, bytes: bytes.subarray(start, i) });
    if (b === CR && bytes[i + 1] === LF) i++;
    start = i + 1;
  }
  return out;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Unfolds and decodes a calendar file's bytes.
 * @example unfoldBytes(Buffer.from('SUMMARY:S\xc3\r\n \xa9ance', 'latin1')) // [{ line: 1, text: 'SUMMARY:Séance' }]
 */
export function unfoldBytes(input: Uint8Array): LogicalLine[] {
  const encoding = sniffEncoding(input.subarray(0, 4096));
  if (encoding === 'utf16le' || encoding === 'utf16be') {
    return unfoldText(iconv.decode(Buffer.from(input), encoding));
  }
  const bytes =
    input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
  const logical: { line: number; parts: Uint8Array[] }[] = [];
  for (const { line, bytes: raw } of physicalLines(bytes)) {
    const last = logical[logical.length - 1];
    if ((raw[0] === SPACE || raw[0] === TAB) && last) last.parts.push(raw.subarray(1));
    else if (raw.some((b) => b !== SPACE && b !== TAB)) logical.push({ line, parts: [raw] });
  }
  const joined = logical.map(({ line, parts }) => ({ line, bytes: Buffer.concat(parts) }));
  const utf8 = joined.every((l) => isUtf8(l.bytes));
  return joined.map(({ line, bytes: b }) => ({
    line,
    text: utf8 ? new TextDecoder('utf-8').decode(b) : iconv.decode(b, 'win1252'),
  }));
}
