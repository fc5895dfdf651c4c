import { planJsonSchema } from '@xiaoneng/engine';
import { Command } from 'commander';
import type { Context } from '../context.js';
import { writeFileAtomic } from '../io/write-atomic.js';
import { t } from '../localised.js';

/** `xn schema [--out F]`: the plan JSON Schema, for editors and other tools. */
export function schemaCommand(ctx: Context): Command {
  return new Command('schema')
    .description(
      ctx.m(
        t('输出考核方案的 JSON Schema（可用于编辑器校验）', 'print the JSON Schema of plans (for editors)'),
      ),
    )
    .option('--out <file>', ctx.m(t('写入文件而不是标准输出', 'write to a file instead of stdout')))
    .action(async (opts: { out?: string }) => {
      const text = `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
      if (opts.out) {
        await writeFileAtomic(opts.out, text);
        ctx.say(t(`已写入 ${opts.out}`, `Written to ${opts.out}`));
      } else ctx.io.stdout(text);
    });
}
