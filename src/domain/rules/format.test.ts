import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCondition } from './check.ts';
import { formatCondition, formatConditions, formatRule, formatTargets, quote } from './format.ts';
import type { Condition } from './model.ts';
import { KNOWN_FIELDS, OPS } from './model.ts';
import { parseConditions } from './parse.ts';

const field = fc.oneof(
  fc.constantFrom(...KNOWN_FIELDS, 'Amount', 'HOURS', 'and', 'contains', 'is'),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/),
);
const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.stringMatching(/^-?\d{1,6}\.\d{1,3}$/),
);
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('"', '\\', ' ', 'a', 'd', '\t', 'é'), maxLength: 12 }),
);

/** Any valid condition: every op, numbers where numbers are compared, any text elsewhere. */
const condition: fc.Arbitrary<Condition> = fc
  .record({ field, op: fc.constantFrom(...OPS), text, number, spaced: fc.boolean() })
  .map(({ field, op, text, number, spaced }) => {
    const numeric = op === 'gt' || op === 'lt' || /^(amount|hours)$/i.test(field);
    const value = numeric ? (spaced ? ` ${number} ` : number) : text;
    return { field, op, value };
  })
  .filter((c) => checkCondition(c) === null);

describe('formatConditions', () => {
  it('writes text quoted and numbers bare', () => {
    expect(
      formatConditions([
        { field: 'project', op: 'equals', value: 'Group circle' },
        { field: 'tags', op: 'contains', value: 'coaching' },
        { field: 'amount', op: 'gt', value: '500' },
        { field: 'client', op: 'equals', value: '42' },
      ]),
    ).toBe(
      'project = "Group circle" and tags contains "coaching" and amount > 500 and client = "42"',
    );
    expect(formatCondition({ field: 'title', op: 'starts_with', value: 'Discovery' })).toBe(
      'title starts with "Discovery"',
    );
  });

  it('escapes quotes, and backslashes only where they would read as escapes', () => {
    expect(quote('say "hi"')).toBe('"say \\"hi\\""');
    expect(quote('^\\d+$')).toBe('"^\\d+$"');
    expect(quote('a\\\\b')).toBe('"a\\\\\\b"');
    expect(quote('end\\')).toBe('"end\\\\"');
  });

  it('round-trips: parse(format(when)) gives the same conditions', () => {
    fc.assert(
      fc.property(fc.array(condition, { minLength: 1, maxLength: 4 }), (when) => {
        expect(parseConditions(formatConditions(when))).toEqual({ ok: true, when });
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary text, and errors point inside it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (input) => {
        const result = parseConditions(input);
        if (!result.ok) {
          expect(result.error.position).toBeGreaterThanOrEqual(0);
          expect(result.error.position).toBeLessThanOrEqual(input.length);
        }
      }),
    );
  });
});

describe('formatRule', () => {
  it('writes one line for listings', () => {
    expect(
      formatRule({
        id: '3',
        appliesTo: 'payment',
        when: [{ field: 'description', op: 'contains', value: 'VIP' }],
        then: { offerId: 'sig', activity: 'delivery', channel: null },
      }),
    ).toBe('#3 payment: description contains "VIP" → offer sig, activity delivery');
  });

  it('adds the name and quotes targets with spaces', () => {
    expect(
      formatRule({
        id: 'wom',
        name: 'Referrals',
        appliesTo: 'any',
        when: [{ field: 'tags', op: 'contains', value: 'referral' }],
        then: { channel: 'Word of mouth', clientId: 'c1' },
      }),
    ).toBe('#wom any: tags contains "referral" → channel "Word of mouth", client c1 (Referrals)');
    expect(formatTargets({ offerId: 'a,b' })).toBe('offer "a,b"');
  });
});
