/** The `rules` table: a practice's import rules, in the order they apply. */
export interface RuleTable {
  practiceId: number;
  id: string;
  position: number;
  name: string | null;
  appliesTo: string;
  /** JSON array of conditions. */
  conditions: string;
  /** JSON object of targets. */
  targets: string;
}
