/**
 * The rule model: "when these conditions hold on an imported row, then it belongs to this
 * offer / client / activity / channel". Plain data, stored in the bundle's `rules` section
 * and sent through the API; `schema.ts` validates it, `syntax/` reads and writes the text
 * a user types, `compile.ts` applies it.
 */
import type { Activity } from '../model.ts';

/** Which records a rule looks at: one kind of `ImportedRecord`, or all of them. */
export const APPLIES_TO = ['payment', 'time', 'cost', 'any'] as const;
export type AppliesTo = (typeof APPLIES_TO)[number];

/** Comparison operators, as stored. The text syntax spells them `syntax/ops.ts`'s way. */
export const OPS = [
  'contains',
  'equals',
  'starts_with',
  'ends_with',
  'matches',
  'gt',
  'lt',
] as const;
export type Op = (typeof OPS)[number];

/** Fields read from the record itself rather than from `attributes`. */
export const RECORD_FIELDS = ['amount', 'hours', 'currency', 'format'] as const;

/** Fields compared as numbers: `amount` in major units of the record's currency, `hours`. */
export const NUMERIC_FIELDS = ['amount', 'hours'] as const;

/**
 * The attribute names importers fill (see `importers/types.ts`) plus the record fields.
 * A rule may name any other attribute too; these are the ones worth suggesting.
 */
export const KNOWN_FIELDS = [
  'description',
  'project',
  'client',
  'task',
  'tags',
  'title',
  'type',
  'category',
  'customerName',
  'customerEmail',
  'user',
  'location',
  'product',
  ...RECORD_FIELDS,
] as const;

/**
 * One test on one field. `field` is an attribute name or a record field (`amount`,
 * `hours`, `currency`, `format`), matched case-insensitively. Text comparisons ignore
 * case and surrounding spaces; `gt`/`lt` compare numbers.
 */
export interface Condition {
  field: string;
  op: Op;
  value: string;
}

/** What a matching rule assigns. A rule sets at least one; `null` or absent = not set. */
export interface RuleTargets {
  offerId?: string | null;
  activity?: Activity | null;
  channel?: string | null;
  clientId?: string | null;
}

/** The assignable fields, in the order listings show them. */
export const TARGET_FIELDS = ['offerId', 'activity', 'channel', 'clientId'] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

export interface Rule {
  id: string;
  name?: string | null;
  appliesTo: AppliesTo;
  /** All must hold; at least one. */
  when: Condition[];
  then: RuleTargets;
}

/** What the rules decided for one record: `null` where no rule set the field. */
export interface Assignment {
  offerId: string | null;
  activity: Activity | null;
  channel: string | null;
  clientId: string | null;
  /** Ids of the rules that set at least one field, in list order. */
  ruleIds: string[];
}

/** Facts about the import a record came from that the record itself does not carry. */
export interface MatchContext {
  /** The importer's format id (`stripe`, `toggl`, `ics`…), read by the `format` field. */
  format?: string | null;
}
