/**
 * Import rules: turn imported rows into facts (offer, client, activity, channel).
 * Pure — no I/O and no node:* — so the same code runs in the CLI, the API and the browser.
 * See docs/importing/rules.md.
 */

export type { ConditionProblem } from '../../domain/rules/check.ts';
export { checkCondition } from '../../domain/rules/check.ts';
export {
  formatCondition,
  formatConditions,
  formatRule,
  formatTargets,
} from '../../domain/rules/format.ts';
export type {
  AppliesTo,
  Assignment,
  Condition,
  MatchContext,
  Op,
  Rule,
  RuleTargets,
} from '../../domain/rules/model.ts';
export { APPLIES_TO, KNOWN_FIELDS, OPS } from '../../domain/rules/model.ts';
export type { ParseError, ParseResult } from '../../domain/rules/parse.ts';
export { formatParseError, parseConditions } from '../../domain/rules/parse.ts';
export { MAX_PATTERN_LENGTH } from '../../domain/rules/regex.ts';
export type { RuleInput } from '../../domain/rules/schema.ts';
export {
  conditionSchema,
  ruleSchema,
  rulesSchema,
  ruleTargetsSchema,
} from '../../domain/rules/schema.ts';
export type { ConditionCheck, MatchExplanation } from './apply.ts';
export { applyRules, describeMatch } from './apply.ts';
export type { RuleMatcher } from './compile.ts';
export { compileRules } from './compile.ts';
export type { RuleSuggestion, SuggestOptions } from './suggest.ts';
export { suggestRule } from './suggest.ts';
