/**
 * Kept documents (migration 0006): a practice's computed JSON documents stored with the
 * data revision and the code version they were computed at, read back instead of being
 * computed again (app/report-cache.ts). Keeping is best effort and never waits: a
 * document that cannot be kept at once is simply computed again next time.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Store } from './connect.ts';
import type { Executor } from './database.ts';
import { preparedOn } from './sqlite.ts';

interface KeptDocumentTable {
  practiceId: number;
  key: string;
  revision: number;
  code: string;
  body: string;
  keptAt: string;
}

type KeptDb = Kysely<{ keptDocuments: KeptDocumentTable }>;

/** The kept body of `key` if it was computed at `revision` by code `code`. */
export async function readKept(
  db: Executor,
  practiceId: number,
  key: string,
  revision: number,
  code: string,
): Promise<string | undefined> {
  const row = await (db as unknown as KeptDb)
    .selectFrom('keptDocuments')
    .select('body')
    .where('practiceId', '=', practiceId)
    .where('key', '=', key)
    .where('revision', '=', revision)
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.body;
}

/** An upsert that never replaces a document of a newer revision with an older one. */
const KEEP_SQL = (mark: (n: number) => string) =>
  `insert into kept_documents (practice_id, key, revision, code, body, kept_at) ` +
  `values (${[1, 2, 3, 4, 5, 6].map(mark).join(', ')}) ` +
  'on conflict (practice_id, key) do update set revision = excluded.revision, ' +
  'code = excluded.code, body = excluded.body, kept_at = excluded.kept_at ' +
  'where kept_documents.revision <= excluded.revision';

/**
 * Keeps `body` as the practice's `key` document at `revision`. Returns false when it was
 * not kept. On SQLite it takes the store's connection when no query or transaction of
 * this process is using it (Kysely's lock of the connection, so it never joins another's
 * transaction), and never waits for another connection's write lock (a long import in
 * another process): it gives up at once. On PostgreSQL an ordinary upsert, which may wait
 * for locks on the practice's row (a deletion under way): callers run it in the
 * background.
 */
export async function keepDocument(
  store: Store,
  practiceId: number,
  document: { key: string; revision: number; code: string; body: string },
): Promise<boolean> {
  const values = [
    practiceId,
    document.key,
    document.revision,
    document.code,
    document.body,
    new Date().toISOString(),
  ];
  const sqlite = store.sqlite;
  if (!sqlite) {
    await store.db.executeQuery(
      CompiledQuery.raw(
        KEEP_SQL((n) => `$${n}`),
        values,
      ),
    );
    return true;
  }
  return store.db.connection().execute(async () => {
    if (sqlite.inTransaction) return false;
    const statement = preparedOn(
      sqlite,
      KEEP_SQL(() => '?'),
    );
    // better-sqlite3 runs synchronously: nothing else uses the connection until the
    // timeout is restored.
    const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
    sqlite.pragma('busy_timeout = 0');
    try {
      statement.run(values);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false;
      throw error;
    } finally {
      sqlite.pragma(`busy_timeout = ${timeout}`);
    }
  });
}
