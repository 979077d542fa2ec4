/**
 * What makes a condition valid beyond its shape, shared by the zod schema and the text
 * parser so both refuse the same things with the same words.
 */
import type { Condition } from './model.ts';
import { NUMERIC_FIELDS } from './model.ts';
import { patternProblem } from './regex.ts';

/** An attribute or record field name: a letter or `_`, then letters, digits or `_`. */
export const FIELD_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A number as a rule writes it: `500`, `-20`, `1.5`. Amounts are in major units. */
export const NUMBER_PATTERN = /^-?\d+(?:\.\d+)?$/;

/** Which part of a condition a problem is about, so the parser can point at it. */
export type ConditionPart = 'field' | 'op' | 'value';

export interface ConditionProblem {
  part: ConditionPart;
  message: string;
}

/** True for `amount` and `hours` (any case): fields compared as numbers only. */
export function isNumericField(field: string): boolean {
  return (NUMERIC_FIELDS as readonly string[]).includes(field.toLowerCase());
}

/** True when the condition compares numbers: `gt`, `lt`, or any op on a numeric field. */
export function comparesNumbers(condition: Condition): boolean {
  return condition.op === 'gt' || condition.op === 'lt' || isNumericField(condition.field);
}

/**
 * The first problem with a condition, or null when it is valid.
 * @example checkCondition({ field: 'amount', op: 'contains', value: '5' })
 * // { part: 'op', message: 'amount is compared as a number: use =, > or <' }
 */
export function checkCondition({ field, op, value }: Condition): ConditionProblem | null {
  if (!FIELD_PATTERN.test(field)) {
    return {
      part: 'field',
      message: 'a field name is a letter or _ followed by letters, digits or _ (e.g. description)',
    };
  }
  if (isNumericField(field) && op !== 'equals' && op !== 'gt' && op !== 'lt') {
    return { part: 'op', message: `${field} is compared as a number: use =, > or <` };
  }
  if (comparesNumbers({ field, op, value })) {
    if (NUMBER_PATTERN.test(value.trim())) return null;
    const hint = /^-?\d+,\d+$/.test(value.trim()) ? ' (write decimals with a dot)' : '';
    return { part: 'value', message: `expected a number such as 500 or 1.5${hint}` };
  }
  if (op !== 'equals' && value.trim() === '') {
    return {
      part: 'value',
      message: 'an empty value would match every row; to match a missing field use = ""',
    };
  }
  if (op === 'matches') {
    const problem = patternProblem(value);
    if (problem) return { part: 'value', message: problem };
  }
  return null;
}
