import type { AppConfig } from '../app/app-config.js';
import { configFromEnv } from '../app/config-from-env.js';
import { DOCS_PREFIX } from '../app/route-registry.js';
import { type RunningServer, startServer } from '../app/start-server.js';
import { createDatabase, type Db, dialectOf } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import {
  DEMO_PASSWORD,
  DEMO_USERNAMES,
  type DemoLogin,
  type DemoProvince,
  type SeedResult,
  seedDemo,
} from './seed-demo.js';

export interface ServeDemoOptions {
  /** Default: the PORT environment variable, then 3000. 0 picks a free port. */
  port?: number;
  /** Default: the HOST environment variable, then 127.0.0.1 (not reachable from other machines). */
  host?: string;
  /** Default: DATABASE_URL, then ./data/xiaoneng.db. */
  databaseUrl?: string;
  /** Called only when the database holds no province yet: the demo to seed. */
  demo?: () => DemoProvince | Promise<DemoProvince>;
  /** Default: from the environment (configFromEnv). */
  config?: AppConfig;
  /** Where start-up lines go; default stdout. */
  log?: (line: string) => void;
}

export interface RunningDemo extends RunningServer {
  /** Set when this start seeded the demo. */
  seeded: SeedResult | undefined;
}

/**
 * `npm start`: creates and migrates the database, seeds the demo into it when it holds no province yet,
 * then serves it and prints the address, the API documentation and the demo sign-ins.
 */
export async function serveDemo(options: ServeDemoOptions = {}): Promise<RunningDemo> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const envPort = process.env.PORT;
  const port = options.port ?? (envPort === undefined || envPort === '' ? 3000 : Number(envPort));
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a whole number from 0 to 65535; got ${String(envPort)}`);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';

  const config = options.config ?? configFromEnv();
  let seeded: SeedResult | undefined;
  let logins: DemoLogin[];
  // Seeded on a connection of its own, closed before serving: startServer opens its own.
  const db = createDatabase(options.databaseUrl);
  try {
    const report = await migrateToLatest(db);
    if (report.error !== undefined) throw report.error;
    const applied = report.steps.filter((s) => s.status === 'Success').length;
    if (applied > 0) log(`数据库已迁移 / database migrated: ${applied} step(s), ${dialectOf(db)}`);
    const any = await db.selectFrom('province').select('code').limit(1).executeTakeFirst();
    if (any === undefined && options.demo !== undefined) {
      log('空数据库：正在生成演示省份 / empty database: seeding the demo province …');
      const started = performance.now();
      const hashing = config.passwordHashing;
      seeded = await seedDemo(db, await options.demo(), {
        log: (l) => log(`  ${l}`),
        ...(hashing === undefined ? {} : { passwordHashing: hashing }),
      });
      log(`  ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    logins = seeded?.logins ?? (await existingDemoLogins(db));
  } finally {
    await db.destroy();
  }

  const server = await startServer({
    port,
    host,
    config,
    ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
  });
  log(`效能 xiaoneng: ${server.url}`);
  log(`API 文档 / API docs: ${server.url}${DOCS_PREFIX}`);
  if (seeded !== undefined)
    log(
      `公示中的评分结果 / published ranking: ${server.url}/api/public/results/${seeded.snapshotId}/rankings`,
    );
  if (logins.length > 0) {
    log(`演示账户 / demo sign-ins, password ${DEMO_PASSWORD}:`);
    for (const l of logins)
      log(`  ${l.role.padEnd(10)} ${l.username}${l.unitCode === null ? '' : `  (unit ${l.unitCode})`}`);
  }
  return { ...server, seeded };
}

/** The demo accounts of an earlier start, so that a restart still says how to sign in. */
async function existingDemoLogins(db: Db): Promise<DemoLogin[]> {
  const rows = await db
    .selectFrom('user_account')
    .select(['username', 'roles', 'unit_code'])
    .where('username', 'in', DEMO_USERNAMES)
    .execute();
  return rows
    .map((r) => ({
      role: (JSON.parse(r.roles) as DemoLogin['role'][])[0] ?? 'viewer',
      username: r.username,
      password: DEMO_PASSWORD,
      unitCode: r.unit_code,
    }))
    .sort((a, b) => DEMO_USERNAMES.indexOf(a.username) - DEMO_USERNAMES.indexOf(b.username));
}
