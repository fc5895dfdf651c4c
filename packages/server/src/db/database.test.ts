import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../test/test-context.js';
import { createDatabase } from './database.js';

describe('createDatabase on PostgreSQL', () => {
  const ctx = useTestDatabase('postgres');

  it('survives an idle connection cut by the server, reports it, and keeps answering', async () => {
    const heard: Error[] = [];
    const db = createDatabase(ctx.url, { onIdleError: (err) => heard.push(err) });
    try {
      await sql`select 1`.execute(db); // leaves one idle connection in the pool
      const cut = await sql<{ n: number }>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`.execute(ctx.db);
      expect(cut.rows[0]!.n).toBeGreaterThan(0);
      for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(heard.map((e) => (e as Error & { code?: string }).code)).toContain('57P01');
      const again = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(again.rows).toEqual([{ one: 1 }]);
    } finally {
      await db.destroy();
    }
  });
});
