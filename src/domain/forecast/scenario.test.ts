import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenario } from './scenario-read.ts';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../examples/scenarios');

describe('scenario files', () => {
  it('reads the examples, filling the defaults', () => {
    for (const file of ['raise-rates.json', 'launch-course.json', 'more-conversations.json']) {
      const result = readScenario(JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')));
      expect(result.ok, file).toBe(true);
    }
    const raise = readScenario({ name: 'r', changes: [{ type: 'raise_rates', raisePercent: 10 }] });
    expect(raise).toEqual({
      ok: true,
      scenario: {
        name: 'r',
        changes: [
          {
            type: 'raise_rates',
            raisePercent: 10,
            clientLossPercent: 0,
            kinds: [
              'one_to_one',
              'package',
              'retainer',
              'group_program',
              'workshop',
              'team_delivered',
            ],
            fromMonth: 1,
          },
        ],
      },
    });
  });

  it('names the JSON path and says what to write', () => {
    const result = readScenario({
      name: '',
      changes: [
        { type: 'raise', raisePercent: 10 },
        { type: 'raise_rates', raisePercent: '10', clientLossPercent: 150, extra: 1 },
        { type: 'launch_offer', name: 'Course', kind: 'ebook', price: 197, salesRamp: [] },
        { type: 'shift_marketing', hoursPerMonth: 4, from: 'Podcast', to: 'podcast ' },
        { type: 'more_conversations', perWeek: 2, fromMonth: 1.5 },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: 'name', message: 'expected a name' },
      {
        path: 'changes[0].type',
        message:
          'expected a change type: one of raise_rates, more_conversations, shift_marketing, launch_offer, capacity',
      },
      {
        path: 'changes[1].raisePercent',
        message: 'expected the raise as a percentage (10 for 10%), got "10"',
      },
      {
        path: 'changes[1].clientLossPercent',
        message: 'expected the share of clients lost as a percentage from 0 to 100 of at most 100',
      },
      { path: 'changes[1]', message: 'unknown key "extra"' },
      {
        path: 'changes[2].kind',
        message:
          'expected one of one_to_one, package, retainer, group_program, workshop, team_delivered, info_product, membership, licensing, other',
      },
      { path: 'changes[2].salesRamp', message: 'expected at least one month of expected sales' },
      { path: 'changes[3].to', message: 'expected a channel other than "from"' },
      {
        path: 'changes[4].fromMonth',
        message: 'expected a forecast month (1 = the first): a whole number',
      },
    ]);
  });

  it('refuses a second raise or capacity change, and a document that is not an object', () => {
    const twice = readScenario({
      name: 'x',
      changes: [
        { type: 'raise_rates', raisePercent: 5 },
        { type: 'raise_rates', raisePercent: 5 },
      ],
    });
    expect(twice.ok ? [] : twice.problems).toEqual([
      {
        path: 'changes[1].type',
        message: 'a scenario has at most one raise_rates change (the first is changes[0])',
      },
    ]);
    const list = readScenario([]);
    expect(list.ok ? [] : list.problems).toEqual([
      { path: '(document)', message: 'expected an object, got a list' },
    ]);
    const missing = readScenario({ name: 'x' });
    expect(missing.ok ? [] : missing.problems).toEqual([
      { path: 'changes', message: 'expected a list of changes' },
    ]);
  });
});
