/**
 * Brings a database to the latest schema with Kysely's Migrator. The Migrator reports
 * failure in its result instead of throwing; this turns that into a StoreError.
 */
import { type Kysely, type Migration, type MigrationResult, Migrator } from 'kysely';
import type { Database } from './database.ts';
import { messageOf, StoreError } from './errors.ts';
import { MIGRATIONS } from './migrations/index.ts';

/**
 * Runs every pending migration, each in its own transaction. Safe to call on every
 * open: applied migrations are skipped.
 *
 * @param onUpgrade hears the pending migrations' names before they run, when the
 *   database had some applied already (an upgrade, not a new database): a large one
 *   may take a while (docs/storage.md, "Migrations").
 * @returns the names of the migrations applied by this call.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  migrations: Readonly<Record<string, Migration>> = MIGRATIONS,
  onUpgrade?: (pending: readonly string[]) => void,
): Promise<string[]> {
  const migrator = new Migrator({
    // Migrations write snake_case SQL themselves: no name mapping.
    db: db.withoutPlugins(),
    provider: { getMigrations: async () => ({ ...migrations }) },
  });
  if (onUpgrade) {
    const known = await migrator.getMigrations();
    const pending = known.filter((m) => m.executedAt === undefined).map((m) => m.name);
    if (pending.length > 0 && pending.length < known.length) onUpgrade(pending);
  }
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    const which = failed ? `migration ${failed.migrationName} failed` : 'migrations could not run';
    throw new StoreError(
      'migration_failed',
      `Database schema update: ${which}: ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
