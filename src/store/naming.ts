/**
 * The one place camelCase names (TypeScript) meet snake_case names (SQL): the
 * CamelCasePlugin `openStore` installs, also used by the bulk loader to alias columns.
 */
import { CamelCasePlugin } from 'kysely';

class Naming extends CamelCasePlugin {
  /** `externalId` → `external_id`. */
  sqlName(name: string): string {
    return this.snakeCase(name);
  }
}

export const naming = new Naming();

export function sqlName(name: string): string {
  return naming.sqlName(name);
}
