/**
 * Accounts and tenancy: users (email + argon2id password hash), their sessions (stored
 * by the SHA-256 of the cookie token, never the token), memberships of practices with a
 * role (owner, editor, advisor), invitations by link (stored by the SHA-256 of the
 * token), and failed sign-ins (the sign-in rate limit, shared by every server process).
 * Instants are ISO 8601 text in UTC, like the other tables.
 *
 * Released: never edit this file; add a new migration instead.
 */
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    /** Lower-cased and trimmed; unique. */
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    /** PHC string of argon2id. */
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    /** SHA-256 (hex) of the cookie's token. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('memberships')
    .addColumn('practice_id', 'integer', (c) =>
      c.notNull().references('practices.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** owner | editor | advisor */
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pkey', ['practice_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user_idx').on('memberships').column('user_id').execute();

  await db.schema
    .createTable('invitations')
    /** A public id, to list and revoke; the token itself is never stored. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('practice_id', 'integer', (c) =>
      c.notNull().references('practices.id').onDelete('cascade'),
    )
    .addColumn('role', 'text', (c) => c.notNull())
    /** When set, only this (lower-cased) email may accept. */
    .addColumn('email', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('invitations_practice_idx')
    .on('invitations')
    .column('practice_id')
    .execute();

  await db.schema
    .createTable('sign_in_failures')
    /** `email:<address>` or `ip:<address>`. */
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sign_in_failures_key_idx')
    .on('sign_in_failures')
    .columns(['key', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sign_in_failures', 'invitations', 'memberships', 'sessions', 'users'])
    await db.schema.dropTable(table).execute();
}
