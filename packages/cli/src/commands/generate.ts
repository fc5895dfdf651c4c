import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { GenerateOptionsError, generateProvince, writeProvince } from '../generate/index.js';
import { t } from '../localised.js';
import { elapsed } from '../progress.js';

interface GenerateCliOptions {
  units: number;
  indicators: number;
  periods: number;
  seed: number;
  lastYear?: number;
  out: string;
}

/** Commander parser for whole numbers; the generator checks the ranges and says which option is wrong. */
export function wholeNumber(ctx: Context) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isSafeInteger(n))
      throw new InvalidArgumentError(ctx.m(t(`“${v}”不是整数`, `"${v}" is not a whole number`)));
    return n;
  };
}

/** `xn generate`: a synthetic province (plan.json, units.csv, values.csv, README.txt) for demos and benchmarks. */
export function generateCommand(ctx: Context): Command {
  const int = wholeNumber(ctx);
  return new Command('generate')
    .description(
      ctx.m(
        t(
          '生成模拟省份数据（方案、考核对象、数据），用于演示和性能测试；同一种子结果完全相同',
          'generate a synthetic province (plan, units, values) for demos and benchmarks; the same seed gives the same files',
        ),
      ),
    )
    .requiredOption('--units <n>', ctx.m(t('考核单位数', 'number of assessed units')), int)
    .requiredOption('--indicators <n>', ctx.m(t('末级指标数', 'number of leaf indicators')), int)
    .option('--periods <n>', ctx.m(t('考核年度数（默认 1）', 'number of assessed years (default 1)')), int, 1)
    .option('--seed <n>', ctx.m(t('随机种子（默认 1）', 'random seed (default 1)')), int, 1)
    .option(
      '--last-year <year>',
      ctx.m(t('最后一个考核年度（默认 2026）', 'last assessed year (default 2026)')),
      int,
    )
    .requiredOption('--out <dir>', ctx.m(t('输出目录', 'output directory')))
    .action(async (opts: GenerateCliOptions) => {
      const start = performance.now();
      let province: ReturnType<typeof generateProvince>;
      try {
        province = generateProvince({
          units: opts.units,
          indicators: opts.indicators,
          periods: opts.periods,
          seed: opts.seed,
          ...(opts.lastYear !== undefined ? { lastYear: opts.lastYear } : {}),
        });
      } catch (err) {
        if (err instanceof GenerateOptionsError)
          throw new CliError(
            'usage',
            t('生成参数有误：', 'Bad generator options:'),
            err.issues.map((i) => i.message),
          );
        throw err;
      }
      const dir = resolve(opts.out);
      const { files, valueRows } = await writeProvince(dir, province);
      ctx.say(
        t(
          `已生成 ${province.units.length} 个单位、${province.stats.leaves} 个指标、${valueRows} 行数据（周期 ${province.periods.join('、')}），用时 ${elapsed(start)}：`,
          `Generated ${province.units.length} units, ${province.stats.leaves} indicators, ${valueRows} value rows (periods ${province.periods.join(', ')}) in ${elapsed(start)}:`,
        ),
      );
      for (const f of files) ctx.say(`  ${f}`);
    });
}
