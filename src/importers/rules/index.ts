/**
 * Import rules: turn imported rows into facts (offer, client, activity, channel).
 * Pure — no I/O and no node:* — so the same code runs in the CLI, the API and the browser.
 * See docs/importing/rules.md.
 */
export type { ConditionCheck, MatchExplanation } from './apply.ts';
export { applyRules, describeMatch } from './apply.ts';
export type { ConditionProblem } from './check.ts';
export { checkCondition } from './check.ts';
export type { RuleMatcher } from './compile.ts';
export { compileRules } from './compile.ts';
export { formatCondition, formatConditions, formatRule, formatTargets } from './format.ts';
export type {
  AppliesTo,
  Assignment,
  Condition,
  MatchContext,
  Op,
  Rule,
  RuleTargets,
} from './model.ts';
export { APPLIES_TO, KNOWN_FIELDS, OPS } from './model.ts';
export type { ParseError, ParseResult } from './parse.ts';
export { formatParseError, parseConditions } from './parse.ts';
export { MAX_PATTERN_LENGTH } from './regex.ts';
export type { RuleInput } from './schema.ts';
export { conditionSchema, ruleSchema, rulesSchema, ruleTargetsSchema } from './schema.ts';
export type { RuleSuggestion, SuggestOptions } from './suggest.ts';
export { suggestRule } from './suggest.ts';
