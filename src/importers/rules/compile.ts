/**
 * Rules compiled once for many records: values pre-lower-cased, numbers pre-parsed,
 * regular expressions pre-built, rules pre-sorted by the record kind they apply to, and
 * each record's fields read once however many rules look at them.
 *
 * Precedence: rules apply in list order and, for each target field, the first matching
 * rule that sets it wins. A later rule can still fill a field an earlier one left unset.
 * Nothing is defaulted: a time entry no rule gives an activity has `activity: null`.
 */

import type { Assignment, Condition, MatchContext, Rule } from '../../domain/rules/model.ts';
import { TARGET_FIELDS } from '../../domain/rules/model.ts';
import type { ImportedRecord } from '../types.ts';
import { FieldTable, normalizeText, type RecordView } from './view.ts';

type Test = (view: RecordView) => boolean;

interface CompiledRule {
  rule: Rule;
  tests: Test[];
  /** Bit i set when the rule sets TARGET_FIELDS[i]. */
  sets: number;
}

const ALL_SET = (1 << TARGET_FIELDS.length) - 1;
const KINDS = ['payment', 'time', 'cost'] as const;

/** Rules ready to apply to many records. */
export interface RuleMatcher {
  readonly rules: readonly Rule[];
  /** What the rules assign to `record` (see the module header for precedence). */
  apply(record: ImportedRecord, context?: MatchContext): Assignment;
  /** The rules whose conditions all hold for `record`, in list order. */
  matching(record: ImportedRecord, context?: MatchContext): Rule[];
}

/**
 * Compiles rules once; `apply` then costs one field read per record plus cheap tests.
 * Expects valid rules (`ruleSchema`); an invalid `matches` pattern throws here.
 * @example
 * const matcher = compileRules(rules);
 * const assignments = records.map((r) => matcher.apply(r, { format: result.format }));
 */
export function compileRules(rules: readonly Rule[]): RuleMatcher {
  const table = new FieldTable();
  const compiled = rules.map((rule): CompiledRule => {
    let sets = 0;
    TARGET_FIELDS.forEach((field, i) => {
      if (rule.then[field] != null) sets |= 1 << i;
    });
    return { rule, tests: rule.when.map((c) => compileCondition(c, table)), sets };
  });
  const byKind = Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      compiled.filter(({ rule }) => rule.appliesTo === 'any' || rule.appliesTo === kind),
    ]),
  ) as Record<ImportedRecord['kind'], CompiledRule[]>;

  return {
    rules,
    apply(record, context) {
      const out: Assignment = {
        offerId: null,
        activity: null,
        channel: null,
        clientId: null,
        ruleIds: [],
      };
      const candidates = byKind[record.kind];
      if (candidates.length === 0) return out;
      const view = table.view(record, context);
      let filled = 0;
      for (const { rule, tests, sets } of candidates) {
        const adds = sets & ~filled;
        if (adds === 0 || !holdsAll(tests, view)) continue;
        const then = rule.then;
        if (adds & 1) out.offerId = then.offerId!;
        if (adds & 2) out.activity = then.activity!;
        if (adds & 4) out.channel = then.channel!;
        if (adds & 8) out.clientId = then.clientId!;
        out.ruleIds.push(rule.id);
        filled |= adds;
        if (filled === ALL_SET) break;
      }
      return out;
    },
    matching(record, context) {
      const candidates = byKind[record.kind];
      if (candidates.length === 0) return [];
      const view = table.view(record, context);
      return candidates.filter(({ tests }) => holdsAll(tests, view)).map(({ rule }) => rule);
    },
  };
}

function holdsAll(tests: readonly Test[], view: RecordView): boolean {
  for (const test of tests) if (!test(view)) return false;
  return true;
}

/**
 * One condition as a test on a record view, registering its field in `table`.
 * Numeric fields compare numbers; `gt`/`lt` on a text field read it as a number and fail
 * when it is not one.
 */
export function compileCondition(condition: Condition, table: FieldTable): Test {
  const source = table.source(condition.field);
  const { op } = condition;
  if (source.kind !== 'text') {
    const n = Number(condition.value);
    const key = source.kind;
    if (op === 'gt') return (v) => (v[key] ?? Number.NaN) > n;
    if (op === 'lt') return (v) => (v[key] ?? Number.NaN) < n;
    // Hours come from durations (4800 s / 3600); allow for the binary rounding.
    return (v) => Math.abs((v[key] ?? Number.NaN) - n) < 1e-9;
  }
  const slot = source.slot;
  if (op === 'gt' || op === 'lt') {
    const n = Number(condition.value);
    const read = (v: RecordView) => {
      const text = v.texts[slot]!;
      return text === '' ? Number.NaN : Number(text);
    };
    return op === 'gt' ? (v) => read(v) > n : (v) => read(v) < n;
  }
  if (op === 'matches') {
    const pattern = new RegExp(condition.value, 'i');
    return (v) => pattern.test(v.texts[slot]!);
  }
  const value = normalizeText(condition.value);
  switch (op) {
    case 'contains':
      return (v) => v.texts[slot]!.includes(value);
    case 'starts_with':
      return (v) => v.texts[slot]!.startsWith(value);
    case 'ends_with':
      return (v) => v.texts[slot]!.endsWith(value);
    default:
      return (v) => v.texts[slot] === value;
  }
}
