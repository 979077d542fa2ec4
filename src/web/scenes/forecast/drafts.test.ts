import { describe, expect, it } from 'vitest';
import { readScenario } from '../../../domain/forecast/index.ts';
import {
  CHANGE_ORDER,
  checkDraft,
  fieldOf,
  newChange,
  type ScenarioDraft,
  toInput,
} from './drafts.ts';

const draft = (changes: ScenarioDraft['changes'], name = 'S'): ScenarioDraft => ({
  key: 1,
  name,
  changes,
});

describe('scenario drafts', () => {
  it('starts every change type with values the domain accepts', () => {
    for (const type of CHANGE_ORDER) {
      const checked = checkDraft(draft([newChange(type, ['instagram', 'podcast'])]), ['S']);
      expect(checked.problems, type).toEqual([]);
      expect([...checked.fieldProblems], type).toEqual([]);
      expect(checked.ok, type).toBe(true);
    }
  });

  it('turns the ramp text into numbers and a nested field into its object, leaving empty fields out', () => {
    const launch = newChange('launch_offer');
    launch.values.salesRamp = '2, 4;6  8';
    launch.values.creationHours = undefined;
    const shift = newChange('shift_marketing', ['a', 'b']);
    shift.values['newClientsPerHour.to'] = 0.2;
    shift.values.to = '';
    const input = toInput(draft([launch, shift]));
    expect(input.changes[0]).toMatchObject({ salesRamp: [2, 4, 6, 8], price: 197 });
    expect(input.changes[0]).not.toHaveProperty('creationHours');
    expect(input.changes[1]).toEqual({
      type: 'shift_marketing',
      hoursPerMonth: 4,
      from: 'a',
      newClientsPerHour: { to: 0.2 },
      fromMonth: 1,
    });
  });

  it("puts each of the domain's problems on its field", () => {
    const raise = newChange('raise_rates');
    raise.values.raisePercent = undefined;
    const launch = newChange('launch_offer');
    launch.values.salesRamp = '3, lots';
    launch.values.refundPercent = 120;
    const checked = checkDraft(draft([raise, launch]), ['S']);
    expect(checked.ok).toBe(false);
    const result = readScenario(checked.input);
    expect(result.ok).toBe(false);
    expect(checked.fieldProblems.get('0:raisePercent')).toMatch(/^required/);
    expect(checked.fieldProblems.get('1:salesRamp')).toBeDefined();
    expect(checked.fieldProblems.get('1:refundPercent')).toMatch(/at most 100/);
  });

  it('names a duplicate scenario name and a second raise in one scenario', () => {
    const twice = checkDraft(draft([newChange('raise_rates'), newChange('raise_rates')], 'X'), [
      'X',
      'X ',
    ]);
    expect(twice.fieldProblems.get('name')).toBe('another scenario has this name');
    expect(twice.fieldProblems.get('1:type')).toMatch(/at most one raise_rates/);
  });

  it('reads field keys from JSON paths', () => {
    expect(fieldOf('changes[1].salesRamp[2]')).toBe('1:salesRamp');
    expect(fieldOf('changes[0].newClientsPerHour.to')).toBe('0:newClientsPerHour.to');
    expect(fieldOf('name')).toBeNull();
  });
});
