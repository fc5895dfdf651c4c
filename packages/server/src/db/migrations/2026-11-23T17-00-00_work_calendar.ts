// biome-ignore-all lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's types.
import { type Kysely, sql } from 'kysely';

// Frozen in time: a province's working-day calendar — public holidays (法定节假日) and the weekend days made
// working days in exchange (调休), as the State Council publishes them each year. Days not listed follow
// the week: Monday to Friday work, Saturday and Sunday rest.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('work_calendar_day')
    .addColumn('province_code', 'text', (c) => c.notNull().references('province.code'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'workday')`))
    .addColumn('name', 'text')
    .addPrimaryKeyConstraint('work_calendar_day_pk', ['province_code', 'day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_calendar_day').execute();
}
