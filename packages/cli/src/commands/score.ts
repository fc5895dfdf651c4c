import { Command } from 'commander';
import type { Context } from '../context.js';
import { checkResultPath, writeResult } from '../io/write-result.js';
import { t } from '../localised.js';
import { elapsed, progressBars } from '../progress.js';
import {
  emptyValuesNote,
  gradeSummary,
  type InputOptions,
  inputOptions,
  readAndScore,
} from './input-options.js';

interface ScoreOptions extends InputOptions {
  out: string;
  bom?: boolean;
}

/** `xn score`: reads plan, units and values, scores one period and writes the result by file extension. */
export function scoreCommand(ctx: Context): Command {
  const cmd = new Command('score').description(
    ctx.m(
      t(
        '评分并输出结果（.csv、.json 或 .xlsx）',
        'score a period and write the result (.csv, .json or .xlsx)',
      ),
    ),
  );
  return inputOptions(ctx, cmd)
    .requiredOption(
      '--out <file>',
      ctx.m(
        t('结果文件，按扩展名输出 .csv、.json 或 .xlsx', 'result file; .csv, .json or .xlsx by extension'),
      ),
    )
    .option(
      '--bom',
      ctx.m(
        t(
          'CSV 前加 UTF-8 BOM（便于 Excel 直接打开中文）',
          'start the CSV with a UTF-8 BOM (for Excel and Chinese text)',
        ),
      ),
    )
    .action(async (opts: ScoreOptions) => {
      const start = performance.now();
      checkResultPath(opts.out);
      const { inputs, result, readTime, scoreTime } = await readAndScore(ctx, opts);
      emptyValuesNote(ctx, inputs);
      const writeStart = performance.now();
      await writeResult(opts.out, result, {
        locale: ctx.locale,
        bom: opts.bom === true,
        bars: await progressBars(ctx),
      });
      const writeTime = elapsed(writeStart);
      const n = result.units.length;
      ctx.say(
        t(
          `已评分 ${n} 个单位（${inputs.valueRows} 行数据），用时 ${elapsed(start)}（读取 ${readTime}，评分 ${scoreTime}，写出 ${writeTime}）`,
          `Scored ${n} units (${inputs.valueRows} value rows) in ${elapsed(start)} (read ${readTime}, score ${scoreTime}, write ${writeTime})`,
        ),
      );
      ctx.say(`${ctx.m(t('等次：', 'Grades: '))}${gradeSummary(ctx, result)}`);
      ctx.say(t(`结果已写入 ${opts.out}`, `Result written to ${opts.out}`));
    });
}
