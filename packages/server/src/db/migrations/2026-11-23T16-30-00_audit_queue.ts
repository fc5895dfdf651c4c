// biome-ignore-all lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's types.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: audit entries waiting for their place in the chain. A write on PostgreSQL records its
// entry here in its own transaction (no lock, so concurrent writes commit together), and right after the
// commit one appender moves the waiting entries into audit_entry, hashed and chained, in one transaction.
// Entries are never changed here, only moved: a trigger refuses UPDATE.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('audit_queue')
    // Arrival order: the order in which waiting entries join the chain.
    .addColumn('id', postgres ? 'bigserial' : 'integer', (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('province_code', 'text', (c) => c.notNull().references('province.code'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('request_id', 'text')
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_queue_province_idx')
    .on('audit_queue')
    .columns(['province_code', 'id'])
    .execute();

  if (postgres) {
    await sql`
      create function audit_queue_refuse_update() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_queue entries are only moved, never changed: UPDATE refused' using errcode = 'P0001';
      end
      $$`.execute(db);
    await sql`
      create trigger audit_queue_no_update before update on audit_queue
      for each row execute function audit_queue_refuse_update()`.execute(db);
  } else {
    await sql`
      create trigger audit_queue_no_update before update on audit_queue
      begin select raise(abort, 'audit_queue entries are only moved, never changed: UPDATE refused'); end`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.dropTable('audit_queue').execute();
  if (postgres) await sql`drop function audit_queue_refuse_update()`.execute(db);
}
