/**
 * SQLite only: the `(practice_id, id)` keys of the tables a file import writes in bulk
 * (clients, payments, time entries, costs, imported rows) become unique indexes named
 * `<table>_pkey` instead of `PRIMARY KEY` table constraints. They enforce the same
 * uniqueness and serve the same look-ups (`ON CONFLICT` finds either), but an index can
 * be dropped and built again inside a transaction, while a table constraint's automatic
 * index cannot: a large import keeps those keys in memory and builds their indexes after
 * its rows (store/deferred-indexes.ts), instead of inserting every row into B-trees keyed
 * on random source ids.
 *
 * SQLite cannot drop a table constraint, so each table is made again: created without
 * it, filled with the same rows (same rowids, in the same order), renamed over the old
 * one, and given back its indexes. No foreign key refers to these tables. PostgreSQL
 * keeps its primary keys (an import there never drops an index): nothing to do.
 *
 * Released: never edit this file; add a new migration instead.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const TABLES = ['clients', 'payments', 'time_entries', 'costs', 'import_rows'] as const;

/** The table constraint as migrations 0001 and 0002 wrote it (Kysely's SQL). */
const constraintOf = (table: string) =>
  `, constraint "${table}_pkey" primary key ("practice_id", "id")`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  for (const table of TABLES) {
    await remake(db, table, (definition) => {
      const at = definition.indexOf(constraintOf(table));
      if (at < 0) throw new Error(`${table}: its primary key is not as migration 0001 made it`);
      return definition.slice(0, at) + definition.slice(at + constraintOf(table).length);
    });
    await sql`create unique index ${sql.id(`${table}_pkey`)} on ${sql.id(table)} ("practice_id", "id")`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  for (const table of TABLES) {
    await sql`drop index ${sql.id(`${table}_pkey`)}`.execute(db);
    await remake(db, table, (definition) => {
      const end = definition.lastIndexOf(')');
      return definition.slice(0, end) + constraintOf(table) + definition.slice(end);
    });
  }
}

/**
 * Makes `table` again from its own `CREATE TABLE`, the part from the opening parenthesis
 * on rewritten by `edit`: same rows and rowids, same indexes.
 */
async function remake(
  db: Kysely<unknown>,
  table: string,
  edit: (definition: string) => string,
): Promise<void> {
  const schema = await sql<{ type: string; name: string; sql: string }>`
    select type, name, sql from sqlite_schema
     where tbl_name = ${table} and sql is not null order by type desc, name`.execute(db);
  const created = schema.rows.find((row) => row.type === 'table');
  if (!created) throw new Error(`no table ${table}`);
  const open = created.sql.indexOf('(');
  const next = `${table}_remade`;
  const columns = (
    await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)
  ).rows.map((c) => `"${c.name}"`);
  await sql.raw(`create table "${next}" ${edit(created.sql.slice(open))}`).execute(db);
  await sql
    .raw(
      `insert into "${next}" (rowid, ${columns.join(', ')})
       select rowid, ${columns.join(', ')} from "${table}" order by rowid`,
    )
    .execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${next}" rename to "${table}"`).execute(db);
  for (const index of schema.rows) if (index.type === 'index') await sql.raw(index.sql).execute(db);
}
