/**
 * Applying rules to one record, and explaining a match for previews. For many records,
 * compile once with `compileRules` and call `matcher.apply` instead.
 */

import { formatCondition } from '../../domain/rules/format.ts';
import type { Assignment, Condition, MatchContext, Rule } from '../../domain/rules/model.ts';
import type { ImportedRecord } from '../types.ts';
import { compileCondition, compileRules } from './compile.ts';
import { FieldTable, rawValue } from './view.ts';

/**
 * What `rules` assign to `record`: in list order, the first matching rule that sets a
 * field wins it; fields no rule sets stay null (no default activity).
 * @example applyRules(toggl('Group'), [
 *   { id: 'g', appliesTo: 'time', when: [{ field: 'project', op: 'equals', value: 'group' }],
 *     then: { offerId: 'circle' } },
 *   { id: 'd', appliesTo: 'time', when: [{ field: 'hours', op: 'gt', value: '0' }],
 *     then: { offerId: 'other', activity: 'delivery' } },
 * ])
 * // { offerId: 'circle', activity: 'delivery', channel: null, clientId: null, ruleIds: ['g', 'd'] }
 */
export function applyRules(
  record: ImportedRecord,
  rules: readonly Rule[],
  context?: MatchContext,
): Assignment {
  return compileRules(rules).apply(record, context);
}

/** One condition checked against one record: the value found and whether it holds. */
export interface ConditionCheck {
  condition: Condition;
  /** The record's value as the source spelled it (amount in major units), or null if absent. */
  actual: string | number | null;
  holds: boolean;
}

export interface MatchExplanation {
  matched: boolean;
  /** Whether the rule looks at this kind of record at all. */
  applies: boolean;
  conditions: ConditionCheck[];
  /** One sentence: `description "VIP day" → description contains "VIP"; amount 750 → amount > 500`. */
  reason: string;
}

/**
 * Why `rule` matches `record` or not, condition by condition, for previews.
 * @example describeMatch(payment, rule).reason
 * // 'matched: description is "VIP day" (description contains "VIP"); amount is 750 (amount > 500)'
 */
export function describeMatch(
  record: ImportedRecord,
  rule: Rule,
  context?: MatchContext,
): MatchExplanation {
  const applies = rule.appliesTo === 'any' || rule.appliesTo === record.kind;
  const table = new FieldTable();
  const tests = rule.when.map((condition) => compileCondition(condition, table));
  const view = table.view(record, context);
  const conditions = rule.when.map((condition, i) => ({
    condition,
    actual: rawValue(record, condition.field, context),
    holds: tests[i]!(view),
  }));
  const matched = applies && conditions.every((c) => c.holds);
  return { matched, applies, conditions, reason: reasonOf(record, rule, applies, conditions) };
}

function reasonOf(
  record: ImportedRecord,
  rule: Rule,
  applies: boolean,
  checks: readonly ConditionCheck[],
): string {
  if (!applies)
    return `not matched: the rule applies to ${rule.appliesTo} rows, this is a ${record.kind} row`;
  const failed = checks.filter((c) => !c.holds);
  const shown = failed.length > 0 ? failed : checks;
  const parts = shown.map(({ condition, actual }) => {
    const found =
      actual === null
        ? 'missing'
        : `is ${typeof actual === 'number' ? actual : JSON.stringify(actual)}`;
    const verb = failed.length > 0 ? 'fails' : '';
    return `${condition.field} ${found} (${verb ? `${verb} ` : ''}${formatCondition(condition)})`;
  });
  return `${failed.length > 0 ? 'not matched' : 'matched'}: ${parts.join('; ')}`;
}
