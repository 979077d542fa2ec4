/**
 * Reading with a second connection at once: a `ReadHelper` is another connection to the
 * same database, usually on another thread (app/compute/), that runs some of a large
 * read's statements while this connection runs the others. At 1,000,000 payments and
 * 1,000,000 time entries the report's load is ~1.4 s of SQLite work, every statement on
 * one core; the time entries, clients, costs and conversations read elsewhere meanwhile
 * take ~0.7 s of it off (docs/performance.md, "The report").
 *
 * Two connections read two snapshots. Each side reads the practice's data revision in
 * its own snapshot (every write bumps it in the write's transaction,
 * revision.repository.ts): when the helper saw the revision this side sees, both read the
 * same data; when not (a write committed between the two snapshots began), the answer is
 * thrown away and the statements run here, in this side's snapshot. A report is never
 * made of two states of the data.
 */
import { CompiledQuery } from 'kysely';
import { type Executor, inSnapshot } from './database.ts';
import { readRevision } from './revision.repository.ts';

/** A statement as compiled for the helper's engine: its SQL text and parameters. */
export interface HelperStatement {
  sql: string;
  parameters: readonly unknown[];
}

/** What the helper read: the practice's revision in its snapshot, and each statement's value. */
export interface HelperAnswer {
  revision: number;
  /** The first column of each statement's first row (JSON text, or what pg parsed), in order. */
  values: unknown[];
}

export interface ReadHelper {
  /** Runs `statements` in one read-only snapshot, reading the practice's revision in it first. */
  read(practiceId: number, statements: readonly HelperStatement[]): Promise<HelperAnswer>;
}

/**
 * What a helper does on its own connection: the practice's revision, then each
 * statement's first value, in one read-only REPEATABLE READ snapshot.
 */
export function answerRead(
  db: Executor,
  practiceId: number,
  statements: readonly HelperStatement[],
): Promise<HelperAnswer> {
  return inSnapshot(db, async (trx) => {
    const revision = await readRevision(trx, practiceId);
    const values: unknown[] = [];
    for (const { sql, parameters } of statements) {
      values.push(await firstValue(trx, CompiledQuery.raw(sql, [...parameters])));
    }
    return { revision, values };
  });
}

/**
 * The statements of one snapshot (`trx`, at `revision`) that a helper may run: `send`
 * hands the queued ones over in one message and returns at once; each promise of
 * `value` resolves to the statement's value, from the helper when it read `revision`,
 * else run on `trx` after all.
 */
export class Elsewhere {
  private queued: { statement: CompiledQuery; settle: Settle }[] = [];

  constructor(
    private readonly trx: Executor,
    private readonly helper: ReadHelper,
    private readonly practiceId: number,
    private readonly revision: number,
  ) {}

  /**
   * The first column of `statement`'s first row (compiled without plugins: raw names),
   * once `send` has been called.
   */
  value(statement: CompiledQuery): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queued.push({ statement, settle: { resolve, reject } });
    });
  }

  /** Hands the statements queued so far to the helper, in one message. */
  send(): void {
    const batch = this.queued;
    this.queued = [];
    if (batch.length === 0) return;
    const statements = batch.map(({ statement: { sql, parameters } }) => ({ sql, parameters }));
    void this.helper
      .read(this.practiceId, statements)
      .then(
        (answer) => (answer.revision === this.revision ? answer.values : null),
        () => null,
      )
      .then(async (values) => {
        for (let i = 0; i < batch.length; i++) {
          const { statement, settle } = batch[i]!;
          if (values) settle.resolve(values[i]);
          else await firstValue(this.trx, statement).then(settle.resolve, settle.reject);
        }
      });
  }
}

/**
 * The queue of `helper`'s statements for the snapshot `trx` that `db` opened: the
 * practice's revision is read in `trx` first (the first read of a snapshot, so it is
 * the snapshot's). None without a helper, or when `db` is a caller's own transaction
 * (it may not be a snapshot, and its revision would then prove nothing).
 */
export async function elsewhere(
  db: Executor,
  trx: Executor,
  practiceId: number,
  helper: ReadHelper | undefined,
): Promise<Elsewhere | undefined> {
  if (!helper || db.isTransaction) return undefined;
  return new Elsewhere(trx, helper, practiceId, await readRevision(trx, practiceId));
}

interface Settle {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

async function firstValue(db: Executor, statement: CompiledQuery): Promise<unknown> {
  const { rows } = await db.executeQuery<Record<string, unknown>>(statement);
  const first = rows[0];
  return first ? Object.values(first)[0] : undefined;
}
