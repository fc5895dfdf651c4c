import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { type SensitivityResult, sensitivityParallel } from '@xiaoneng/engine';
import { Command, InvalidArgumentError } from 'commander';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { loadInputs } from '../io/load-inputs.js';
import { toPlainJson } from '../io/result-json.js';
import { writeFileAtomic } from '../io/write-atomic.js';
import { t } from '../localised.js';
import { elapsed, progressBars } from '../progress.js';
import { type InputOptions, inputOptions } from './input-options.js';

interface SensitivityCliOptions extends InputOptions {
  draws: number;
  seed: number;
  weightNoise?: number;
  threads?: number;
  out?: string;
}

function integer(ctx: Context, min: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(ctx.m(t(`应为不小于 ${min} 的整数`, `must be an integer ≥ ${min}`)));
    return n;
  };
}

function fraction(ctx: Context) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n >= 1)
      throw new InvalidArgumentError(
        ctx.m(t('应为 0 到 1 之间的数（不含 1）', 'must be a number in [0, 1)')),
      );
    return n;
  };
}

export function sensitivityCsv(r: SensitivityResult): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['unit,name,class,rank,median,p05,p95,gradeStability,unstable'];
  for (const u of r.units)
    lines.push(
      [
        field(u.code),
        field(u.name),
        field(u.class),
        u.rank,
        u.median,
        u.p05,
        u.p95,
        u.gradeStability,
        u.unstable ? 1 : 0,
      ].join(','),
    );
  return `${lines.join('\n')}\n`;
}

/** `xn sensitivity`: seeded Monte Carlo over weights, normalisations and missing-value policies. */
export function sensitivityCommand(ctx: Context): Command {
  const cmd = new Command('sensitivity').description(
    ctx.m(
      t(
        '敏感性分析：随机扰动权重、标准化方法和缺失值处理，给出每个单位的排名区间和等次稳定性',
        'sensitivity analysis: perturb weights, normalisation and missing-value policy; rank interval and grade stability per unit',
      ),
    ),
  );
  return inputOptions(ctx, cmd)
    .option(
      '--draws <n>',
      ctx.m(t('抽样次数（默认 200）', 'number of draws (default 200)')),
      integer(ctx, 1),
      200,
    )
    .option('--seed <n>', ctx.m(t('随机种子（默认 1）', 'random seed (default 1)')), integer(ctx, 0), 1)
    .option(
      '--weight-noise <x>',
      ctx.m(t('权重相对扰动幅度（默认 0.2，即 ±20%）', 'relative weight noise (default 0.2 = ±20%)')),
      fraction(ctx),
    )
    .option(
      '--threads <n>',
      ctx.m(
        t(
          '线程数（默认为 CPU 核数；结果与线程数无关）',
          'threads (default: CPU count; the result does not depend on it)',
        ),
      ),
      integer(ctx, 1),
    )
    .option(
      '--out <file>',
      ctx.m(t('把完整结果写入 .csv 或 .json', 'write the full result to .csv or .json')),
    )
    .action(async (opts: SensitivityCliOptions) => {
      if (opts.out !== undefined && !['.csv', '.json'].includes(extname(opts.out).toLowerCase()))
        throw new CliError(
          'usage',
          t(
            `输出文件 ${opts.out} 的扩展名应为 .csv 或 .json`,
            `The output ${opts.out} must end in .csv or .json`,
          ),
        );
      const start = performance.now();
      const inputs = await loadInputs(ctx, opts);
      const bars = await progressBars(ctx);
      const bar = bars(ctx.m(t('抽样', 'Draws')), opts.draws);
      const options = {
        draws: opts.draws,
        seed: opts.seed,
        ...(opts.weightNoise !== undefined ? { weightNoise: opts.weightNoise } : {}),
      };
      let result: SensitivityResult;
      try {
        result = await sensitivityParallel(
          inputs.plan,
          inputs.units,
          inputs.values,
          { period: opts.period },
          options,
          {
            threads: opts.threads ?? Math.min(availableParallelism(), 8),
            onProgress: (done) => bar.update(done),
          },
        );
      } finally {
        bar.stop();
      }
      if (opts.out !== undefined) {
        const text =
          extname(opts.out).toLowerCase() === '.json' ? `${toPlainJson(result)}\n` : sensitivityCsv(result);
        await writeFileAtomic(opts.out, text);
      }
      const unstable = result.units
        .filter((u) => u.unstable)
        .sort((a, b) => a.gradeStability - b.gradeStability);
      ctx.out(
        ctx.m(
          t(
            `${result.draws} 次抽样（种子 ${result.seed}，权重扰动 ±${Math.round(result.weightNoise * 100)}%）：${result.units.length} 个单位中 ${result.unstableCount} 个等次不稳定`,
            `${result.draws} draws (seed ${result.seed}, weight noise ±${Math.round(result.weightNoise * 100)}%): ${result.unstableCount} of ${result.units.length} units have an unstable grade`,
          ),
        ),
      );
      for (const u of unstable.slice(0, 20))
        ctx.out(
          ctx.m(
            t(
              `  ${u.code} ${u.name}：排名 ${u.rank}，90% 区间 ${u.p05}–${u.p95}，等次保持 ${(u.gradeStability * 100).toFixed(0)}%`,
              `  ${u.code} ${u.name}: rank ${u.rank}, 90% interval ${u.p05}–${u.p95}, grade kept in ${(u.gradeStability * 100).toFixed(0)}%`,
            ),
          ),
        );
      if (unstable.length > 20)
        ctx.out(ctx.m(t(`  ……另有 ${unstable.length - 20} 个`, `  …and ${unstable.length - 20} more`)));
      ctx.say(t(`用时 ${elapsed(start)}`, `Took ${elapsed(start)}`));
      if (opts.out !== undefined) ctx.say(t(`结果已写入 ${opts.out}`, `Result written to ${opts.out}`));
    });
}
