/**
 * Safety checks for `matches` patterns. Rules run on every imported row, possibly in the
 * browser where a runaway regular expression cannot be interrupted, so a pattern must:
 *
 * - be at most `MAX_PATTERN_LENGTH` characters long;
 * - compile as a JavaScript regular expression (flag `i`);
 * - not repeat a group that itself repeats or offers a choice — `(a+)+`, `(a*)*`,
 *   `(\w+\s?)*`, `(a|aa)+`, `(x|y){3,}` — the shapes behind catastrophic backtracking.
 *   An optional group (`(…)?`) is fine.
 *
 * This is a guard against the classic cases, not a proof: patterns with several
 * unbounded wildcards (`.*a.*b.*c`) stay polynomial, and row values are short.
 */

export const MAX_PATTERN_LENGTH = 200;

/** Why `pattern` is refused, or null when it is acceptable. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `a pattern may be at most ${MAX_PATTERN_LENGTH} characters long (this one has ${pattern.length})`;
  }
  try {
    new RegExp(pattern, 'i');
  } catch (error) {
    const detail =
      error instanceof Error
        ? error.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')
        : '';
    return `not a valid regular expression${detail ? `: ${detail}` : ''}`;
  }
  if (hasNestedRepetition(pattern)) {
    return 'a repeated group that repeats inside or offers a choice, like (a+)+ or (a|b)*, can take exponentially long on some text; simplify it';
  }
  return null;
}

interface Group {
  repeats: boolean;
  alternates: boolean;
}

/** True when a quantified group contains a quantifier or an alternation (star height > 1). */
export function hasNestedRepetition(pattern: string): boolean {
  const stack: Group[] = [{ repeats: false, alternates: false }];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    const top = stack[stack.length - 1]!;
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '[') {
      i = skipClass(pattern, i);
      continue;
    }
    if (ch === '(') {
      stack.push({ repeats: false, alternates: false });
    } else if (ch === ')' && stack.length > 1) {
      const group = stack.pop()!;
      const parent = stack[stack.length - 1]!;
      const quantified = isRepeatAt(pattern, i + 1);
      if (quantified && (group.repeats || group.alternates)) return true;
      parent.repeats ||= group.repeats || quantified;
    } else if (ch === '|') {
      top.alternates = true;
    } else if (isRepeatAt(pattern, i)) {
      top.repeats = true;
    }
    i += 1;
  }
  return false;
}

/** A quantifier that can repeat more than once starts at `i`: `*`, `+` or `{n…}` with n ≥ 2 or open. */
function isRepeatAt(pattern: string, i: number): boolean {
  const ch = pattern[i];
  if (ch === '*' || ch === '+') return true;
  if (ch !== '{') return false;
  const match = /^\{(\d*)(,(\d*))?\}/.exec(pattern.slice(i, i + 24));
  if (!match) return false;
  const [, min = '', comma, max = ''] = match;
  const upper = comma ? (max === '' ? Number.POSITIVE_INFINITY : Number(max)) : Number(min);
  return upper >= 2;
}

/** Index just past the character class opening at `i`. */
function skipClass(pattern: string, i: number): number {
  let j = i + 1;
  if (pattern[j] === '^') j += 1;
  if (pattern[j] === ']') j += 1;
  while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
  return j + 1;
}
