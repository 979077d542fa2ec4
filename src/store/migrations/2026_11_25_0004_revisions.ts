/**
 * Data revisions: one row per practice whose number changes, in the same transaction,
 * with every write to the practice's data (store/revision.repository.ts). A server keeps
 * computed reports keyed by it, so every server process on one database sees another's
 * writes with one cheap read. No foreign key: the row outlives its practice, so a
 * practice id used again never starts from a number an old cache entry carries.
 *
 * Released: never edit this file; add a new migration instead.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('practice_revisions')
    .addColumn('practice_id', 'integer', (c) => c.primaryKey())
    /** Grows with every write; at least the writer's clock in ms (see bumpRevision). */
    .addColumn('revision', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('practice_revisions').execute();
}
