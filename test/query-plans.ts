/**
 * What the tests of indexes look at: the indexes of a table, and the plan a database
 * chooses for a query, as text: SQLite's `EXPLAIN QUERY PLAN`
 * details, PostgreSQL's `EXPLAIN` lines. PostgreSQL is told to avoid scanning tables and
 * sorting wherever it can: on a test's small tables it would, while on a practice's
 * million rows only an index spares the scan; its plan then names the index if one
 * serves the query.
 *
 * @example
 * expect(await planOf(ctx, (db) => someQuery(db).compile())).toContain('payments_position_idx');
 */
import { type CompiledQuery as Compiled, CompiledQuery, sql } from 'kysely';
import type { Executor } from '../src/store/database.ts';
import type { EngineContext } from './engines.ts';

export async function planOf(
  ctx: EngineContext,
  compile: (db: Executor) => Compiled,
): Promise<string> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const query = compile(trx);
    if (ctx.engine === 'postgres') {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_sort = off`.execute(trx);
    }
    const explain = ctx.engine === 'sqlite' ? 'explain query plan' : 'explain';
    const { rows } = await trx.executeQuery<Record<string, string>>(
      CompiledQuery.raw(`${explain} ${query.sql}`, [...query.parameters]),
    );
    return rows.map((r) => r.detail ?? r['QUERY PLAN']).join('\n');
  });
}

/** The names of the indexes of `table`, sorted. */
export async function indexesOf(ctx: EngineContext, table: string): Promise<string[]> {
  const { rows } = await ctx.store.db.executeQuery<{ name: string }>(
    ctx.engine === 'sqlite'
      ? CompiledQuery.raw(`select name from sqlite_schema where type = 'index' and tbl_name = ?`, [
          table,
        ])
      : CompiledQuery.raw(`select indexname as name from pg_indexes where tablename = $1`, [table]),
  );
  return rows.map((r) => r.name).sort();
}
