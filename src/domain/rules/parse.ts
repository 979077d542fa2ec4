/**
 * Reads the condition text a user types: `project = "Group circle" and tags contains
 * coaching`. The grammar (keywords and field names ignore case; spaces are optional
 * around symbols):
 *
 * ```
 * conditions := condition ("and" condition)*
 * condition  := field op value
 * field      := [A-Za-z_][A-Za-z0-9_]*
 * op         := "contains" | "=" | "==" | "is" | "equals" | "starts with" | "starts_with"
 *             | "ends with" | "ends_with" | "matches" | "~" | ">" | "gt" | "<" | "lt"
 * value      := '"' (any character but '"' and '\', or '\"', or '\\', or '\' + other)* '"'
 *             | a run of characters other than spaces and '"'
 * ```
 *
 * Inside quotes `\"` is a quote and `\\` a backslash; any other backslash is kept as is,
 * so `"^\d+"` is the pattern `^\d+`. Errors are data: a message and the 0-based position
 * of the character it is about.
 */
import { checkCondition, comparesNumbers } from './check.ts';
import type { Condition, Op } from './model.ts';

export interface ParseError {
  message: string;
  /** 0-based index into the text; `text.length` when the text ended too soon. */
  position: number;
}

export type ParseResult = { ok: true; when: Condition[] } | { ok: false; error: ParseError };

/** Operator spellings, longest first so `==` wins over `=`. Words need a boundary after. */
const OP_SPELLINGS: ReadonlyArray<readonly [RegExp, Op]> = [
  [/starts(?:\s+|_)with\b/iy, 'starts_with'],
  [/ends(?:\s+|_)with\b/iy, 'ends_with'],
  [/contains\b/iy, 'contains'],
  [/equals\b/iy, 'equals'],
  [/is\b/iy, 'equals'],
  [/matches\b/iy, 'matches'],
  [/gt\b/iy, 'gt'],
  [/lt\b/iy, 'lt'],
  [/==|=/y, 'equals'],
  [/~/y, 'matches'],
  [/>(?!=)/y, 'gt'],
  [/<(?!=)/y, 'lt'],
];

const OP_LIST = 'contains, =, starts with, ends with, matches, > or <';

class Failure extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/**
 * Parses condition text into conditions, or says what is wrong and where.
 * @example parseConditions('title starts with Discovery and hours > 0.5')
 * // { ok: true, when: [{ field: 'title', op: 'starts_with', value: 'Discovery' },
 * //                    { field: 'hours', op: 'gt', value: '0.5' }] }
 * @example parseConditions('title startswith Discovery')
 * // { ok: false, error: { message: 'unknown operator "startswith": …', position: 6 } }
 */
export function parseConditions(text: string): ParseResult {
  try {
    return { ok: true, when: new Reader(text).conditions() };
  } catch (error) {
    if (error instanceof Failure) {
      return { ok: false, error: { message: error.message, position: error.position } };
    }
    throw error;
  }
}

class Reader {
  private pos = 0;
  /** The last condition when its value was a bare word compared as text (for a hint). */
  private lastBare: Condition | null = null;

  constructor(private readonly text: string) {}

  conditions(): Condition[] {
    this.skipSpaces();
    if (this.atEnd()) {
      throw new Failure('no condition: write one such as description contains "VIP"', this.pos);
    }
    const when = [this.condition()];
    for (;;) {
      this.skipSpaces();
      if (this.atEnd()) return when;
      const and = this.eat(/and\b/iy);
      if (and === null) throw new Failure(this.afterValueMessage(), this.pos);
      this.skipSpaces();
      if (this.atEnd()) throw new Failure('expected a condition after "and"', this.pos);
      when.push(this.condition());
    }
  }

  private condition(): Condition {
    const fieldAt = this.pos;
    const field = this.eat(/[A-Za-z_][A-Za-z0-9_]*/y);
    if (field === null) {
      const hint = this.peek() === '"' ? ' (field names are written without quotes)' : '';
      throw new Failure(
        `expected a field name such as description, title or amount${hint}`,
        fieldAt,
      );
    }
    this.skipSpaces();
    const opAt = this.pos;
    const op = this.op(field);
    this.skipSpaces();
    const valueAt = this.pos;
    const quoted = this.peek() === '"';
    const value = this.value(op);
    const condition = { field, op, value };
    const problem = checkCondition(condition);
    if (problem) {
      const at = { field: fieldAt, op: opAt, value: valueAt }[problem.part];
      throw new Failure(problem.message, at);
    }
    this.lastBare = quoted || comparesNumbers(condition) ? null : condition;
    return condition;
  }

  private op(field: string): Op {
    if (this.atEnd())
      throw new Failure(`expected an operator after "${field}": ${OP_LIST}`, this.pos);
    for (const [pattern, op] of OP_SPELLINGS) {
      if (this.eat(pattern) !== null) return op;
    }
    const word = /[<>!=~]/.test(this.peek() ?? '') ? /[<>!=~]+/y : /[^\s"]+/y;
    word.lastIndex = this.pos;
    const found = word.exec(this.text)?.[0] ?? this.peek() ?? '';
    const hint = /^[<>]=$|^!=$/.test(found)
      ? ` (there is no ${found}: use > or <)`
      : `: expected ${OP_LIST}`;
    throw new Failure(`unknown operator "${found}"${hint}`, this.pos);
  }

  private value(op: Op): string {
    if (this.atEnd()) {
      throw new Failure(`expected a value after "${op.replace('_', ' ')}"`, this.pos);
    }
    if (this.peek() === '"') return this.quoted();
    const start = this.pos;
    const bare = this.eat(/[^\s"]+/y) ?? '';
    if (this.peek() === '"') {
      throw new Failure(
        'a quote inside a value: put the whole value in quotes and write \\" for the quote',
        this.pos,
      );
    }
    if (bare === '') throw new Failure('expected a value', start);
    return bare;
  }

  private quoted(): string {
    const open = this.pos;
    let out = '';
    let i = open + 1;
    while (i < this.text.length) {
      const ch = this.text[i]!;
      if (ch === '"') {
        this.pos = i + 1;
        return out;
      }
      const next = this.text[i + 1];
      if (ch === '\\' && (next === '"' || next === '\\')) {
        out += next;
        i += 2;
      } else {
        out += ch;
        i += 1;
      }
    }
    throw new Failure('unterminated quote: close the value with "', open);
  }

  private afterValueMessage(): string {
    const last = this.lastBare;
    const hint = last
      ? `; to match several words put them in quotes: "${last.value} ${this.nextWord()}"`
      : '';
    return `expected "and" or the end after the value${hint}`;
  }

  private nextWord(): string {
    const word = /[^\s"]+/y;
    word.lastIndex = this.pos;
    return word.exec(this.text)?.[0] ?? '';
  }

  private eat(pattern: RegExp): string | null {
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (!match) return null;
    this.pos += match[0].length;
    return match[0];
  }

  private skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos += 1;
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }
}

/**
 * A parse error as two lines for a terminal: the text, then a caret under the position
 * followed by the message.
 * @example formatParseError('title startswith X', { message: 'unknown operator…', position: 6 })
 * // 'title startswith X\n      ^ unknown operator…'
 */
export function formatParseError(text: string, error: ParseError): string {
  return `${text}\n${' '.repeat(error.position)}^ ${error.message}`;
}
