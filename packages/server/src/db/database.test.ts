import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS, useTestDatabase } from '../test/test-context.js';
import { createDatabase, keepingStatements, ROWS_AS_ARRAYS, rowsAsArrays } from './database.js';

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

describe('SQLite statements kept by SQL text', () => {
  function counting() {
    const raw = new SQLite(':memory:');
    let prepared = 0;
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((text: string) => {
      prepared++;
      return prepare(text);
    }) as typeof raw.prepare;
    raw.exec("create table t (k text, v real); insert into t values ('a', 1.5), ('b', -2)");
    return { raw, prepared: () => prepared };
  }

  it('prepares a statement once and runs it again with other parameters', () => {
    const { raw, prepared } = counting();
    const db = keepingStatements(raw);
    const text = 'select v from t where k = ?';
    expect(db.prepare(text).all(['a'])).toEqual([{ v: 1.5 }]);
    expect(db.prepare(text).all(['b'])).toEqual([{ v: -2 }]);
    expect(prepared()).toBe(1);
    db.close();
  });

  it('prepares afresh while the kept one is still being iterated, and drops the least recently used', () => {
    const { raw, prepared } = counting();
    const db = keepingStatements(raw, 2);
    const text = 'select k from t order by k';
    const iterating = db.prepare(text).iterate([]);
    expect(iterating.next().value).toEqual({ k: 'a' });
    expect(db.prepare(text).all([])).toEqual([{ k: 'a' }, { k: 'b' }]);
    expect(prepared()).toBe(2);
    iterating.return?.();
    db.prepare('select 1');
    db.prepare('select 2'); // the third text: the least recently used one (the sort) goes
    db.prepare(text);
    expect(prepared()).toBe(5);
    db.close();
  });
});

describe.each(DIALECTS)('rows as arrays on %s', (dialect) => {
  const ctx = useTestDatabase(dialect);

  it('gives the rows of a marked query as arrays in select order', async () => {
    const marked =
      await sql<unknown>`${sql.raw(ROWS_AS_ARRAYS)} select 'x' as a, 2 as b union all select 'y', 3`.execute(
        ctx.db,
      );
    expect(rowsAsArrays(marked.rows, ['a', 'b'])).toEqual([
      ['x', 2],
      ['y', 3],
    ]);
    // SQLite itself answers with arrays; an unmarked query still gets objects.
    if (dialect === 'sqlite') expect(marked.rows[0]).toEqual(['x', 2]);
    const plain = await sql<unknown>`select 'x' as a, 2 as b`.execute(ctx.db);
    expect(plain.rows).toEqual([{ a: 'x', b: 2 }]);
  });
});
