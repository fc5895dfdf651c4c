import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDatabase, type Db, type DialectName } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';

/** Every storage suite runs once per dialect. */
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  dialect: DialectName;
  /** What `createDatabase` was given: a SQLite file path or a PostgreSQL URL. */
  url: string;
  db: Db;
  /** Closes the connection and removes the database. */
  destroy(): Promise<void>;
}

let counter = 0;

/** A new, empty database of `dialect`, migrated to the latest schema unless `migrate` is false. */
export async function createTestDatabase(
  dialect: DialectName,
  { migrate = true } = {},
): Promise<TestDatabase> {
  const made = dialect === 'sqlite' ? sqliteDatabase() : await postgresDatabase();
  if (migrate) {
    const report = await migrateToLatest(made.db);
    if (report.error !== undefined) {
      await made.destroy();
      throw report.error;
    }
  }
  return made;
}

/**
 * One migrated database for the suite that calls it, made before its first test and removed after its last.
 * Tests share it and keep out of each other's way by using their own province (the tenant key).
 */
export function useTestDatabase(dialect: DialectName): { readonly db: Db; readonly url: string } {
  let made: TestDatabase | undefined;
  beforeAll(async () => {
    made = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await made?.destroy();
  });
  return {
    get db(): Db {
      if (made === undefined) throw new Error('the test database is made in beforeAll: use it inside a test');
      return made.db;
    },
    get url(): string {
      if (made === undefined) throw new Error('the test database is made in beforeAll: use it inside a test');
      return made.url;
    },
  };
}

function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'xn-sqlite-'));
  const url = join(dir, 'test.db');
  const db = createDatabase(url);
  return {
    dialect: 'sqlite',
    url,
    db,
    destroy: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) {
    throw new Error(
      'no PostgreSQL test cluster: run the server tests through the root vitest.config.ts, whose global setup starts one',
    );
  }
  const name = `xn_test_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = adminUrl.replace('/postgres?', `/${name}?`);
  const db = createDatabase(url);
  return {
    dialect: 'postgres',
    url,
    db,
    destroy: async () => {
      await db.destroy();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
