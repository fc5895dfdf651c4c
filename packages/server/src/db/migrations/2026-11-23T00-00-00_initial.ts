// biome-ignore-all lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's types.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file must keep producing the same schema whatever the application becomes, so it
// uses Kysely<any> and imports nothing from the application.

// Instants are ISO 8601 text (`2026-11-23T08:00:00.000Z`) in both dialects: they sort as text, compare
// equal across dialects and hash byte for byte in the audit chain. JSON documents are text, not jsonb, for
// the same reason.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('province')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('unit_class')
    .addColumn('province_code', 'text', (c) => c.notNull().references('province.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_class_pk', ['province_code', 'code'])
    .execute();

  await db.schema
    .createTable('unit')
    .addColumn('province_code', 'text', (c) => c.notNull().references('province.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('class_code', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('elasticity', 'double precision')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('unit_pk', ['province_code', 'code'])
    .addForeignKeyConstraint('unit_class_fk', ['province_code', 'class_code'], 'unit_class', [
      'province_code',
      'code',
    ])
    .addForeignKeyConstraint('unit_parent_fk', ['province_code', 'parent_code'], 'unit', [
      'province_code',
      'code',
    ])
    .addCheckConstraint('unit_elasticity_positive', sql`elasticity is null or elasticity > 0`)
    .execute();
  await db.schema
    .createIndex('unit_parent_idx')
    .on('unit')
    .columns(['province_code', 'parent_code'])
    .execute();

  await db.schema
    .createTable('plan')
    .addColumn('province_code', 'text', (c) => c.notNull().references('province.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('plan_pk', ['province_code', 'code'])
    .execute();

  await db.schema
    .createTable('plan_version')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('plan_code', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('plan_version_pk', ['province_code', 'plan_code', 'number'])
    .addForeignKeyConstraint('plan_version_plan_fk', ['province_code', 'plan_code'], 'plan', [
      'province_code',
      'code',
    ])
    .addCheckConstraint('plan_version_status', sql`status in ('draft', 'published')`)
    .addCheckConstraint('plan_version_number_positive', sql`number > 0`)
    .execute();

  await db.schema
    .createTable('period')
    .addColumn('province_code', 'text', (c) => c.notNull().references('province.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('period_pk', ['province_code', 'code'])
    .addCheckConstraint('period_type', sql`type in ('month', 'quarter', 'half', 'year')`)
    .addCheckConstraint('period_status', sql`status in ('open', 'closed')`)
    .execute();

  // The tenant key leads the primary key so that a Citus-style cluster can distribute by it.
  await db.schema
    .createTable('data_value')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('plan_code', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('element_code', 'text', (c) => c.notNull())
    .addColumn('period_code', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('evidence_hash', 'text')
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('data_value_pk', [
      'province_code',
      'plan_code',
      'period_code',
      'unit_code',
      'element_code',
      'source',
    ])
    .addForeignKeyConstraint('data_value_plan_fk', ['province_code', 'plan_code'], 'plan', [
      'province_code',
      'code',
    ])
    .addForeignKeyConstraint('data_value_unit_fk', ['province_code', 'unit_code'], 'unit', [
      'province_code',
      'code',
    ])
    .addForeignKeyConstraint('data_value_period_fk', ['province_code', 'period_code'], 'period', [
      'province_code',
      'code',
    ])
    .addCheckConstraint('data_value_source', sql`source in ('self', 'thirdParty', 'inspection', 'survey')`)
    .execute();
  await db.schema
    .createIndex('data_value_unit_idx')
    .on('data_value')
    .columns(['province_code', 'unit_code', 'period_code'])
    .execute();

  await db.schema
    .createTable('audit_entry')
    .addColumn('province_code', 'text', (c) => c.notNull().references('province.code'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('request_id', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    // The primary key is also what keeps the chain from forking: two writers that both read seq n and
    // append n + 1 cannot both commit.
    .addPrimaryKeyConstraint('audit_entry_pk', ['province_code', 'seq'])
    .addCheckConstraint('audit_entry_seq_positive', sql`seq > 0`)
    .execute();

  if (postgres) {
    await sql`
      create function audit_entry_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_entry is append-only: % refused', tg_op using errcode = 'P0001';
      end
      $$`.execute(db);
    await sql`
      create trigger audit_entry_no_update_delete before update or delete on audit_entry
      for each row execute function audit_entry_refuse_change()`.execute(db);
    await sql`
      create trigger audit_entry_no_truncate before truncate on audit_entry
      for each statement execute function audit_entry_refuse_change()`.execute(db);
  } else {
    await sql`
      create trigger audit_entry_no_update before update on audit_entry
      begin select raise(abort, 'audit_entry is append-only: UPDATE refused'); end`.execute(db);
    await sql`
      create trigger audit_entry_no_delete before delete on audit_entry
      begin select raise(abort, 'audit_entry is append-only: DELETE refused'); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // Dropping the table drops its triggers in both dialects; the PostgreSQL function outlives it.
  for (const table of [
    'audit_entry',
    'data_value',
    'period',
    'plan_version',
    'plan',
    'unit',
    'unit_class',
    'province',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  if (postgres) await sql`drop function audit_entry_refuse_change()`.execute(db);
}
