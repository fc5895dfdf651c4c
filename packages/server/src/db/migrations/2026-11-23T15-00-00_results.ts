// biome-ignore-all lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's types.
import { type Kysely, sql } from 'kysely';

// Frozen in time: scoring runs (result snapshots), their per-unit figures, and appeals (申诉) against them.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('result_snapshot')
    .addColumn('province_code', 'text', (c) => c.notNull().references('province.code'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('plan_code', 'text', (c) => c.notNull())
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('period_code', 'text', (c) => c.notNull())
    .addColumn('plan_hash', 'text', (c) => c.notNull())
    .addColumn('inputs_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('unit_count', 'integer', (c) => c.notNull())
    .addColumn('value_count', 'integer', (c) => c.notNull())
    // gzip of the canonical inputs (units and values), base64: what the snapshot was scored from, so that
    // an explanation can be re-derived however the live values change afterwards.
    .addColumn('inputs_blob', 'text', (c) => c.notNull())
    .addColumn('sensitivity_json', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('corrects_id', 'text')
    .addColumn('correction_reason', 'text')
    .addColumn('published_at', 'text')
    .addColumn('notice_ends_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('result_snapshot_pk', ['province_code', 'id'])
    .addForeignKeyConstraint(
      'result_snapshot_plan_version_fk',
      ['province_code', 'plan_code', 'plan_version'],
      'plan_version',
      ['province_code', 'plan_code', 'number'],
    )
    .addForeignKeyConstraint('result_snapshot_period_fk', ['province_code', 'period_code'], 'period', [
      'province_code',
      'code',
    ])
    .addCheckConstraint('result_snapshot_status', sql`status in ('draft', 'published', 'superseded')`)
    .execute();
  await db.schema
    .createIndex('result_snapshot_period_idx')
    .on('result_snapshot')
    .columns(['province_code', 'plan_code', 'period_code'])
    .execute();

  await db.schema
    .createTable('result_unit')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('snapshot_id', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('class_code', 'text', (c) => c.notNull())
    .addColumn('total', 'double precision', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('class_size', 'integer', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('dimensions_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('result_unit_pk', ['province_code', 'snapshot_id', 'unit_code'])
    .addForeignKeyConstraint('result_unit_snapshot_fk', ['province_code', 'snapshot_id'], 'result_snapshot', [
      'province_code',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('result_unit_rank_idx')
    .on('result_unit')
    .columns(['province_code', 'snapshot_id', 'class_code', 'rank', 'unit_code'])
    .execute();

  await db.schema
    .createTable('appeal')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('snapshot_id', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('corrected_by_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('appeal_pk', ['province_code', 'id'])
    .addForeignKeyConstraint('appeal_snapshot_fk', ['province_code', 'snapshot_id'], 'result_snapshot', [
      'province_code',
      'id',
    ])
    .addCheckConstraint('appeal_status', sql`status in ('pending', 'accepted', 'rejected')`)
    .execute();
  await db.schema
    .createIndex('appeal_snapshot_idx')
    .on('appeal')
    .columns(['province_code', 'snapshot_id', 'unit_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['appeal', 'result_unit', 'result_snapshot'])
    await db.schema.dropTable(table).execute();
}
