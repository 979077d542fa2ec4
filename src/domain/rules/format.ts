/**
 * Writes conditions and rules as the text users read in listings and type in the CLI,
 * the inverse of `parse.ts`: `parseConditions(formatConditions(when))` gives `when` back.
 *
 * Text values are always quoted; numbers compared as numbers are written bare.
 */
import { comparesNumbers, NUMBER_PATTERN } from './check.ts';
import type { Condition, Op, Rule, RuleTargets, TargetField } from './model.ts';
import { TARGET_FIELDS } from './model.ts';

const OP_TEXT: Record<Op, string> = {
  contains: 'contains',
  equals: '=',
  starts_with: 'starts with',
  ends_with: 'ends with',
  matches: 'matches',
  gt: '>',
  lt: '<',
};

const TARGET_TEXT: Record<TargetField, string> = {
  offerId: 'offer',
  activity: 'activity',
  channel: 'channel',
  clientId: 'client',
};

/**
 * A value in double quotes. `"` becomes `\"`; a backslash is doubled only where the
 * parser would otherwise read it as an escape (before `"`, `\` or the closing quote).
 * @example quote('say "hi"') // '"say \\"hi\\""'
 */
export function quote(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i += 1) {
    const ch = value[i]!;
    const next = value[i + 1];
    if (ch === '"') out += '\\"';
    else if (ch === '\\' && (next === undefined || next === '"' || next === '\\')) out += '\\\\';
    else out += ch;
  }
  return `${out}"`;
}

/**
 * One condition as text.
 * @example formatCondition({ field: 'amount', op: 'gt', value: '500' }) // 'amount > 500'
 */
export function formatCondition(condition: Condition): string {
  const { field, op, value } = condition;
  const bare = comparesNumbers(condition) && NUMBER_PATTERN.test(value);
  return `${field} ${OP_TEXT[op]} ${bare ? value : quote(value)}`;
}

/**
 * Conditions joined with `and`.
 * @example formatConditions([{ field: 'project', op: 'equals', value: 'Group circle' },
 *                           { field: 'tags', op: 'contains', value: 'coaching' }])
 * // 'project = "Group circle" and tags contains "coaching"'
 */
export function formatConditions(when: readonly Condition[]): string {
  return when.map(formatCondition).join(' and ');
}

/**
 * What a rule assigns, e.g. `offer sig, activity delivery`.
 * @example formatTargets({ offerId: 'sig', channel: 'Word of mouth' })
 * // 'offer sig, channel "Word of mouth"'
 */
export function formatTargets(then: RuleTargets): string {
  return TARGET_FIELDS.flatMap((field) => {
    const value = then[field];
    if (value == null) return [];
    return [`${TARGET_TEXT[field]} ${/^[^\s,"]+$/.test(value) ? value : quote(value)}`];
  }).join(', ');
}

/**
 * One line for listings: id, what it applies to, conditions, targets, and the name.
 * @example formatRule({ id: '3', appliesTo: 'payment',
 *   when: [{ field: 'description', op: 'contains', value: 'VIP' }],
 *   then: { offerId: 'sig', activity: 'delivery' } })
 * // '#3 payment: description contains "VIP" → offer sig, activity delivery'
 */
export function formatRule(rule: Rule): string {
  const line = `#${rule.id} ${rule.appliesTo}: ${formatConditions(rule.when)} → ${formatTargets(rule.then)}`;
  return rule.name ? `${line} (${rule.name})` : line;
}
