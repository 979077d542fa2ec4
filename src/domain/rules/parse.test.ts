import { describe, expect, it } from 'vitest';
import type { Condition } from './model.ts';
import { formatParseError, parseConditions } from './parse.ts';

function when(text: string): Condition[] {
  const result = parseConditions(text);
  if (!result.ok) throw new Error(formatParseError(text, result.error));
  return result.when;
}

function error(text: string) {
  const result = parseConditions(text);
  if (result.ok) throw new Error(`expected an error for ${text}`);
  return result.error;
}

describe('parseConditions', () => {
  it('reads the examples a coach writes', () => {
    expect(when('description contains "VIP"')).toEqual([
      { field: 'description', op: 'contains', value: 'VIP' },
    ]);
    expect(when('project = "Group circle" and tags contains coaching')).toEqual([
      { field: 'project', op: 'equals', value: 'Group circle' },
      { field: 'tags', op: 'contains', value: 'coaching' },
    ]);
    expect(when('title starts with Discovery')).toEqual([
      { field: 'title', op: 'starts_with', value: 'Discovery' },
    ]);
    expect(when('amount > 500')).toEqual([{ field: 'amount', op: 'gt', value: '500' }]);
    expect(when('title matches "^(1:1|Session)"')).toEqual([
      { field: 'title', op: 'matches', value: '^(1:1|Session)' },
    ]);
  });

  it.each([
    ['title contains x', 'contains'],
    ['title = x', 'equals'],
    ['title == x', 'equals'],
    ['title is x', 'equals'],
    ['title equals x', 'equals'],
    ['title starts with x', 'starts_with'],
    ['title starts_with x', 'starts_with'],
    ['title ends with x', 'ends_with'],
    ['title ends_with x', 'ends_with'],
    ['title matches x', 'matches'],
    ['title ~ x', 'matches'],
    ['hours > 1', 'gt'],
    ['hours gt 1', 'gt'],
    ['hours < 1', 'lt'],
    ['hours lt 1', 'lt'],
  ])('reads the operator in %s', (text, op) => {
    expect(when(text)[0]?.op).toBe(op);
  });

  it('ignores case in keywords and takes spaces around symbols as optional', () => {
    expect(when('Title STARTS  WITH Discovery AND amount>500.5')).toEqual([
      { field: 'Title', op: 'starts_with', value: 'Discovery' },
      { field: 'amount', op: 'gt', value: '500.5' },
    ]);
    expect(when('project="Group"')).toEqual([{ field: 'project', op: 'equals', value: 'Group' }]);
  });

  it('reads quoted values with spaces, escaped quotes and backslashes', () => {
    expect(when('description contains "Signature  package "')[0]?.value).toBe(
      'Signature  package ',
    );
    expect(when('title = "say \\"hi\\""')[0]?.value).toBe('say "hi"');
    expect(when('title = "a\\\\b"')[0]?.value).toBe('a\\b');
    expect(when('title matches "^\\d+ sessions?"')[0]?.value).toBe('^\\d+ sessions?');
    expect(when('customerEmail = ""')[0]?.value).toBe('');
  });

  it('takes keywords as values where a value is expected', () => {
    expect(when('tags contains and')[0]?.value).toBe('and');
  });

  it('reads negative and quoted numbers', () => {
    expect(when('amount < -10')[0]?.value).toBe('-10');
    expect(when('amount > "99.5"')[0]?.value).toBe('99.5');
  });

  it('refuses empty text', () => {
    expect(error('')).toMatchObject({
      position: 0,
      message: expect.stringMatching(/no condition/),
    });
    expect(error('   ').position).toBe(3);
  });

  it('points at an unknown operator', () => {
    expect(error('title startswith Discovery')).toEqual({
      position: 6,
      message: expect.stringMatching(/^unknown operator "startswith"/),
    });
    expect(error('amount >= 500')).toEqual({
      position: 7,
      message: expect.stringMatching(/">=".*use > or </),
    });
  });

  it('points at the opening quote of an unterminated value', () => {
    expect(error('title = x and description contains "VIP')).toEqual({
      position: 35,
      message: expect.stringMatching(/^unterminated quote/),
    });
  });

  it('says what is missing at the end of the text', () => {
    expect(error('title')).toMatchObject({
      position: 5,
      message: expect.stringMatching(/operator/),
    });
    expect(error('title contains ')).toMatchObject({
      position: 15,
      message: expect.stringMatching(/value/),
    });
    expect(error('title = x and ')).toMatchObject({
      position: 14,
      message: expect.stringMatching(/after "and"/),
    });
  });

  it('suggests quotes when a bare value is followed by more words', () => {
    expect(error('title starts with Discovery call')).toEqual({
      position: 28,
      message: expect.stringContaining('"Discovery call"'),
    });
  });

  it('points at a bad field, quote or value', () => {
    expect(error('"title" = x')).toMatchObject({ position: 0 });
    expect(error('title contains ab"c').position).toBe(17);
    expect(error('amount contains 5')).toMatchObject({
      position: 7,
      message: expect.stringMatching(/number/),
    });
    expect(error('amount > lots')).toMatchObject({ position: 9 });
    expect(error('hours > 1,5').message).toMatch(/dot/);
    expect(error('description contains ""').message).toMatch(/every row/);
  });

  it('refuses patterns that do not compile or could backtrack for ever', () => {
    expect(error('title matches "(1:1"')).toMatchObject({
      position: 14,
      message: expect.stringMatching(/not a valid regular expression/),
    });
    expect(error('title matches "(a+)+$"').message).toMatch(/exponentially/);
  });

  it('renders an error with a caret', () => {
    const text = 'title startswith X';
    const result = parseConditions(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(formatParseError(text, result.error).split('\n')[1]).toMatch(/^ {6}\^ unknown/);
    }
  });
});
