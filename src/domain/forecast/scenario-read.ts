/**
 * Reading a scenario from parsed JSON: the schema's verdict as a list of problems, each
 * with its JSON path (`changes[1].salesRamp[2]`) and a message a person can act on.
 */
import type { z } from 'zod';
import { formatPath } from '../bundle.ts';
import { CHANGE_TYPES, type Scenario, scenarioSchema } from './scenario-schema.ts';

/** One problem with a scenario: where and what. */
export interface ScenarioProblem {
  path: string;
  message: string;
}

export type ScenarioResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; problems: ScenarioProblem[] };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value;
}

function messageOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_union':
      return issue.path.at(-1) === 'type'
        ? `expected a change type: one of ${CHANGE_TYPES.join(', ')}`
        : issue.message;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type': {
      const got = issue.input === undefined ? '' : `, got ${describe(issue.input)}`;
      // Our own messages (the schema's) say what to write; zod's defaults start "Invalid input".
      if (!issue.message.startsWith('Invalid input')) {
        return issue.expected === 'int' ? issue.message : `${issue.message}${got}`;
      }
      if (issue.input === undefined) return `required: expected ${issue.expected}`;
      const what =
        issue.expected === 'object'
          ? 'an object'
          : issue.expected === 'array'
            ? 'a list'
            : issue.expected;
      return `expected ${what}${got}`;
    }
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `expected at most ${issue.maximum} characters`
        : issue.message;
    default:
      return issue.message;
  }
}

/**
 * Validates a parsed JSON value as a scenario.
 * @example readScenario({ name: 'Raise', changes: [{ type: 'raise_rates', raisePercent: 10 }] }).ok // true
 * @example readScenario({ name: 'x', changes: [{ type: 'raise' }] }) // problems: changes[0].type: expected a change type: …
 */
export function readScenario(value: unknown): ScenarioResult {
  const parsed = scenarioSchema.safeParse(value, { reportInput: true });
  if (parsed.success) return { ok: true, scenario: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: messageOf(issue),
    })),
  };
}
