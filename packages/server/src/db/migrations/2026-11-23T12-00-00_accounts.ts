// biome-ignore-all lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's types.
import { type Kysely, sql } from 'kysely';

// Frozen in time, like the initial migration: Kysely<any>, no application imports. Instants are ISO 8601
// text; flags are integers 0/1 so that both dialects return the same values; lists (roles, scopes) are
// JSON text.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull().references('province.code'))
    // Lower case, unique across the deployment, so that a login needs no province.
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_since', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addForeignKeyConstraint('user_account_unit_fk', ['province_code', 'unit_code'], 'unit', [
      'province_code',
      'code',
    ])
    .addCheckConstraint('user_account_flags', sql`must_change_password in (0, 1) and disabled in (0, 1)`)
    .addCheckConstraint('user_account_failed_attempts', sql`failed_attempts >= 0`)
    .execute();
  await db.schema
    .createIndex('user_account_province_idx')
    .on('user_account')
    .column('province_code')
    .execute();

  await db.schema
    .createTable('session')
    // SHA-256 of the cookie's secret: a copy of the table does not let anyone sign in.
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('user_account.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  await db.schema
    .createTable('security_policy')
    .addColumn('province_code', 'text', (c) => c.primaryKey().references('province.code'))
    .addColumn('password_min_length', 'integer', (c) => c.notNull())
    .addColumn('password_min_classes', 'integer', (c) => c.notNull())
    .addColumn('lockout_threshold', 'integer', (c) => c.notNull())
    .addColumn('lockout_window_minutes', 'integer', (c) => c.notNull())
    .addColumn('lockout_duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('session_idle_minutes', 'integer', (c) => c.notNull())
    .addColumn('session_absolute_minutes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint(
      'security_policy_positive',
      sql`password_min_length > 0 and password_min_classes between 1 and 4 and lockout_threshold > 0
        and lockout_window_minutes > 0 and lockout_duration_minutes > 0 and session_idle_minutes > 0
        and session_absolute_minutes >= session_idle_minutes`,
    )
    .execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull().references('province.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .addForeignKeyConstraint('api_token_unit_fk', ['province_code', 'unit_code'], 'unit', [
      'province_code',
      'code',
    ])
    .execute();
  await db.schema.createIndex('api_token_province_idx').on('api_token').column('province_code').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['api_token', 'security_policy', 'session', 'user_account']) {
    await db.schema.dropTable(table).execute();
  }
}
