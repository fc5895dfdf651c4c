import { validatePlan } from '@xiaoneng/engine';
import { Command } from 'commander';
import { EXIT } from '../cli-error.js';
import type { Context } from '../context.js';
import { formatIssue } from '../format-issue.js';
import { readJsonFile } from '../io/read-json.js';
import { toPlainJson } from '../io/result-json.js';
import { t } from '../localised.js';

/** `xn validate --plan P`: every issue with its path; exit 1 on errors, 0 when only warnings. */
export function validateCommand(ctx: Context): Command {
  return new Command('validate')
    .description(
      ctx.m(t('校验考核方案，列出全部错误和警告', 'check a plan and list every error and warning')),
    )
    .requiredOption('--plan <file>', ctx.m(t('方案文件（JSON）', 'plan file (JSON)')))
    .option('--json', ctx.m(t('以 JSON 输出结果', 'print the result as JSON')))
    .action(async (opts: { plan: string; json?: boolean }) => {
      const result = validatePlan(await readJsonFile(opts.plan));
      const errors = result.issues.filter((i) => i.severity === 'error').length;
      const warnings = result.issues.length - errors;
      if (opts.json) {
        ctx.out(toPlainJson({ ok: result.ok, errors, warnings, issues: result.issues }));
      } else {
        for (const issue of result.issues) ctx.out(ctx.m(formatIssue(issue)));
        ctx.out(
          ctx.m(
            errors > 0
              ? t(
                  `方案 ${opts.plan} 无效：${errors} 个错误，${warnings} 个警告`,
                  `The plan ${opts.plan} is invalid: ${errors} error(s), ${warnings} warning(s)`,
                )
              : t(
                  `方案 ${opts.plan} 有效${warnings > 0 ? `（${warnings} 个警告）` : ''}`,
                  `The plan ${opts.plan} is valid${warnings > 0 ? ` (${warnings} warning(s))` : ''}`,
                ),
          ),
        );
      }
      ctx.exitCode = errors > 0 ? EXIT.failed : EXIT.ok;
    });
}
