/**
 * Saved column mappings of generic CSV imports, by name, per practice: import settings,
 * which hold the practice's revision row without moving it (revision.repository.ts).
 */
import type { Executor } from './database.ts';
import { holdRevision } from './revision.repository.ts';

export async function saveMapping(
  db: Executor,
  practiceId: number,
  name: string,
  map: Record<string, string>,
): Promise<void> {
  await holdRevision(db, practiceId);
  const text = JSON.stringify(map);
  await db
    .insertInto('mappings')
    .values({ practiceId, name, map: text })
    .onConflict((oc) => oc.columns(['practiceId', 'name']).doUpdateSet({ map: text }))
    .execute();
}

export async function findMapping(
  db: Executor,
  practiceId: number,
  name: string,
): Promise<Record<string, string> | null> {
  const row = await db
    .selectFrom('mappings')
    .select('map')
    .where('practiceId', '=', practiceId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? (JSON.parse(row.map) as Record<string, string>) : null;
}

export async function listMappings(db: Executor, practiceId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('mappings')
    .select('name')
    .where('practiceId', '=', practiceId)
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}
