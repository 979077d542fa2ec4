/**
 * The tables of accounts and tenancy (migration 0003): users, sessions, memberships,
 * invitations and failed sign-ins. `AccountsDatabase` is the store's `Database` plus
 * these tables; `accountsDb` views an executor through it.
 */
import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, Executor } from './database.ts';

export interface UserTable {
  id: Generated<number>;
  /** Lower-cased and trimmed; unique. */
  email: string;
  name: string | null;
  /** PHC string of argon2id. */
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
}

export interface SessionTable {
  /** SHA-256 (hex) of the cookie's token. */
  id: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export type Role = 'owner' | 'editor' | 'advisor';

export interface MembershipTable {
  practiceId: number;
  userId: number;
  role: Role;
  createdAt: string;
}

export interface InvitationTable {
  id: string;
  tokenHash: string;
  practiceId: number;
  role: Role;
  email: string | null;
  createdBy: number | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: number | null;
}

export interface SignInFailureTable {
  key: string;
  at: string;
}

export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type MembershipRow = Selectable<MembershipTable>;
export type InvitationRow = Selectable<InvitationTable>;

export interface AccountsDatabase extends Database {
  users: UserTable;
  sessions: SessionTable;
  memberships: MembershipTable;
  invitations: InvitationTable;
  signInFailures: SignInFailureTable;
}

export type AccountsExecutor = Kysely<AccountsDatabase> | Transaction<AccountsDatabase>;

/** The same executor, typed with the account tables (which every migrated store has). */
export function accountsDb(db: Executor): AccountsExecutor {
  return db as unknown as AccountsExecutor;
}

/**
 * A number that changes whenever this process changes sessions or memberships (the
 * repositories call `noteAccountsChanged` after each such write, committed or not): what
 * the API keeps about sessions and roles for a moment (app/session-cache.ts) is dropped
 * at once when it moves. Another process's writes do not move it.
 */
let accountsVersion = 0;

export function currentAccountsVersion(): number {
  return accountsVersion;
}

export function noteAccountsChanged(): void {
  accountsVersion++;
}

/**
 * Runs `work` in a transaction that writes sessions or memberships, and moves the
 * accounts version again once the transaction has ended (committed or rolled back).
 * The repositories move it as they write, before the commit: a request that read the
 * old membership meanwhile, through another connection (PostgreSQL), would otherwise
 * keep what it read as current until its entry expires. Moving it after the commit
 * makes every such entry unusable.
 */
export async function accountsTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } finally {
    noteAccountsChanged();
  }
}
