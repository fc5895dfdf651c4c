import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS } from '../test/test-context.js';
import { MIGRATIONS } from './migrations.js';
import { migrateToLatest, migrationStatus } from './migrator.js';

const INITIAL = '2026-11-23T00-00-00_initial';
const ACCOUNTS = '2026-11-23T12-00-00_accounts';
const SUBMISSIONS = '2026-11-23T14-30-00_submissions';
const RESULTS = '2026-11-23T15-00-00_results';
const AUDIT_QUEUE = '2026-11-23T16-30-00_audit_queue';
const WORK_CALENDAR = '2026-11-23T17-00-00_work_calendar';
const VALUE_SCORING_INDEX = '2026-11-23T17-30-00_value_scoring_index';
const NAMES = [INITIAL, ACCOUNTS, SUBMISSIONS, RESULTS, AUDIT_QUEUE, WORK_CALENDAR, VALUE_SCORING_INDEX];
const TABLES = [
  'api_token',
  'appeal',
  'audit_entry',
  'audit_queue',
  'data_value',
  'evidence',
  'period',
  'plan',
  'plan_version',
  'province',
  'result_snapshot',
  'result_unit',
  'security_policy',
  'session',
  'submission',
  'unit',
  'unit_class',
  'user_account',
  'work_calendar_day',
];

describe('migration list', () => {
  it('names every file of the migrations directory, and nothing else', () => {
    const files = readdirSync(new URL('./migrations/', import.meta.url))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.slice(0, -'.ts'.length));
    expect(Object.keys(MIGRATIONS)).toEqual(files.sort());
  });

  it('uses frozen, timestamp-first names', () => {
    for (const name of Object.keys(MIGRATIONS))
      expect(name).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d_[a-z0-9_]+$/);
  });
});

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  it('apply to an empty database, report each step, and then have nothing left to do', async () => {
    const t = await createTestDatabase(dialect, { migrate: false });
    try {
      expect(await migrationStatus(t.db)).toEqual(NAMES.map((name) => ({ name })));

      const first = await migrateToLatest(t.db);
      expect(first).toEqual({
        steps: NAMES.map((name) => ({ name, direction: 'Up', status: 'Success' })),
      });

      const status = await migrationStatus(t.db);
      expect(status.map((s) => s.name)).toEqual(NAMES);
      for (const s of status) expect(s.executedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      expect(await migrateToLatest(t.db)).toEqual({ steps: [] });
      const tables = (await t.db.introspection.getTables()).map((x) => x.name).sort();
      expect(tables).toEqual(TABLES);
    } finally {
      await t.destroy();
    }
  });

  it('report a failing migration and leave nothing of it behind', async () => {
    const t = await createTestDatabase(dialect, { migrate: false });
    try {
      // A table in the way of the last CREATE TABLE of the initial migration: it fails after seven tables.
      await sql`create table audit_entry (x integer)`.execute(t.db);
      const report = await migrateToLatest(t.db);
      expect(report.steps).toEqual([
        { name: INITIAL, direction: 'Up', status: 'Error' },
        { name: ACCOUNTS, direction: 'Up', status: 'NotExecuted' },
        { name: SUBMISSIONS, direction: 'Up', status: 'NotExecuted' },
        { name: RESULTS, direction: 'Up', status: 'NotExecuted' },
        { name: AUDIT_QUEUE, direction: 'Up', status: 'NotExecuted' },
        { name: WORK_CALENDAR, direction: 'Up', status: 'NotExecuted' },
        { name: VALUE_SCORING_INDEX, direction: 'Up', status: 'NotExecuted' },
      ]);
      expect(report.error?.message).toMatch(/audit_entry.*already exists/);
      const tables = (await t.db.introspection.getTables()).map((x) => x.name);
      expect(tables).toEqual(['audit_entry']);
      expect(await migrationStatus(t.db)).toEqual(NAMES.map((name) => ({ name })));
    } finally {
      await t.destroy();
    }
  });

  it('migrate down to empty and up again', async () => {
    const t = await createTestDatabase(dialect);
    try {
      const newestFirst = [...NAMES].reverse().map((name) => MIGRATIONS[name]!);
      for (const m of newestFirst) await t.db.transaction().execute(async (trx) => m.down!(trx));
      expect(await t.db.introspection.getTables()).toEqual([]);
      for (const m of [...newestFirst].reverse()) await t.db.transaction().execute(async (trx) => m.up(trx));
      expect((await t.db.introspection.getTables()).map((x) => x.name).sort()).toEqual(TABLES);
    } finally {
      await t.destroy();
    }
  });
});
