// biome-ignore-all lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's types.
import { type Kysely, sql } from 'kysely';

// Frozen in time: Kysely<any>, no application imports. Units, plans, periods, submissions and evidence as
// the domain API runs them. Flags are integers 0/1; instants ISO 8601 text.

export async function up(db: Kysely<any>): Promise<void> {
  // A unit is disabled rather than deleted: values, results and accounts keep pointing at it.
  await db.schema
    .alterTable('unit')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Who approved a change of a published plan and when; who published a version.
  await db.schema.alterTable('plan_version').addColumn('approved_at', 'text').execute();
  await db.schema.alterTable('plan_version').addColumn('published_by', 'text').execute();

  // 填报: one unit's self-reported values for one period under one plan, and where they are in review.
  await db.schema
    .createTable('submission')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('plan_code', 'text', (c) => c.notNull())
    .addColumn('period_code', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('submission_pk', ['province_code', 'plan_code', 'period_code', 'unit_code'])
    .addForeignKeyConstraint(
      'submission_plan_version_fk',
      ['province_code', 'plan_code', 'plan_version'],
      'plan_version',
      ['province_code', 'plan_code', 'number'],
    )
    .addForeignKeyConstraint('submission_unit_fk', ['province_code', 'unit_code'], 'unit', [
      'province_code',
      'code',
    ])
    .addForeignKeyConstraint('submission_period_fk', ['province_code', 'period_code'], 'period', [
      'province_code',
      'code',
    ])
    .addCheckConstraint('submission_status', sql`status in ('draft', 'submitted', 'approved', 'returned')`)
    .execute();

  // 佐证材料: files stored on disk by their SHA-256; the row says what they are and who brought them.
  await db.schema
    .createTable('evidence')
    .addColumn('province_code', 'text', (c) => c.notNull().references('province.code'))
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_pk', ['province_code', 'hash'])
    .addCheckConstraint('evidence_size', sql`size >= 0`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('evidence').execute();
  await db.schema.dropTable('submission').execute();
  await db.schema.alterTable('plan_version').dropColumn('published_by').execute();
  await db.schema.alterTable('plan_version').dropColumn('approved_at').execute();
  await db.schema.alterTable('unit').dropColumn('disabled').execute();
}
