import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, migrationStatus } from '@xiaoneng/server';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Context } from '../context.js';
import { dbCommand, describeTarget } from './db.js';

let dir: string;
/** The server's migrations by name, in order (the list grows as the schema does). */
let names: string[];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xn-db-cli-'));
  const db = createDatabase(join(dir, 'names.db'));
  names = (await migrationStatus(db)).map((m) => m.name);
  await db.destroy();
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
    expect(names[0]).toBe('2026-11-23T00-00-00_initial');
    expect(first).toEqual({
      code: 0,
      stdout: names.map((n) => `✓ ${n} up applied\n`).join(''),
      stderr: `Database: ${file}\nThe database is up to date (${names.length} step(s))\n`,
    });
    const again = await xnDb('migrate', '--database', file);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/already up to date/);

    const status = await xnDb('status', '--database', file);
    expect(status.code).toBe(0);
    const lines = status.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z {2}/, ''))).toEqual(names);
    expect(status.stderr).toMatch(new RegExp(`All ${names.length} migration\\(s\\) applied`));
  });

  it('uses DATABASE_URL when no --database is given, and reports pending migrations', async () => {
    const file = join(dir, 'env.db');
    const db = createDatabase(file);
    await sql`select 1`.execute(db);
    await db.destroy();
    const status = await xnDb('status');
    expect(status).toEqual({
      code: 0,
      stdout: names.map((n) => `pending  ${n}\n`).join(''),
      stderr: `Database: ${file}\n${names.length} migration(s) pending: run xn db migrate\n`,
    });
  });

  it('exits 1 with the reason when a migration fails, and 2 for a file that does not exist', async () => {
    const file = join(dir, 'blocked.db');
    const db = createDatabase(file);
    await sql`create table unit (x integer)`.execute(db);
    await db.destroy();
    const r = await xnDb('migrate', '--database', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        `✗ ${names[0]} up failed\n`,
        ...names.slice(1).map((n) => `- ${n} up not run (an earlier step failed)\n`),
      ].join(''),
    );
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
