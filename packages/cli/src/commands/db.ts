import { existsSync } from 'node:fs';
import {
  createDatabase,
  type Db,
  DEFAULT_SQLITE_FILE,
  isPostgresUrl,
  migrateToLatest,
  migrationStatus,
} from '@xiaoneng/server';
import { Command } from 'commander';
import { EXIT } from '../cli-error.js';
import type { Context } from '../context.js';
import { t } from '../localised.js';

/** `--database`, else DATABASE_URL, else the embedded default: the same rule as the server's. */
export function databaseTarget(ctx: Context, flag: string | undefined): string {
  return flag || ctx.io.env.DATABASE_URL || DEFAULT_SQLITE_FILE;
}

/** A URL fit for a log line: the password of a PostgreSQL URL is masked. */
export function describeTarget(target: string): string {
  return isPostgresUrl(target) ? target.replace(/^(\w+:\/\/[^:/@]*):[^@/]*@/, '$1:***@') : target;
}

/**
 * Opens the database for a command that only reads it. A SQLite file that does not exist is an error here,
 * not a new empty database: `status` or `verify` on a mistyped path must not create one.
 */
export async function withDatabase(
  ctx: Context,
  target: string,
  { mustExist }: { mustExist: boolean },
  use: (db: Db) => Promise<number>,
): Promise<number> {
  if (mustExist && !isPostgresUrl(target) && target !== ':memory:' && !existsSync(target)) {
    ctx.say(t(`数据库文件 ${target} 不存在`, `The database file ${target} does not exist`));
    return EXIT.usage;
  }
  const db = createDatabase(target);
  try {
    return await use(db);
  } catch (err) {
    // Connection refused, a missing table, a locked file: the database's own words say what is wrong.
    ctx.say(t(`数据库 ${describeTarget(target)} 出错：`, `Database ${describeTarget(target)} failed:`));
    ctx.say(`  ${err instanceof Error ? err.message : String(err)}`);
    return EXIT.failed;
  } finally {
    await db.destroy();
  }
}

const databaseOption = (ctx: Context) =>
  ctx.m(
    t(
      `数据库：postgres:// 网址或 SQLite 文件（默认取 DATABASE_URL，否则 ${DEFAULT_SQLITE_FILE}）`,
      `database: a postgres:// URL or a SQLite file (default: DATABASE_URL, else ${DEFAULT_SQLITE_FILE})`,
    ),
  );

/** `xn db migrate` and `xn db status`: the schema of the server's database. */
export function dbCommand(ctx: Context): Command {
  const db = new Command('db').description(ctx.m(t('数据库结构迁移', 'database schema migrations')));

  db.command('migrate')
    .description(
      ctx.m(t('把数据库迁移到最新结构，逐步报告', 'migrate the database to the latest schema, step by step')),
    )
    .option('--database <url>', databaseOption(ctx))
    .action(async (opts: { database?: string }) => {
      const target = databaseTarget(ctx, opts.database);
      ctx.say(t(`数据库：${describeTarget(target)}`, `Database: ${describeTarget(target)}`));
      ctx.exitCode = await withDatabase(ctx, target, { mustExist: false }, async (conn) => {
        const report = await migrateToLatest(conn);
        for (const step of report.steps) {
          const mark = step.status === 'Success' ? '✓' : step.status === 'Error' ? '✗' : '-';
          const what =
            step.status === 'Success'
              ? t('已执行', 'applied')
              : step.status === 'Error'
                ? t('失败', 'failed')
                : t('未执行（前一步失败）', 'not run (an earlier step failed)');
          ctx.out(`${mark} ${step.name} ${step.direction.toLowerCase()} ${ctx.m(what)}`);
        }
        if (report.error !== undefined) {
          ctx.say(
            t(
              `迁移失败，数据库保持迁移前的状态：${report.error.message}`,
              `Migration failed; the database is as it was before: ${report.error.message}`,
            ),
          );
          return EXIT.failed;
        }
        ctx.say(
          report.steps.length === 0
            ? t('数据库已是最新结构', 'The database is already up to date')
            : t(
                `数据库已迁移到最新结构（${report.steps.length} 步）`,
                `The database is up to date (${report.steps.length} step(s))`,
              ),
        );
        return EXIT.ok;
      });
    });

  db.command('status')
    .description(ctx.m(t('列出每个迁移及其执行时间', 'list every migration and when it ran')))
    .option('--database <url>', databaseOption(ctx))
    .action(async (opts: { database?: string }) => {
      const target = databaseTarget(ctx, opts.database);
      ctx.say(t(`数据库：${describeTarget(target)}`, `Database: ${describeTarget(target)}`));
      ctx.exitCode = await withDatabase(ctx, target, { mustExist: true }, async (conn) => {
        const states = await migrationStatus(conn);
        for (const s of states) {
          ctx.out(`${s.executedAt ?? ctx.m(t('待执行', 'pending'))}  ${s.name}`);
        }
        const pending = states.filter((s) => s.executedAt === undefined).length;
        ctx.say(
          pending === 0
            ? t(`全部 ${states.length} 个迁移已执行`, `All ${states.length} migration(s) applied`)
            : t(
                `${pending} 个迁移待执行：运行 xn db migrate`,
                `${pending} migration(s) pending: run xn db migrate`,
              ),
        );
        return EXIT.ok;
      });
    });
  return db;
}
