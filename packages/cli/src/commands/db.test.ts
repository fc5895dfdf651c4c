import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '@xiaoneng/server';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Context } from '../context.js';
import { dbCommand, describeTarget } from './db.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xn-db-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `xn db …` in-process on a captured context, in English. */
async function xnDb(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const ctx = new Context(
    {
      stdout: (s) => {
        stdout += s;
      },
      stderr: (s) => {
        stderr += s;
      },
      env: { DATABASE_URL: join(dir, 'env.db') },
    },
    'en',
  );
  await dbCommand(ctx).exitOverride().parseAsync(args, { from: 'user' });
  return { code: ctx.exitCode, stdout, stderr };
}

describe('xn db', () => {
  it('migrates a new SQLite file step by step, then has nothing to do', async () => {
    const file = join(dir, 'nested', 'x.db');
    const first = await xnDb('migrate', '--database', file);
    expect(first).toEqual({
      code: 0,
      stdout: '✓ 2026-11-23T00-00-00_initial up applied\n',
      stderr: `Database: ${file}\nThe database is up to date (1 step(s))\n`,
    });
    const again = await xnDb('migrate', '--database', file);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/already up to date/);

    const status = await xnDb('status', '--database', file);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z {2}2026-11-23T00-00-00_initial\n$/);
    expect(status.stderr).toMatch(/All 1 migration\(s\) applied/);
  });

  it('uses DATABASE_URL when no --database is given, and reports pending migrations', async () => {
    const file = join(dir, 'env.db');
    const db = createDatabase(file);
    await sql`select 1`.execute(db);
    await db.destroy();
    const status = await xnDb('status');
    expect(status).toEqual({
      code: 0,
      stdout: 'pending  2026-11-23T00-00-00_initial\n',
      stderr: `Database: ${file}\n1 migration(s) pending: run xn db migrate\n`,
    });
  });

  it('exits 1 with the reason when a migration fails, and 2 for a file that does not exist', async () => {
    const file = join(dir, 'blocked.db');
    const db = createDatabase(file);
    await sql`create table unit (x integer)`.execute(db);
    await db.destroy();
    const r = await xnDb('migrate', '--database', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('✗ 2026-11-23T00-00-00_initial up failed\n');
    expect(r.stderr).toMatch(
      /Migration failed; the database is as it was before: table "?unit"? already exists/,
    );

    const missing = await xnDb('status', '--database', join(dir, 'nope.db'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/The database file .*nope\.db does not exist/);
  });

  it('masks the password of a PostgreSQL URL in its logs', () => {
    expect(describeTarget('postgres://xn:s3cret@db.example:5432/xn')).toBe(
      'postgres://xn:***@db.example:5432/xn',
    );
    expect(describeTarget('postgresql://xn@db/xn')).toBe('postgresql://xn@db/xn');
    expect(describeTarget('./data/xiaoneng.db')).toBe('./data/xiaoneng.db');
  });
});
