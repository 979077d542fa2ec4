/**
 * Speed of applying compiled rules: `npx vitest bench src/importers/rules`.
 * 100,000 synthetic records (half payments, half time entries, 7 attributes each) through
 * 50 rules that mostly do not match, plus one general rule most records match — the shape
 * of a real rule list, where each record is tested against nearly every rule.
 */
import { bench, describe } from 'vitest';
import type { Rule } from '../../domain/rules/model.ts';
import { parseConditions } from '../../domain/rules/parse.ts';
import type { ImportedRecord } from '../types.ts';
import { compileRules } from './compile.ts';
import { payment, timeEntry } from './records.fixtures.ts';

const WORDS =
  'coaching vip group circle discovery call session retreat workshop intro Ann Chloé'.split(' ');
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const phrase = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

const TEMPLATES = [
  'description contains "zzz{i}"',
  'project = "proj {i}"',
  'title starts with "Discovery {i}"',
  'tags contains "tag{i}" and amount > 500',
  'description matches "^(1:1|Session {i})"',
  'client = "client {i}" and hours > 1',
  'task ends with "x{i}"',
  'customerEmail = "c{i}@example.com"',
  'description contains "never {i}" and project = "Admin"',
  'product = "p{i}"',
];

function rules(): Rule[] {
  const out = TEMPLATES.flatMap((_, t) =>
    [0, 1, 2, 3, 4].map((k): Rule => {
      const i = t * 5 + k;
      const parsed = parseConditions(TEMPLATES[t]!.replace('{i}', String(i)));
      if (!parsed.ok) throw new Error(parsed.error.message);
      return { id: `r${i}`, appliesTo: 'any', when: parsed.when, then: { offerId: `o${i}` } };
    }),
  );
  out.push({
    id: 'general',
    appliesTo: 'any',
    when: [{ field: 'description', op: 'contains', value: 'coaching' }],
    then: { activity: 'delivery' },
  });
  return out;
}

function records(n: number): ImportedRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const attributes = {
      description: phrase(6),
      project: pick(['Group circle', 'VIP', '1:1', 'Admin']),
      client: pick(['Ann', 'Bob', 'Chloé']),
      tags: phrase(2),
      task: phrase(2),
      user: 'Me',
      type: 'charge',
    };
    return i % 2
      ? payment(attributes, { amount: Math.floor(random() * 100_000) })
      : timeEntry(attributes, { hours: random() * 3 });
  });
}

describe('rules', () => {
  const matcher = compileRules(rules());
  const rows = records(100_000);
  bench('apply 51 rules to 100,000 records', () => {
    for (const row of rows) matcher.apply(row);
  });
});
