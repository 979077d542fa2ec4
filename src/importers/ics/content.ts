/**
 * iCalendar text → a tree of components whose properties keep their file line, read
 * defensively: one bad line is a problem to report, never the end of the file.
 *
 * Lines are unfolded (lines.ts: on the bytes, so a fold inside a word or a multi-byte
 * character is undone), split into name, parameters (quoted or not, comma lists) and
 * raw value.
 * Known bad data is repaired: a quoted TZID that swallowed its value
 * (`DTSTART;TZID="W. Europe Standard Time:20200609T090000"`) and an unquoted TZID with a
 * colon (`TZID=(UTC-05:00) Eastern…:20201028T133000`). Values stay raw; `unescapeText`
 * reads TEXT values.
 */
import { unfoldBytes, unfoldText } from './lines.ts';

export interface ContentLine {
  /** 1-based line of the file on which this (unfolded) line starts. */
  line: number;
  /** Upper-case property name. */
  name: string;
  /** Upper-case parameter names → values (quotes removed). */
  params: Record<string, string[]>;
  /** The raw value after the first unquoted colon. */
  value: string;
}

export interface Component {
  /** Upper-case component name (`VEVENT`, `VTIMEZONE`…). */
  name: string;
  /** Line of its BEGIN. */
  line: number;
  props: ContentLine[];
  children: Component[];
  /** Its unfolded lines from BEGIN to END, for ical.js. */
  text: string;
  /** False when the file ends before its END line (a download cut short). */
  closed: boolean;
}

export interface ContentProblem {
  line: number;
  /** `bad_line`, `stray_end`, `truncated_file` (a component never closed), or
   * `too_deep` (components nested beyond MAX_DEPTH: not a calendar; its BEGIN is ignored). */
  code: 'bad_line' | 'stray_end' | 'truncated_file' | 'too_deep';
  message: string;
}

const DATE_PROPS = new Set(['DTSTART', 'DTEND', 'DUE', 'RECURRENCE-ID', 'EXDATE', 'RDATE']);
const DATE_VALUE = /^\d{8}(T\d{4,6}Z?)?Z?(,|\/|$)/i;

/** Splits one unfolded line; null when it is not a content line at all. */
export function parseLine(text: string, line: number): ContentLine | null {
  const nameEnd = text.search(/[;:]/);
  if (nameEnd <= 0) return null;
  const name = text.slice(0, nameEnd).trim().toUpperCase();
  const params: Record<string, string[]> = {};
  let last: string[] | null = null;
  let i = nameEnd;
  while (text[i] === ';') {
    const eq = text.indexOf('=', i + 1);
    if (eq === -1) return null;
    const values: string[] = [];
    params[
      text
        .slice(i + 1, eq)
        .trim()
        .toUpperCase()
    ] = values;
    last = values;
    i = eq + 1;
    for (;;) {
      if (text[i] === '"') {
        const close = text.indexOf('"', i + 1);
        if (close === -1) return null;
        values.push(text.slice(i + 1, close));
        i = close + 1;
      } else {
        const rest = text.slice(i);
        const end = rest.search(/[,;:]/);
        values.push(end === -1 ? rest : rest.slice(0, end));
        i = end === -1 ? text.length : i + end;
      }
      if (text[i] !== ',') break;
      i++;
    }
  }
  let value = i < text.length ? text.slice(i + 1) : null;
  if (last?.length && DATE_PROPS.has(name)) {
    const lastValue = last[last.length - 1] ?? '';
    // `TZID="Zone:20200609T090000"`: the value was swallowed by the quotes.
    const swallowed = /^(.*):([^:]+)$/.exec(lastValue);
    if (value === null && swallowed && DATE_VALUE.test(swallowed[2] ?? '')) {
      last[last.length - 1] = swallowed[1] ?? '';
      value = swallowed[2] ?? '';
    }
    // `TZID=(UTC-05:00) Eastern…:2020…`: an unquoted colon cut the parameter short.
    if (value !== null && !DATE_VALUE.test(value)) {
      const colon = text.lastIndexOf(':');
      const tail = text.slice(colon + 1);
      if (DATE_VALUE.test(tail) && colon > i) {
        last[last.length - 1] = `${lastValue}:${text.slice(i + 1, colon)}`;
        value = tail;
      }
    }
  }
  return value === null ? null : { line, name, params, value };
}

/** TEXT value escapes: `\n` `\N` → newline, `\,` `\;` `\\` → the character. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** A TEXT list (`CATEGORIES:a,b\,c`) split on unescaped commas, then unescaped. */
export function splitTextList(value: string): string[] {
  return value
    .split(/(?<!\\),/)
    .map((part) => unescapeText(part).trim())
    .filter(Boolean);
}

/** Real calendars nest 4 deep (VCALENDAR > VTIMEZONE > STANDARD, VEVENT > VALARM); a
 * bound keeps reading linear (each component keeps its text) on a hostile file. */
export const MAX_DEPTH = 32;

/** Reads the component tree. Lines outside any component are ignored. */
export function readComponents(input: string | Uint8Array): {
  roots: Component[];
  problems: ContentProblem[];
} {
  const lines = typeof input === 'string' ? unfoldText(input) : unfoldBytes(input);
  const roots: Component[] = [];
  const problems: ContentProblem[] = [];
  const stack: { component: Component; from: number }[] = [];
  let tooDeep = false;
  const close = (index: number, end: number, closed: boolean) => {
    const open = stack.splice(index);
    for (const { component, from } of open.reverse()) {
      component.closed = closed;
      component.text = lines
        .slice(from, end + 1)
        .map((l) => l.text)
        .join('\n');
    }
  };
  lines.forEach((logical, index) => {
    const parsed = parseLine(logical.text, logical.line);
    if (!parsed) {
      if (stack.length)
        problems.push({
          line: logical.line,
          code: 'bad_line',
          message: `cannot read "${logical.text.slice(0, 60)}"`,
        });
      return;
    }
    const top = stack[stack.length - 1]?.component;
    if (parsed.name === 'BEGIN' && stack.length >= MAX_DEPTH) {
      if (!tooDeep)
        problems.push({
          line: logical.line,
          code: 'too_deep',
          message: `components nested more than ${MAX_DEPTH} deep: this is not a calendar file`,
        });
      tooDeep = true;
    } else if (parsed.name === 'BEGIN') {
      const component: Component = {
        name: parsed.value.trim().toUpperCase(),
        line: logical.line,
        props: [],
        children: [],
        text: '',
        closed: false,
      };
      (top ? top.children : roots).push(component);
      stack.push({ component, from: index });
    } else if (parsed.name === 'END') {
      const name = parsed.value.trim().toUpperCase();
      const at = stack.findLastIndex((s) => s.component.name === name);
      if (at === -1)
        problems.push({
          line: logical.line,
          code: 'stray_end',
          message: `END:${name} without BEGIN`,
        });
      else close(at, index, true);
    } else if (top) {
      top.props.push(parsed);
    }
  });
  if (stack.length) {
    const last = stack[stack.length - 1]?.component;
    problems.push({
      line: lines[lines.length - 1]?.line ?? 1,
      code: 'truncated_file',
      message: `the file ends inside BEGIN:${last?.name} of line ${last?.line} (cut short?): download it again`,
    });
    close(0, lines.length - 1, false);
  }
  return { roots, problems };
}
