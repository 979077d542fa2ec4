/**
 * The generic SQL behind the records repository: batched upserts by (practice id, key)
 * and ordered selects, written once for all record tables. Kysely's types cannot follow
 * a table name chosen at run time, so these work on a loosely typed view of the
 * database; the typed collection specs (collections.ts) say what goes in.
 */
import { type Kysely, sql } from 'kysely';
import type { CollectionSpec } from './collections.ts';
import type { Executor } from './database.ts';
import { sqlName } from './naming.ts';

type Row = Record<string, unknown>;
type Loose = Kysely<Record<string, Row>>;

/**
 * Bound parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535, and
 * small enough that building the statement stays cheap.
 */
export const MAX_PARAMS_PER_STATEMENT = 16_000;

function loose(db: Executor): Loose {
  return db as unknown as Loose;
}

/** The position the next inserted record of `spec` gets in this practice. */
export async function nextPosition(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
): Promise<number> {
  const row = await loose(db)
    .selectFrom(spec.table)
    .select((eb) => eb.fn.max('position').as('last'))
    .where('practiceId', '=', practiceId)
    .executeTakeFirst();
  const last = row?.last;
  return last === null || last === undefined ? 0 : Number(last) + 1;
}

/**
 * Inserts `records` as rows of `spec.table`, updating the rows whose key already exists
 * (their position is kept, so export order stays stable). New rows get positions
 * `firstPosition`, `firstPosition + 1`, … in array order.
 */
export async function upsertRecords(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  records: readonly object[],
  firstPosition: number,
): Promise<void> {
  const updated = spec.columns.filter((c) => !spec.key.includes(c));
  const perStatement = Math.max(
    1,
    Math.floor(MAX_PARAMS_PER_STATEMENT / (spec.columns.length + 2)),
  );
  for (let start = 0; start < records.length; start += perStatement) {
    const batch = records.slice(start, start + perStatement);
    const rows = batch.map((record, i) =>
      toRow(spec, practiceId, firstPosition + start + i, record),
    );
    await loose(db)
      .insertInto(spec.table)
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['practiceId', ...spec.key]).doUpdateSet((eb) => {
          const set: Row = {};
          for (const column of updated) set[column] = eb.ref(`excluded.${column}`);
          return set;
        }),
      )
      .execute();
  }
}

/**
 * Inserts the `records` whose key (or, for payments, external id) is new to the
 * practice and leaves existing rows untouched — what a re-import needs: the user's and
 * the rules' later assignments survive. Returns how many rows were inserted.
 */
export async function insertNewRecords(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  records: readonly object[],
  firstPosition: number,
): Promise<number> {
  const perStatement = Math.max(
    1,
    Math.floor(MAX_PARAMS_PER_STATEMENT / (spec.columns.length + 2)),
  );
  let inserted = 0;
  for (let start = 0; start < records.length; start += perStatement) {
    const batch = records.slice(start, start + perStatement);
    const rows = batch.map((record, i) =>
      toRow(spec, practiceId, firstPosition + start + i, record),
    );
    const result = await loose(db)
      .insertInto(spec.table)
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/**
 * The practice's records of `spec`, only the model columns, in stored order. This is the
 * bulk path (hundreds of thousands of rows): it bypasses the CamelCasePlugin's per-row
 * key remapping by aliasing each `snake_case` column `AS "camelCase"` in the SQL.
 */
export async function selectRecords(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  to?: string,
): Promise<Row[]> {
  const raw = loose(db.withoutPlugins());
  let query = raw
    .selectFrom(sqlName(spec.table))
    .select(spec.columns.map((c) => sql.ref(sqlName(c)).as(c)))
    .where(sqlName('practiceId'), '=', practiceId);
  if (to !== undefined && spec.dated) query = query.where('date', '<=', to);
  query = query.orderBy('position');
  for (const column of spec.key) query = query.orderBy(sqlName(column));
  return query.execute();
}

function toRow(spec: CollectionSpec, practiceId: number, position: number, record: object): Row {
  const values = record as Row;
  const row: Row = { practiceId, position };
  for (const column of spec.columns) row[column] = values[column] ?? null;
  return row;
}
