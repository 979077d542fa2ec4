import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Rule } from './model.ts';
import { ruleSchema, rulesSchema } from './schema.ts';

const vip = {
  id: 'vip',
  appliesTo: 'payment',
  when: [{ field: 'description', op: 'contains', value: 'VIP' }],
  then: { offerId: 'sig' },
};

function messages(value: unknown): string[] {
  const result = ruleSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('ruleSchema', () => {
  it('outputs the Rule type', () => {
    expectTypeOf<z.output<typeof ruleSchema>>().toEqualTypeOf<Rule>();
  });

  it('accepts a rule, with or without the optional parts', () => {
    expect(ruleSchema.parse(vip)).toEqual(vip);
    expect(
      messages({
        ...vip,
        name: null,
        appliesTo: 'any',
        then: { offerId: null, activity: 'sales', channel: 'Instagram', clientId: null },
      }),
    ).toEqual([]);
  });

  it('refuses an invalid regular expression, naming the value', () => {
    const rule = { ...vip, when: [{ field: 'title', op: 'matches', value: '^(1:1' }] };
    expect(messages(rule)).toEqual([
      expect.stringMatching(/^when\.0\.value: not a valid regular expression/),
    ]);
  });

  it('refuses a catastrophic or overlong pattern', () => {
    const nested = { ...vip, when: [{ field: 'title', op: 'matches', value: '(a+)+' }] };
    expect(messages(nested)).toEqual([expect.stringMatching(/exponentially/)]);
    const long = { ...vip, when: [{ field: 'title', op: 'matches', value: 'x'.repeat(201) }] };
    expect(messages(long)).toEqual([expect.stringMatching(/at most 200/)]);
  });

  it('refuses non-numbers in numeric comparisons and text ops on amount', () => {
    expect(messages({ ...vip, when: [{ field: 'amount', op: 'gt', value: 'lots' }] })).toEqual([
      expect.stringMatching(/^when\.0\.value: expected a number/),
    ]);
    expect(messages({ ...vip, when: [{ field: 'hours', op: 'contains', value: '1' }] })).toEqual([
      expect.stringMatching(/^when\.0\.op: hours is compared as a number/),
    ]);
  });

  it('needs a condition, a target, a known op and activity, and a field name', () => {
    expect(messages({ ...vip, when: [] })).toEqual([
      expect.stringMatching(/at least one condition/),
    ]);
    expect(messages({ ...vip, then: {} })).toEqual([expect.stringMatching(/at least one of/)]);
    expect(messages({ ...vip, then: { offerId: null, activity: null } })).toHaveLength(1);
    expect(messages({ ...vip, then: { activity: 'coaching' } })).toHaveLength(1);
    expect(messages({ ...vip, when: [{ field: 'x', op: 'like', value: 'a' }] })).toHaveLength(1);
    expect(messages({ ...vip, when: [{ field: 'my field', op: 'equals', value: 'a' }] })).toEqual([
      expect.stringMatching(/^when\.0\.field/),
    ]);
    expect(messages({ ...vip, extra: 1 })).toHaveLength(1);
  });
});

describe('rulesSchema', () => {
  it('refuses duplicate ids', () => {
    const result = rulesSchema.safeParse([vip, { ...vip }]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: [1, 'id'] });
  });
});
