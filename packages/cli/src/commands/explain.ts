import { explain, renderExplanation } from '@xiaoneng/engine';
import { Command } from 'commander';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { toPlainJson } from '../io/result-json.js';
import { t } from '../localised.js';
import { type InputOptions, inputOptions, readAndScore } from './input-options.js';

interface ExplainOptions extends InputOptions {
  unit: string;
  json?: boolean;
}

/** `xn explain --unit CODE`: why a unit scored and ranked as it did, from data to grade. */
export function explainCommand(ctx: Context): Command {
  const cmd = new Command('explain').description(
    ctx.m(t('解释某个单位的得分、排名和等次', "explain a unit's score, rank and grade")),
  );
  return inputOptions(ctx, cmd)
    .requiredOption('--unit <code>', ctx.m(t('单位代码', 'unit code')))
    .option('--json', ctx.m(t('以 JSON 输出', 'print JSON')))
    .action(async (opts: ExplainOptions) => {
      const { result } = await readAndScore(ctx, opts);
      const code = opts.unit.trim();
      if (!result.units.some((u) => u.code === code)) {
        const close = result.units
          .filter((u) => u.code.includes(code) || u.name.includes(code))
          .slice(0, 5)
          .map((u) => `${u.code} ${u.name}`);
        throw new CliError(
          'usage',
          t(`单位文件中没有单位 ${code}`, `There is no unit ${code} in the units file`),
          close.length > 0 ? [t(`相近的：${close.join('；')}`, `Did you mean: ${close.join('; ')}`)] : [],
        );
      }
      const explanation = explain(result, code);
      if (opts.json) ctx.out(toPlainJson(explanation));
      else ctx.io.stdout(withNewline(renderExplanation(explanation, ctx.locale)));
    });
}

function withNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}
