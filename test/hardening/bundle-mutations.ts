/**
 * Malformed practice bundles from a valid one (test/fixtures/bundles/small.json plus a
 * rules section), as printable operations: a value replaced (wrong types, bad dates,
 * huge strings and numbers, deep nesting), a key deleted or added, an item duplicated,
 * then the text cut short, salted with random bytes, or nested thousands deep.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { BAD_DATES, poisonArb } from './poison.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const SEED_BUNDLE: Json = {
  ...JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '../fixtures/bundles/small.json'), 'utf8'),
  ),
  rules: [
    {
      id: 'r1',
      appliesTo: 'payment',
      when: [{ field: 'description', op: 'contains', value: 'VIP' }],
      then: { offerId: 'o1' },
    },
    {
      id: 'r2',
      appliesTo: 'time',
      when: [{ field: 'project', op: 'matches', value: '^Group' }],
      then: { activity: 'delivery' },
    },
  ],
};

export type ValueOp =
  | { op: 'set'; at: number; value: Json }
  | { op: 'delete'; at: number }
  | { op: 'add'; at: number; key: string; value: Json }
  | { op: 'dup'; at: number }
  /** Replace a value by one nested `depth` arrays (or objects) deep. */
  | { op: 'nest'; at: number; depth: number; array: boolean };

export type TextOp =
  | { op: 'truncate'; permille: number }
  | { op: 'bytes'; permille: number; bytes: readonly number[] }
  | { op: 'open'; permille: number; depth: number };

export interface BundleCase {
  ops: ValueOp[];
  textOps: TextOp[];
  indent: 0 | 2;
  /** Random text instead of the bundle. */
  random: string | null;
}

/** Nesting is written as text: JSON.stringify itself overflows on a deep value. */
function nestedText(depth: number, array: boolean): string {
  return array
    ? `${'['.repeat(depth)}"x"${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
}

const valueArb: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
  { weight: 3, arbitrary: fc.constantFrom<Json>(...BAD_DATES) },
  { weight: 3, arbitrary: poisonArb },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Json>(
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER,
      2 ** 53 + 1,
      -0,
      0.1 + 0.2,
      1e-7,
      123456789.123456,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 100, max: 20_000 }).map((n) => Array.from({ length: n }, () => 1)),
  },
);

const valueOpArb: fc.Arbitrary<ValueOp> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: valueArb }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      at: fc.nat(),
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'id')),
      value: valueArb,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('dup' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('nest' as const),
      at: fc.nat(),
      depth: fc.integer({ min: 100, max: 5000 }),
      array: fc.boolean(),
    }),
  },
);

const permilleArb = fc.integer({ min: 0, max: 1000 });
const textOpArb: fc.Arbitrary<TextOp> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), permille: permilleArb }),
  fc.record({
    op: fc.constant('bytes' as const),
    permille: permilleArb,
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    op: fc.constant('open' as const),
    permille: permilleArb,
    depth: fc.integer({ min: 1000, max: 200_000 }),
  }),
);

export const bundleCaseArb: fc.Arbitrary<BundleCase> = fc.record({
  ops: fc.array(valueOpArb, { minLength: 1, maxLength: 4 }),
  textOps: fc.oneof(
    { weight: 3, arbitrary: fc.constant<TextOp[]>([]) },
    { weight: 1, arbitrary: fc.array(textOpArb, { minLength: 1, maxLength: 2 }) },
  ),
  indent: fc.constantFrom<0 | 2>(0, 2),
  random: fc.oneof(
    { weight: 15, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  ),
});

/** Every container in the document with its path, in document order. */
function containers(root: Json): Array<Json[] | { [key: string]: Json }> {
  const out: Array<Json[] | { [key: string]: Json }> = [];
  const walk = (node: Json) => {
    if (node === null || typeof node !== 'object') return;
    out.push(node);
    for (const child of Object.values(node)) walk(child);
  };
  walk(root);
  return out;
}

function applyValueOp(root: Json, op: ValueOp): void {
  const all = containers(root);
  const node = all[op.at % all.length]!;
  const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
  if (op.op === 'add') {
    if (Array.isArray(node)) node.push(op.value);
    else
      Object.defineProperty(node, op.key, {
        value: op.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return;
  }
  if (keys.length === 0) return;
  const key = keys[op.at % keys.length]!;
  const table = node as Record<string | number, Json>;
  if (op.op === 'set') table[key] = op.value;
  else if (op.op === 'nest') table[key] = `@@nest:${op.depth}:${op.array ? '[' : '{'}@@`;
  else if (op.op === 'delete') {
    if (Array.isArray(node)) node.splice(key as number, 1);
    else delete table[key];
  } else if (Array.isArray(node)) node.push(structuredClone(node[key as number]!));
  else table[`${String(key)}_copy`] = structuredClone(table[key]!);
}

function applyTextOp(text: string, op: TextOp): string {
  const i = Math.floor((text.length * op.permille) / 1000);
  if (op.op === 'truncate') return text.slice(0, i);
  if (op.op === 'bytes')
    return text.slice(0, i) + Buffer.from(op.bytes).toString('latin1') + text.slice(i);
  return `${text.slice(0, i)}${'['.repeat(op.depth)}${text.slice(i)}`;
}

/** The text of a case (what `fulcrum import bundle.json` would read). */
export function buildBundle(c: BundleCase): string {
  if (c.random !== null) return c.random;
  const doc = structuredClone(SEED_BUNDLE);
  for (const op of c.ops) applyValueOp(doc, op);
  let text = JSON.stringify(doc, null, c.indent).replace(
    /"@@nest:(\d+):([[{])@@"/g,
    (_, depth: string, open: string) => nestedText(Number(depth), open === '['),
  );
  for (const op of c.textOps) text = applyTextOp(text, op);
  return text;
}
