import { verifyAuditChain } from '@xiaoneng/server';
import { Command } from 'commander';
import { EXIT } from '../cli-error.js';
import type { Context } from '../context.js';
import { toPlainJson } from '../io/result-json.js';
import { t } from '../localised.js';
import { databaseTarget, describeTarget, withDatabase } from './db.js';

/** `xn audit verify`: walks every province's audit chain; exit 1 naming the first broken entry. */
export function auditCommand(ctx: Context): Command {
  const audit = new Command('audit').description(ctx.m(t('审计日志', 'the audit log')));
  audit
    .command('verify')
    .description(
      ctx.m(
        t(
          '逐条校验审计日志的哈希链，报告第一处断裂',
          'walk the hash-chained audit log and name the first broken entry',
        ),
      ),
    )
    .option(
      '--database <url>',
      ctx.m(t('数据库：postgres:// 网址或 SQLite 文件', 'database: a postgres:// URL or a SQLite file')),
    )
    .option('--province <code>', ctx.m(t('只校验这个省份的链', "verify only this province's chain")))
    .option('--json', ctx.m(t('以 JSON 输出结果', 'print the result as JSON')))
    .action(async (opts: { database?: string; province?: string; json?: boolean }) => {
      const target = databaseTarget(ctx, opts.database);
      ctx.say(t(`数据库：${describeTarget(target)}`, `Database: ${describeTarget(target)}`));
      ctx.exitCode = await withDatabase(ctx, target, { mustExist: true }, async (db) => {
        const report = await verifyAuditChain(
          db,
          opts.province === undefined ? {} : { province: opts.province },
        );
        if (opts.json) {
          ctx.out(toPlainJson(report));
        } else {
          for (const c of report.chains) {
            const state = c.break === undefined ? t('完好', 'intact') : t('断裂', 'BROKEN');
            const entries = ctx.m(t(`${c.entries} 条`, `${c.entries} entries`));
            ctx.out(
              `${c.province}  ${ctx.m(state)}  ${entries}  ${ctx.m(t('链头', 'head'))} #${c.headSeq} ${c.headHash}`,
            );
          }
        }
        if (report.firstBreak !== undefined) {
          ctx.say(report.firstBreak.message);
          return EXIT.failed;
        }
        if (opts.province !== undefined && report.chains.length === 0) {
          ctx.say(t(`没有省份 ${opts.province}`, `There is no province ${opts.province}`));
          return EXIT.usage;
        }
        ctx.say(
          t(`${report.chains.length} 条审计链全部完好`, `All ${report.chains.length} audit chain(s) intact`),
        );
        return EXIT.ok;
      });
    });
  return audit;
}
