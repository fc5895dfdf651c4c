import { GRADES, gradeName, type ResultSet, score } from '@xiaoneng/engine';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { type Inputs, loadInputs } from '../io/load-inputs.js';
import { t } from '../localised.js';
import { elapsed } from '../progress.js';

export interface InputOptions {
  plan: string;
  units: string;
  values: string;
  period: string;
  encoding?: string;
}

/** The options every command that scores takes. */
export function inputOptions(ctx: Context, cmd: Command): Command {
  return cmd
    .requiredOption('--plan <file>', ctx.m(t('方案文件（JSON）', 'plan file (JSON)')))
    .requiredOption('--units <file>', ctx.m(t('考核对象文件（CSV 或 .xlsx）', 'units file (CSV or .xlsx)')))
    .requiredOption('--values <file>', ctx.m(t('数据文件（CSV 或 .xlsx）', 'values file (CSV or .xlsx)')))
    .requiredOption(
      '--period <code>',
      ctx.m(
        t(
          '考核周期，如 2026、2026H1、2026Q1、2026M03',
          'period to score, e.g. 2026, 2026H1, 2026Q1, 2026M03',
        ),
      ),
    )
    .option(
      '--encoding <name>',
      ctx.m(
        t(
          'CSV 编码：auto（默认，自动识别 UTF-8/GBK）、utf8、gb18030、gbk、utf16le',
          'CSV encoding: auto (default: detects UTF-8/GBK), utf8, gb18030, gbk, utf16le',
        ),
      ),
    );
}

export interface Scored {
  inputs: Inputs;
  result: ResultSet;
  readTime: string;
  scoreTime: string;
}

/** Reads the inputs and scores them, timing both. */
export async function readAndScore(ctx: Context, opts: InputOptions): Promise<Scored> {
  const start = performance.now();
  const inputs = await loadInputs(ctx, opts);
  const readTime = elapsed(start);
  const scoreStart = performance.now();
  const result = score(inputs.plan, inputs.units, inputs.values, { period: opts.period });
  return { inputs, result, readTime, scoreTime: elapsed(scoreStart) };
}

/** "A 30 · B 120 …" in the user's language. */
export function gradeSummary(ctx: Context, rs: ResultSet, units?: readonly number[]): string {
  const counts = GRADES.map(() => 0);
  for (const u of units ?? rs.units.map((_, i) => i)) counts[rs.grade[u]!]!++;
  return GRADES.map((g, i) => `${g} ${gradeName(g, ctx.locale)} ${counts[i]}`).join(' · ');
}

export function emptyValuesNote(ctx: Context, inputs: Inputs): void {
  if (inputs.emptyValues > 0)
    ctx.say(
      t(
        `注意：数据文件中有 ${inputs.emptyValues} 行数值为空，按“无数据”处理`,
        `Note: ${inputs.emptyValues} row(s) of the values file have an empty value and count as no value`,
      ),
    );
}
