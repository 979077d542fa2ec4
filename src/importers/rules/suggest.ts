/**
 * Proposes a rule from rows the user assigned together in the inbox ("these 12 rows are
 * the Group circle"), so the next import assigns such rows by itself.
 *
 * The heuristic, deterministic and deliberately simple — one condition, on one attribute
 * every selected row has (non-empty):
 *
 * 1. Candidates per attribute: `=` when all values are equal (ignoring case and spaces);
 *    otherwise `starts with` their longest common prefix cut at a word boundary (at least
 *    3 letters), and `contains` the longest word (3+ letters, not a number, not a filler
 *    such as "the" or "payment") found in every value.
 * 2. The best candidate is, in order: the one matching the fewest `others` (rows outside
 *    the selection, when given); one on a "what" attribute (project, product, task, title,
 *    category, description, tags, or any other) before a "who/where" one (client,
 *    customerName, customerEmail, location, type) — the reverse when the choice sets only
 *    a client; `=` before `starts with` before `contains`; the attribute listed first
 *    above; the longer value. `user` (the practitioner) is never used.
 * 3. `appliesTo` is the kind all selected rows share, else `any`.
 *
 * The caller previews the suggestion (`compileRules`, `describeMatch`) before saving it.
 */

import { quote } from '../../domain/rules/format.ts';
import type { AppliesTo, Condition, Rule, RuleTargets } from '../../domain/rules/model.ts';
import { TARGET_FIELDS } from '../../domain/rules/model.ts';
import type { ImportedRecord } from '../types.ts';
import { compileRules } from './compile.ts';
import { normalizeText } from './view.ts';

const WHAT_FIELDS = ['project', 'product', 'task', 'title', 'category', 'description', 'tags'];
const WHO_FIELDS = ['client', 'customerName', 'customerEmail', 'location', 'type'];
const NEVER = new Set(['user']);
const FILLERS = new Set(
  'the and for with from your you our per via und der die das les des pour avec payment invoice charge order'.split(
    ' ',
  ),
);
const OP_RANK = { equals: 0, starts_with: 1, contains: 2 } as const;
const WORD = /[\p{L}\p{N}]+/gu;

export interface RuleSuggestion {
  /** The rule to save once the caller gives it an id (and a name). */
  draft: Omit<Rule, 'id' | 'name'>;
  /** e.g. `all 12 rows have project "Group circle"; it matches none of the 40 other rows`. */
  reason: string;
  /** How many of `others` the draft also matches (0 when none were given). */
  alsoMatches: number;
}

export interface SuggestOptions {
  /** Rows outside the selection (the rest of the inbox): a good rule leaves them alone. */
  others?: readonly ImportedRecord[];
}

interface Candidate {
  condition: Condition & { op: keyof typeof OP_RANK };
  tier: number;
  priority: number;
  alsoMatches: number;
}

/**
 * A rule that would have made the same assignment for `records`, or null when they share
 * no attribute to match on (or `choice` sets nothing).
 * @example suggestRule(groupSessions, { offerId: 'circle', activity: 'delivery' })
 * // { draft: { appliesTo: 'time', when: [{ field: 'project', op: 'equals', value: 'Group circle' }],
 * //            then: { offerId: 'circle', activity: 'delivery' } },
 * //   reason: 'all 12 rows have project "Group circle"', alsoMatches: 0 }
 */
export function suggestRule(
  records: readonly ImportedRecord[],
  choice: RuleTargets,
  options: SuggestOptions = {},
): RuleSuggestion | null {
  const then: RuleTargets = {};
  for (const field of TARGET_FIELDS)
    if (choice[field] != null) Object.assign(then, { [field]: choice[field] });
  if (records.length === 0 || Object.keys(then).length === 0) return null;
  const kinds = new Set(records.map((r) => r.kind));
  const appliesTo: AppliesTo = kinds.size === 1 ? records[0]!.kind : 'any';
  const whoFirst = Object.keys(then).every((field) => field === 'clientId');
  const others = options.others ?? [];

  const candidates: Candidate[] = [];
  for (const field of sharedFields(records)) {
    const tier = WHO_FIELDS.includes(field) !== whoFirst ? 1 : 0;
    const known = [...WHAT_FIELDS, ...WHO_FIELDS].indexOf(field);
    const priority = known < 0 ? WHAT_FIELDS.length : known;
    for (const condition of conditionsFor(field, records)) {
      const rule: Rule = { id: 'draft', appliesTo, when: [condition], then };
      const matcher = compileRules([rule]);
      const alsoMatches = others.filter((r) => matcher.matching(r).length > 0).length;
      candidates.push({ condition, tier, priority, alsoMatches });
    }
  }
  candidates.sort(
    (a, b) =>
      a.alsoMatches - b.alsoMatches ||
      a.tier - b.tier ||
      OP_RANK[a.condition.op] - OP_RANK[b.condition.op] ||
      a.priority - b.priority ||
      compare(a.condition.field, b.condition.field) ||
      b.condition.value.length - a.condition.value.length ||
      compare(a.condition.value, b.condition.value),
  );
  const best = candidates[0];
  if (!best) return null;
  return {
    draft: { appliesTo, when: [best.condition], then },
    reason: reasonOf(best, records.length, others.length),
    alsoMatches: best.alsoMatches,
  };
}

/** Code-unit order: the same everywhere, unlike `localeCompare`. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Attribute names (as the first record spells them) every record has non-empty. */
function sharedFields(records: readonly ImportedRecord[]): string[] {
  return Object.keys(records[0]!.attributes)
    .filter((field) => !NEVER.has(field))
    .filter((field) => records.every((r) => (r.attributes[field] ?? '').trim() !== ''));
}

function conditionsFor(
  field: string,
  records: readonly ImportedRecord[],
): Candidate['condition'][] {
  const originals = records.map((r) => r.attributes[field]!.trim());
  const values = originals.map(normalizeText);
  const first = originals[0]!;
  if (values.every((v) => v === values[0])) return [{ field, op: 'equals', value: first }];
  const out: Candidate['condition'][] = [];
  const prefix = commonPrefix(values);
  if (prefix) {
    const value =
      normalizeText(first.slice(0, prefix.length)) === prefix
        ? first.slice(0, prefix.length)
        : prefix;
    out.push({ field, op: 'starts_with', value });
  }
  const word = commonWord(values, first);
  if (word) out.push({ field, op: 'contains', value: word });
  return out;
}

/** The longest prefix of all values that ends at a word boundary in each, or ''. */
function commonPrefix(values: readonly string[]): string {
  let prefix = values[0]!;
  for (const v of values) {
    let i = 0;
    while (i < prefix.length && i < v.length && prefix[i] === v[i]) i += 1;
    prefix = prefix.slice(0, i);
  }
  const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
  while (prefix && values.some((v) => isWordChar(v[prefix.length]) && isWordChar(prefix.at(-1)))) {
    prefix = prefix.slice(0, -1);
  }
  prefix = prefix.replace(/[^\p{L}\p{N}]+$/u, '');
  return (prefix.match(/[\p{L}\p{N}]/gu) ?? []).length >= 3 ? prefix : '';
}

/** The longest word of `first` (as spelled there) that every value contains as a word. */
function commonWord(values: readonly string[], first: string): string | null {
  const wordSets = values.map((v) => new Set(v.match(WORD) ?? []));
  let best: string | null = null;
  for (const word of first.match(WORD) ?? []) {
    const key = normalizeText(word);
    if (key.length < 3 || /^\p{N}+$/u.test(key) || FILLERS.has(key)) continue;
    if (!wordSets.every((set) => set.has(key))) continue;
    if (best === null || word.length > best.length) best = word;
  }
  return best;
}

function reasonOf(best: Candidate, count: number, othersCount: number): string {
  const { field, op, value } = best.condition;
  const all = count === 1 ? 'the row' : `all ${count} rows`;
  const every = count === 1 ? `the ${field}` : `every ${field}`;
  const what = {
    equals: `${all} ${count === 1 ? 'has' : 'have'} ${field} ${quote(value)}`,
    starts_with: `${every} starts with ${quote(value)}`,
    contains: `${every} contains ${quote(value)}`,
  }[op];
  if (othersCount === 0) return what;
  const also =
    best.alsoMatches === 0
      ? `it matches none of the ${othersCount} other rows`
      : `it also matches ${best.alsoMatches} of the ${othersCount} other rows`;
  return `${what}; ${also}`;
}
