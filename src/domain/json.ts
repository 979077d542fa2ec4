/**
 * Parses JSON text and, when it is malformed, says where: line and column (1-based)
 * of the first error, found with jsonc-parser in strict JSON mode.
 */
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';

export type JsonResult =
  | { ok: true; value: unknown }
  | { ok: false; line: number; column: number; message: string };

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected "," or a closing bracket',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'unexpected text after the end of the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

/** Line and column (1-based) of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Deeper than this, a malformed document is refused at that depth (jsonc-parser recurses). */
export const MAX_JSON_DEPTH = 512;

/** Offset of the first `[` or `{` nested deeper than `max` (outside strings), or -1. */
export function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return -1;
}

export function parseJson(text: string): JsonResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch {
    // Find the first error in the part of the text jsonc-parser can walk without
    // overflowing the stack; past that, the nesting itself is the error.
    const deep = tooDeepAt(source, MAX_JSON_DEPTH);
    const errors: ParseError[] = [];
    parse(deep === -1 ? source : source.slice(0, deep), errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
    const first = errors.find((e) => deep === -1 || e.offset < deep);
    if (!first && deep !== -1) {
      const message = `nested more than ${MAX_JSON_DEPTH} deep`;
      return { ok: false, ...lineColumn(source, deep), message };
    }
    const offset = first?.offset ?? source.length;
    const code = first ? printParseErrorCode(first.error) : 'ValueExpected';
    const where = lineColumn(source, offset);
    return { ok: false, ...where, message: MESSAGES[code] ?? code };
  }
}
