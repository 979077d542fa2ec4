import { describe, expect, it } from 'vitest';
import { hasNestedRepetition, MAX_PATTERN_LENGTH, patternProblem } from './regex.ts';

describe('patternProblem', () => {
  it.each([
    '^(1:1|Session)',
    '^discovery',
    'vip|signature',
    '\\d+ ?h(ours)?',
    '(intro )?call',
    '[(+*]+',
    '(ab){1}',
    '\\(a+\\)+',
  ])('accepts %s', (pattern) => {
    expect(patternProblem(pattern)).toBeNull();
  });

  it.each(['(a+)+$', '(a*)*', '(\\w+\\s?)*$', '(a|aa)+', '(x|y){3,}', '((ab)+c)*', '(?:a{2,})+'])(
    'refuses the catastrophic shape %s',
    (pattern) => {
      expect(hasNestedRepetition(pattern)).toBe(true);
      expect(patternProblem(pattern)).toMatch(/exponentially/);
    },
  );

  it('refuses patterns that do not compile, naming the problem', () => {
    expect(patternProblem('(1:1')).toMatch(/^not a valid regular expression: .*group/i);
    expect(patternProblem('[z-a]')).toMatch(/^not a valid regular expression/);
  });

  it('refuses long patterns', () => {
    expect(patternProblem('a'.repeat(MAX_PATTERN_LENGTH))).toBeNull();
    expect(patternProblem('a'.repeat(MAX_PATTERN_LENGTH + 1))).toMatch(/at most 200/);
  });
});
