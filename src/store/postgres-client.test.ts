/**
 * The pg client of an open transaction (postgres.ts, `postgresClientFinder`), which the
 * import's COPY runs on: with transactions overlapping on one pool, each gets its own.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createTestDatabase } from '../../test/engines.ts';
import { openStore } from './connect.ts';

it("finds each open transaction's own client, with transactions overlapping [postgres]", async () => {
  const database = await createTestDatabase('postgres');
  const store = await openStore(database.target);
  try {
    const find = store.postgresClient;
    expect(find).toBeDefined();
    /** The transaction's id as the transaction sees it, and as the client found sees it. */
    const ids = async (trx: Parameters<NonNullable<typeof find>>[0]) => {
      const client = await find!(trx);
      const own = await sql<{ id: string }>`select txid_current()::text as id`.execute(trx);
      const seen = await client!.query<{ id: string }>('select txid_current()::text as id');
      return { own: own.rows[0]!.id, seen: seen.rows[0]!.id };
    };
    let release!: () => void;
    const holding = new Promise<void>((resolve) => {
      release = resolve;
    });
    const results = await Promise.all(
      [0, 1, 2].map((n) =>
        store.db.transaction().execute(async (trx) => {
          const found = await ids(trx);
          // All three are open at once before any ends.
          if (n === 2) release();
          await holding;
          return found;
        }),
      ),
    );
    for (const { own, seen } of results) expect(seen).toBe(own);
    expect(new Set(results.map((r) => r.own)).size).toBe(3);
    // Outside a transaction there is no client to find.
    await expect(find!(store.db)).rejects.toThrow(/transaction/);
  } finally {
    await store.close();
    await database.drop();
  }
});
