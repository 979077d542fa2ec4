/**
 * Kept documents: a computed JSON document of a practice (its default report, its
 * monthly series) stored with the data revision it was computed at, so a server that
 * starts again on unchanged data serves it without computing it (app/report-cache.ts).
 * One row per practice and document; a row whose revision is not the practice's current
 * one, or that another version of Fulcrum's code computed, is never used, and is
 * replaced when the document is computed again.
 *
 * Released: never edit this file; add a new migration instead.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kept_documents')
    .addColumn('practice_id', 'integer', (c) =>
      c.notNull().references('practices.id').onDelete('cascade'),
    )
    /** What the document is and every input it depends on besides the data. */
    .addColumn('key', 'text', (c) => c.notNull())
    /** The practice's data revision the document was computed at. */
    .addColumn('revision', 'bigint', (c) => c.notNull())
    /** Which code computed it: a hash of Fulcrum's sources (app/code-version.ts). */
    .addColumn('code', 'text', (c) => c.notNull())
    /** The document, as the API sends it. */
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('kept_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kept_documents_pkey', ['practice_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kept_documents').execute();
}
