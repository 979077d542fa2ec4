import { describe, expect, it } from 'vitest';
import { compileRules } from './compile.ts';
import { cost, payment, timeEntry } from './records.fixtures.ts';
import { suggestRule } from './suggest.ts';

describe('suggestRule', () => {
  it('prefers an attribute all rows share exactly', () => {
    const rows = [
      timeEntry({ project: 'Group circle', description: 'Week 1', user: 'Me' }),
      timeEntry({ project: 'group circle ', description: 'Week 2', user: 'Me' }),
    ];
    expect(suggestRule(rows, { offerId: 'circle', activity: 'delivery' })).toEqual({
      draft: {
        appliesTo: 'time',
        when: [{ field: 'project', op: 'equals', value: 'Group circle' }],
        then: { offerId: 'circle', activity: 'delivery' },
      },
      reason: 'all 2 rows have project "Group circle"',
      alsoMatches: 0,
    });
  });

  it('falls back to a common prefix cut at a word boundary', () => {
    const rows = [
      timeEntry({ title: 'Discovery call – Ann' }),
      timeEntry({ title: 'Discovery call: Bob' }),
      timeEntry({ title: 'Discovery calls (group)' }),
    ];
    expect(suggestRule(rows, { activity: 'sales' })?.draft.when).toEqual([
      { field: 'title', op: 'starts_with', value: 'Discovery' },
    ]);
    const two = rows.slice(0, 2);
    expect(suggestRule(two, { activity: 'sales' })?.draft.when).toEqual([
      { field: 'title', op: 'starts_with', value: 'Discovery call' },
    ]);
  });

  it('falls back to the longest word every value contains', () => {
    const rows = [
      payment({ description: 'Payment for VIP day, March' }),
      payment({ description: 'VIP intensive payment 2024' }),
      payment({ description: 'Deposit: vip 2024' }),
    ];
    const suggestion = suggestRule(rows, { offerId: 'sig' });
    expect(suggestion?.draft).toEqual({
      appliesTo: 'payment',
      when: [{ field: 'description', op: 'contains', value: 'VIP' }],
      then: { offerId: 'sig' },
    });
    expect(suggestion?.reason).toBe('every description contains "VIP"');
  });

  it('prefers what was sold over who paid, unless only a client is assigned', () => {
    const rows = [
      payment({ description: 'VIP day', customerEmail: 'ann@example.com' }),
      payment({ description: 'VIP follow-up', customerEmail: 'Ann@example.com' }),
    ];
    expect(suggestRule(rows, { offerId: 'sig' })?.draft.when[0]?.field).toBe('description');
    expect(suggestRule(rows, { clientId: 'ann' })?.draft.when).toEqual([
      { field: 'customerEmail', op: 'equals', value: 'ann@example.com' },
    ]);
  });

  it('picks the condition that leaves the other rows alone', () => {
    const rows = [
      payment({ type: 'charge', product: 'Signature', description: 'VIP day' }),
      payment({ type: 'charge', product: 'Signature', description: 'VIP day' }),
    ];
    const others = [
      payment({ type: 'charge', product: 'Signature', description: 'Group' }),
      payment({ type: 'charge', product: 'Circle', description: 'Group' }),
    ];
    const suggestion = suggestRule(rows, { offerId: 'vip' }, { others });
    expect(suggestion?.draft.when).toEqual([
      { field: 'description', op: 'equals', value: 'VIP day' },
    ]);
    expect(suggestion?.reason).toBe(
      'all 2 rows have description "VIP day"; it matches none of the 2 other rows',
    );
    const rule = { id: 'x', ...suggestion!.draft };
    expect(rows.every((r) => compileRules([rule]).apply(r).offerId === 'vip')).toBe(true);
  });

  it('says how many other rows a suggestion still catches', () => {
    const rows = [payment({ product: 'Signature' })];
    const others = [payment({ product: 'Signature' })];
    expect(suggestRule(rows, { offerId: 'sig' }, { others })).toMatchObject({
      alsoMatches: 1,
      reason: 'the row has product "Signature"; it also matches 1 of the 1 other rows',
    });
  });

  it('applies to any kind when the rows are of several kinds', () => {
    const rows = [payment({ category: 'Ads' }), cost({ category: 'ads' })];
    expect(suggestRule(rows, { channel: 'ads' })?.draft.appliesTo).toBe('any');
  });

  it('gives up when nothing is shared, nothing is chosen, or nothing is selected', () => {
    const rows = [timeEntry({ description: 'Call' }), timeEntry({ description: 'Email 12' })];
    expect(suggestRule(rows, { activity: 'admin' })).toBeNull();
    expect(suggestRule([timeEntry({ user: 'Me' })], { activity: 'admin' })).toBeNull();
    expect(suggestRule([timeEntry({ project: 'X' })], { offerId: null })).toBeNull();
    expect(suggestRule([], { offerId: 'x' })).toBeNull();
  });

  it('does not suggest numbers or filler words', () => {
    const rows = [
      payment({ description: 'Invoice 2024 payment' }),
      payment({ description: 'Payment invoice 2024' }),
    ];
    expect(suggestRule(rows, { offerId: 'x' })).toBeNull();
  });

  it('is deterministic', () => {
    const rows = [
      timeEntry({ title: 'Mentoring with Ann', description: 'mentoring call' }),
      timeEntry({ title: 'Mentoring: Bob', description: 'Mentoring notes' }),
    ];
    const once = suggestRule(rows, { offerId: 'm' });
    expect(suggestRule([...rows], { offerId: 'm' })).toEqual(once);
    expect(once?.draft.when).toEqual([{ field: 'title', op: 'starts_with', value: 'Mentoring' }]);
  });
});
