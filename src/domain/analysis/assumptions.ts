/**
 * The levers' assumptions (spec/analysis.md, "Levers"): their names, defaults and the
 * check applied to overrides from the CLI, the API and the page.
 */
import { AnalysisError } from './errors.ts';

/** Every assumption the levers use, by name. */
export interface Assumptions {
  /** raise_rates: the rate rise, as a share (0.10 = 10%). */
  raise: number;
  /** referrals: extra referrals a year per active client (0.10 = one per ten). */
  uplift: number;
  /** more_conversations: extra sales conversations a week. */
  extraPerWeek: number;
}

export type AssumptionName = keyof Assumptions;

/** The defaults of spec/analysis.md. */
export const ASSUMPTIONS: Readonly<Assumptions> = Object.freeze({
  raise: 0.1,
  uplift: 0.1,
  extraPerWeek: 1,
});

/** One line per assumption for help texts and the page's editable fields. */
export const ASSUMPTION_NOTES: Readonly<Record<AssumptionName, string>> = {
  raise: 'raise_rates: how much rates go up, as a share (0.1 = 10%)',
  uplift: 'referrals: extra referrals a year per active client (0.1 = one per ten clients)',
  extraPerWeek: 'more_conversations: extra sales conversations a week',
};

const NAMES = Object.keys(ASSUMPTIONS) as AssumptionName[];

function isName(name: string): name is AssumptionName {
  return (NAMES as string[]).includes(name);
}

/**
 * Checks overrides and merges them over the defaults. Unknown names and values that
 * are not finite numbers ≥ 0 are refused with an AnalysisError
 * (`unknown_assumption` / `invalid_assumption`) that says what is accepted.
 * @example
 * resolveAssumptions({ raise: 0.15 }) // { raise: 0.15, uplift: 0.1, extraPerWeek: 1 }
 * resolveAssumptions({ rise: 0.15 })  // throws unknown_assumption: valid names are raise, uplift, extraPerWeek
 */
export function resolveAssumptions(overrides: Readonly<Record<string, unknown>> = {}): Assumptions {
  const result: Assumptions = { ...ASSUMPTIONS };
  for (const [name, value] of Object.entries(overrides)) {
    if (!isName(name)) {
      throw new AnalysisError(
        'unknown_assumption',
        `unknown assumption "${name}": valid names are ${NAMES.join(', ')}`,
        { name, valid: NAMES },
      );
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new AnalysisError(
        'invalid_assumption',
        `assumption "${name}" must be a finite number of 0 or more, got ${describe(value)}`,
        { name },
      );
    }
    result[name] = value === 0 ? 0 : value; // no -0 in reports
  }
  return result;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}
