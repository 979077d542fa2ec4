import { describe, expect, it } from 'vitest';
import type { AppliesTo, Rule, RuleTargets } from '../../domain/rules/model.ts';
import { parseConditions } from '../../domain/rules/parse.ts';
import { applyRules, describeMatch } from './apply.ts';
import { compileRules } from './compile.ts';
import { cost, payment, timeEntry } from './records.fixtures.ts';

let next = 0;
/** A rule from its condition text: `rule('time', 'project = Group', { offerId: 'circle' })`. */
function rule(appliesTo: AppliesTo, text: string, then: RuleTargets, id = `r${++next}`): Rule {
  const parsed = parseConditions(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { id, appliesTo, when: parsed.when, then };
}

const unassigned = { offerId: null, activity: null, channel: null, clientId: null, ruleIds: [] };

describe('applyRules', () => {
  it('assigns nothing, not even an activity, when no rule matches', () => {
    const rules = [rule('time', 'project = Group', { offerId: 'circle', activity: 'delivery' })];
    expect(applyRules(timeEntry({ project: 'Admin' }), rules)).toEqual(unassigned);
    expect(applyRules(timeEntry({ project: 'Admin' }), [])).toEqual(unassigned);
  });

  it('gives each field to the first matching rule that sets it', () => {
    const rules = [
      rule('payment', 'description contains VIP', { offerId: 'sig' }, 'vip'),
      rule('payment', 'description contains day', { offerId: 'day', channel: 'ads' }, 'day'),
      rule('payment', 'amount > 0', { offerId: 'other', clientId: 'walk-in' }, 'all'),
    ];
    expect(applyRules(payment({ description: 'VIP day' }), rules)).toEqual({
      offerId: 'sig',
      activity: null,
      channel: 'ads',
      clientId: 'walk-in',
      ruleIds: ['vip', 'day', 'all'],
    });
  });

  it('lets a later general rule fill a field an earlier specific rule left empty', () => {
    const rules = [
      rule('time', 'project = "Group circle"', { offerId: 'circle', activity: null }, 'group'),
      rule('time', 'title starts with Discovery', { activity: 'sales' }, 'disc'),
      rule('any', 'hours > 0', { activity: 'delivery' }, 'default'),
    ];
    expect(applyRules(timeEntry({ project: 'Group circle' }), rules)).toMatchObject({
      offerId: 'circle',
      activity: 'delivery',
      ruleIds: ['group', 'default'],
    });
    expect(applyRules(timeEntry({ title: 'Discovery call: Ann' }), rules)).toMatchObject({
      offerId: null,
      activity: 'sales',
      ruleIds: ['disc'],
    });
  });

  it('does not list a matching rule whose fields were all taken', () => {
    const rules = [
      rule('any', 'project = Group', { offerId: 'circle' }, 'a'),
      rule('any', 'project = Group', { offerId: 'other' }, 'b'),
    ];
    expect(applyRules(timeEntry({ project: 'Group' }), rules).ruleIds).toEqual(['a']);
  });

  it('ignores case and surrounding spaces in values and field names', () => {
    const rules = [rule('any', 'Description contains " vip "', { offerId: 'sig' })];
    expect(applyRules(payment({ description: '  Signature VIP day ' }), rules).offerId).toBe('sig');
    expect(applyRules(payment({ DESCRIPTION: 'vip' }), rules).offerId).toBe('sig');
    const equal = [rule('any', 'project = "group CIRCLE"', { offerId: 'circle' })];
    expect(applyRules(timeEntry({ project: ' Group Circle ' }), equal).offerId).toBe('circle');
    const composed = [rule('any', 'title starts with Café', { offerId: 'cafe' })];
    const decomposed = 'Cafe\u0301 meetup';
    expect(applyRules(timeEntry({ title: decomposed }), composed).offerId).toBe('cafe');
  });

  it('applies every text operator', () => {
    const title = (text: string) => rule('any', text, { activity: 'sales' });
    const record = timeEntry({ title: 'Discovery call – Ann' });
    const hit = (text: string) => applyRules(record, [title(text)]).activity === 'sales';
    expect(hit('title contains "call"')).toBe(true);
    expect(hit('title = "discovery call – ann"')).toBe(true);
    expect(hit('title = "discovery call"')).toBe(false);
    expect(hit('title starts with discovery')).toBe(true);
    expect(hit('title ends with ann')).toBe(true);
    expect(hit('title ends with call')).toBe(false);
    expect(hit('title matches "^(1:1|discovery)"')).toBe(true);
    expect(hit('title matches "^call"')).toBe(false);
  });

  it('treats a missing attribute as empty', () => {
    const rules = [rule('any', 'customerEmail = ""', { clientId: 'anonymous' })];
    expect(applyRules(payment({}), rules).clientId).toBe('anonymous');
    expect(applyRules(payment({ customerEmail: 'a@b.c' }), rules).clientId).toBe(null);
    expect(
      applyRules(payment({}), [rule('any', 'title contains x', { offerId: 'o' })]).offerId,
    ).toBe(null);
  });

  it('looks only at the kind of record a rule applies to', () => {
    const rules = [
      rule('payment', 'description contains coaching', { offerId: 'pay' }),
      rule('time', 'description contains coaching', { offerId: 'time' }),
      rule('cost', 'description contains coaching', { offerId: 'cost' }),
      rule('any', 'description contains coaching', { channel: 'any' }),
    ];
    const attributes = { description: 'Coaching' };
    expect(applyRules(payment(attributes), rules)).toMatchObject({
      offerId: 'pay',
      channel: 'any',
    });
    expect(applyRules(timeEntry(attributes), rules)).toMatchObject({
      offerId: 'time',
      channel: 'any',
    });
    expect(applyRules(cost(attributes), rules)).toMatchObject({ offerId: 'cost', channel: 'any' });
  });

  it('compares amounts in major units of the record currency', () => {
    const rules = [rule('any', 'amount > 500', { offerId: 'big' })];
    const big = (amount: number, currency: string) =>
      applyRules(payment({}, { amount, currency }), rules).offerId === 'big';
    expect(big(50001, 'USD')).toBe(true); // 500.01
    expect(big(50000, 'USD')).toBe(false); // 500.00
    expect(big(501, 'JPY')).toBe(true); // no minor unit
    expect(big(500, 'JPY')).toBe(false);
    expect(big(500001, 'KWD')).toBe(true); // 3 decimals: 500.001
    expect(big(500000, 'KWD')).toBe(false);
    expect(big(-90000, 'USD')).toBe(false); // a refund
    const exact = [rule('any', 'amount = 0.3', { offerId: 'tip' })];
    expect(applyRules(payment({}, { amount: 30 }), exact).offerId).toBe('tip');
    const refund = [rule('any', 'amount < 0', { channel: 'refund' })];
    expect(applyRules(payment({}, { amount: -1 }), refund).channel).toBe('refund');
    expect(applyRules(cost({}, { amount: 60000 }), rules).offerId).toBe('big');
  });

  it('compares hours on time entries, and never matches a number a record lacks', () => {
    const rules = [
      rule('any', 'hours < 0.5', { activity: 'admin' }),
      rule('any', 'hours = 1.5', { activity: 'delivery' }),
    ];
    expect(applyRules(timeEntry({}, { hours: 0.25 }), rules).activity).toBe('admin');
    expect(applyRules(timeEntry({}, { hours: 5400 / 3600 }), rules).activity).toBe('delivery');
    expect(applyRules(payment({}), rules).activity).toBe(null);
    expect(applyRules(timeEntry({}), [rule('any', 'amount < 1', { offerId: 'x' })]).offerId).toBe(
      null,
    );
  });

  it('reads numbers from text attributes for > and <, failing on non-numbers', () => {
    const rules = [rule('any', 'quantity > 2', { offerId: 'bulk' })];
    expect(applyRules(payment({ quantity: ' 3 ' }), rules).offerId).toBe('bulk');
    expect(applyRules(payment({ quantity: 'three' }), rules).offerId).toBe(null);
    expect(
      applyRules(payment({ quantity: '' }), [rule('any', 'quantity < 2', { offerId: 'x' })]),
    ).toMatchObject({ offerId: null });
  });

  it('reads currency from the record and format from the context', () => {
    const rules = [
      rule('any', 'currency = eur and format = stripe', { channel: 'eu-stripe' }),
      rule('any', 'format = toggl', { activity: 'delivery' }),
    ];
    const euro = payment({}, { currency: 'EUR' });
    expect(applyRules(euro, rules, { format: 'stripe' }).channel).toBe('eu-stripe');
    expect(applyRules(euro, rules).channel).toBe(null);
    expect(applyRules(timeEntry({}), rules, { format: 'toggl' }).activity).toBe('delivery');
  });
});

describe('compileRules', () => {
  it('applies like applyRules and lists the matching rules', () => {
    const rules = [
      rule('time', 'project = Group', { offerId: 'circle' }, 'g'),
      rule('time', 'project = Group', { offerId: 'other' }, 'h'),
      rule('payment', 'amount > 0', { offerId: 'p' }, 'p'),
    ];
    const matcher = compileRules(rules);
    const record = timeEntry({ project: 'group' });
    expect(matcher.apply(record)).toEqual(applyRules(record, rules));
    expect(matcher.matching(record).map((r) => r.id)).toEqual(['g', 'h']);
    expect(matcher.matching(cost({}))).toEqual([]);
  });
});

describe('describeMatch', () => {
  const vip = rule('payment', 'description contains VIP and amount > 500', { offerId: 'sig' });

  it('says why a rule matched', () => {
    const explanation = describeMatch(payment({ description: 'VIP day' }, { amount: 75000 }), vip);
    expect(explanation).toMatchObject({
      matched: true,
      applies: true,
      conditions: [
        { actual: 'VIP day', holds: true },
        { actual: 750, holds: true },
      ],
    });
    expect(explanation.reason).toBe(
      'matched: description is "VIP day" (description contains "VIP"); amount is 750 (amount > 500)',
    );
  });

  it('names the conditions that failed', () => {
    const explanation = describeMatch(payment({}, { amount: 75000 }), vip);
    expect(explanation.matched).toBe(false);
    expect(explanation.reason).toBe(
      'not matched: description missing (fails description contains "VIP")',
    );
  });

  it('says when the rule does not look at this kind of record', () => {
    const explanation = describeMatch(timeEntry({ description: 'VIP' }), vip);
    expect(explanation).toMatchObject({ matched: false, applies: false });
    expect(explanation.reason).toMatch(/applies to payment rows, this is a time row/);
  });
});
