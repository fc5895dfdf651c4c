import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type DialectAdapter,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
} from 'kysely';
import pg from 'pg';
import type { ApiTokenTable } from './tables/api-token.table.js';
import type { AppealTable } from './tables/appeal.table.js';
import type { AuditEntryTable } from './tables/audit-entry.table.js';
import type { AuditQueueTable } from './tables/audit-queue.table.js';
import type { DataValueTable } from './tables/data-value.table.js';
import type { EvidenceTable } from './tables/evidence.table.js';
import type { PeriodTable } from './tables/period.table.js';
import type { PlanTable } from './tables/plan.table.js';
import type { PlanVersionTable } from './tables/plan-version.table.js';
import type { ProvinceTable } from './tables/province.table.js';
import type { ResultSnapshotTable } from './tables/result-snapshot.table.js';
import type { ResultUnitTable } from './tables/result-unit.table.js';
import type { SecurityPolicyTable } from './tables/security-policy.table.js';
import type { SessionTable } from './tables/session.table.js';
import type { SubmissionTable } from './tables/submission.table.js';
import type { UnitTable } from './tables/unit.table.js';
import type { UnitClassTable } from './tables/unit-class.table.js';
import type { UserAccountTable } from './tables/user-account.table.js';
import type { WorkCalendarDayTable } from './tables/work-calendar-day.table.js';

/** Every table the application reads and writes, by its snake_case name. */
export interface Database {
  province: ProvinceTable;
  unit_class: UnitClassTable;
  unit: UnitTable;
  plan: PlanTable;
  plan_version: PlanVersionTable;
  period: PeriodTable;
  data_value: DataValueTable;
  audit_entry: AuditEntryTable;
  audit_queue: AuditQueueTable;
  user_account: UserAccountTable;
  session: SessionTable;
  security_policy: SecurityPolicyTable;
  api_token: ApiTokenTable;
  submission: SubmissionTable;
  evidence: EvidenceTable;
  result_snapshot: ResultSnapshotTable;
  result_unit: ResultUnitTable;
  appeal: AppealTable;
  work_calendar_day: WorkCalendarDayTable;
}

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

/** Where the embedded database lives when neither an argument nor DATABASE_URL names one. */
export const DEFAULT_SQLITE_FILE = './data/xiaoneng.db';

export interface DatabaseOptions {
  /** PostgreSQL pool size; SQLite always has one connection. */
  poolSize?: number;
  /** Hears errors of idle PostgreSQL connections (default: a process warning); queries are not affected. */
  onIdleError?: (err: Error) => void;
}

function warnIdleError(err: Error): void {
  process.emitWarning(`an idle PostgreSQL connection was closed: ${err.message}`, 'DatabaseWarning');
}

/**
 * Opens the database named by `url` (default: the DATABASE_URL environment variable, then
 * `./data/xiaoneng.db`). `postgres://` and `postgresql://` URLs open a PostgreSQL pool; anything else is a
 * SQLite file path (its directories are created) or `:memory:`.
 */
export function createDatabase(
  url: string | undefined = process.env.DATABASE_URL,
  options: DatabaseOptions = {},
): Db {
  const target = url === undefined || url === '' ? DEFAULT_SQLITE_FILE : url;
  if (isPostgresUrl(target)) {
    const pool = new pg.Pool({ connectionString: target, max: options.poolSize ?? 10 });
    // An idle pooled connection can be cut by the server (restart, terminated backend, a dropped
    // database): pg then removes it and the next query opens a new one, but it also emits 'error' on the
    // pool, which crashes the process unless someone listens.
    pool.on('error', options.onIdleError ?? warnIdleError);
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  }
  return new Kysely<Database>({
    dialect: new TransactionalDdlSqliteDialect({ database: keepingStatements(openSqlite(target)) }),
  });
}

// SQLite does run DDL inside transactions, but Kysely's adapter says otherwise to be careful; saying so lets
// the migrator wrap each run in a transaction, so that a migration failing half way leaves nothing behind
// on SQLite as on PostgreSQL.
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(url);
}

function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const db = new SQLite(file);
  // WAL lets readers run beside the one writer; NORMAL sync is safe with WAL (a crash loses at most the last
  // commits, never consistency). Foreign keys are off by default in SQLite. The busy timeout makes a second
  // process (the CLI beside the server) wait for the write lock instead of failing at once.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Reads through a memory map instead of a read() call per page, and a 64 MiB page cache instead of
  // 2 MiB: a province's database is hundreds of MB, and a value save or a page of rankings touches pages
  // all over it. Virtual memory only; the kernel's page cache holds the file either way.
  db.pragma('mmap_size = 1073741824');
  db.pragma('cache_size = -65536');
  return db;
}

/**
 * Put first in a query's SQL to have SQLite return its rows as arrays of column values, in select order,
 * instead of one object per row: for reads of hundreds of thousands of rows (a scoring run). PostgreSQL
 * returns objects as ever; `rowsAsArrays` reads both.
 */
export const ROWS_AS_ARRAYS = '/* rows as arrays */';

/** The rows of a query marked with ROWS_AS_ARRAYS, as arrays on either dialect. */
export function rowsAsArrays(rows: readonly unknown[], columns: readonly string[]): unknown[][] {
  return rows.map((row) =>
    Array.isArray(row) ? row : columns.map((c) => (row as Record<string, unknown>)[c]),
  );
}

/** Prepared statements kept per connection; more distinct SQL texts than this are rare (IN lists). */
const STATEMENTS_KEPT = 500;

/**
 * The connection as Kysely's SQLite driver sees it, keeping each prepared statement by its SQL text
 * (least recently used dropped first). Kysely prepares every query anew, and preparing costs as much as
 * running a small query: a value save runs about ten of them. A statement still being iterated (a
 * streamed query) is busy and cannot run twice at once, so a fresh one is prepared for that case.
 */
export function keepingStatements(db: SQLite.Database, kept = STATEMENTS_KEPT): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      const found = statements.get(sql);
      if (found !== undefined && !found.busy) {
        statements.delete(sql);
        statements.set(sql, found);
        return found;
      }
      const stmt = db.prepare(sql);
      if (sql.startsWith(ROWS_AS_ARRAYS)) stmt.raw(true);
      statements.delete(sql);
      statements.set(sql, stmt);
      if (statements.size > kept) statements.delete(statements.keys().next().value as string);
      return stmt;
    },
  };
}

/**
 * Put first in a query's SQL to have PostgreSQL keep the statement prepared on each connection: parsed and
 * planned once (after its first few runs, a generic plan), then only bound and run. Planning the two
 * statements of a value save took as long as running them. Only for texts that do not vary (parameters,
 * arrays for lists); SQLite keeps every statement prepared anyway (keepingStatements).
 */
export const PREPARED = '/* prepared */';

/** Distinct texts kept prepared per pool: the hot paths' few; a text beyond them runs unprepared. */
const PREPARED_KEPT = 64;

/**
 * The pool as Kysely's PostgreSQL driver sees it, running texts marked PREPARED as named statements (node-
 * postgres prepares a name once per connection). One wrapper per pooled client, since the driver keeps its
 * connection object per client.
 */
function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= PREPARED_KEPT) return known;
    const name = `xn_${names.size + 1}`;
    names.set(text, name);
    return name;
  };
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    // biome-ignore lint/suspicious/noExplicitAny: forwards both of the driver's overloads unchanged.
    query: ((textOrCursor: any, parameters?: readonly unknown[]): unknown => {
      const name =
        typeof textOrCursor === 'string' && textOrCursor.startsWith(PREPARED)
          ? nameOf(textOrCursor)
          : undefined;
      return name === undefined
        ? client.query(textOrCursor, parameters as unknown[])
        : client.query({ name, text: textOrCursor, values: parameters as unknown[] });
    }) as PostgresPoolClient['query'],
    release: () => client.release(),
  });
  return {
    async connect() {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (wrapped === undefined) {
        wrapped = wrap(client);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}

/** Which SQL dialect `db` (or a transaction of it) speaks; for the few places where SQL differs. */
// biome-ignore lint/suspicious/noExplicitAny: works on any schema, as the migrations that call it do.
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
