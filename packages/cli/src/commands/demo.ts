import { join, relative, resolve } from 'node:path';
import { cell, GRADES, gradeName, inflationCheck, type ResultSet } from '@xiaoneng/engine';
import { Command } from 'commander';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { FILES, GenerateOptionsError, generateProvince, writeProvince } from '../generate/index.js';
import type { Inputs } from '../io/load-inputs.js';
import { gradeCounts, gradeOf, leafIndexes, vetoCodes } from '../io/result-rows.js';
import { writeResult } from '../io/write-result.js';
import { t } from '../localised.js';
import { elapsed } from '../progress.js';
import { textTable } from '../text-table.js';
import { wholeNumber } from './generate.js';
import { readAndScore } from './input-options.js';

interface DemoOptions {
  dir: string;
  units: number;
  indicators: number;
  seed: number;
}

/** A leaf scoring below this share of its full marks is a red light (红灯). */
export const RED_LIGHT = 0.6;

/** `xn demo`: generate a small province, score it and show what the product does, in a minute of reading. */
export function demoCommand(ctx: Context): Command {
  const int = wholeNumber(ctx);
  return new Command('demo')
    .description(
      ctx.m(
        t(
          '演示：生成一个小省份的模拟数据，评分，并显示排名、等次分布和预警',
          'demo: generate a small synthetic province, score it, show rankings, grade counts and warnings',
        ),
      ),
    )
    .option(
      '--dir <dir>',
      ctx.m(t('数据和结果目录（默认 ./data/demo）', 'data and result directory (default ./data/demo)')),
      'data/demo',
    )
    .option('--units <n>', ctx.m(t('单位数（默认 300）', 'units (default 300)')), int, 300)
    .option('--indicators <n>', ctx.m(t('指标数（默认 30）', 'indicators (default 30)')), int, 30)
    .option('--seed <n>', ctx.m(t('随机种子（默认 2026）', 'seed (default 2026)')), int, 2026)
    .action(async (opts: DemoOptions) => {
      const start = performance.now();
      let province: ReturnType<typeof generateProvince>;
      try {
        province = generateProvince({
          units: opts.units,
          indicators: opts.indicators,
          periods: 1,
          seed: opts.seed,
        });
      } catch (err) {
        if (err instanceof GenerateOptionsError)
          throw new CliError(
            'usage',
            t('演示参数有误：', 'Bad demo options:'),
            err.issues.map((i) => i.message),
          );
        throw err;
      }
      const dir = resolve(opts.dir);
      await writeProvince(dir, province);
      const period = province.periods[province.periods.length - 1]!;
      const paths = {
        plan: join(dir, FILES.plan),
        units: join(dir, FILES.units),
        values: join(dir, FILES.values),
        period,
      };
      // Scored from the files just written, exactly as `xn score` and `xn explain` will read them.
      const { inputs, result } = await readAndScore(ctx, paths);
      const csv = join(dir, 'result.csv');
      const xlsx = join(dir, 'result.xlsx');
      await writeResult(csv, result, { locale: ctx.locale });
      await writeResult(xlsx, result, { locale: ctx.locale });
      printDemo(ctx, province.plan.name, inputs, result, period, opts);
      const show = (p: string) => {
        const r = relative(process.cwd(), p);
        return r === '' || r.startsWith('..') ? p : r;
      };
      ctx.out('');
      ctx.out(ctx.m(t('文件', 'Files')));
      ctx.out(ctx.m(t(`  方案：${show(paths.plan)}`, `  plan: ${show(paths.plan)}`)));
      ctx.out(ctx.m(t(`  考核对象：${show(paths.units)}`, `  units: ${show(paths.units)}`)));
      ctx.out(ctx.m(t(`  数据：${show(paths.values)}`, `  values: ${show(paths.values)}`)));
      ctx.out(ctx.m(t(`  结果：${show(csv)}、${show(xlsx)}`, `  results: ${show(csv)}, ${show(xlsx)}`)));
      const order = byTotal(result);
      const example = result.units[order[order.length - 1]!]?.code ?? result.units[0]!.code;
      ctx.out('');
      ctx.out(
        ctx.m(t('下一步：看某个单位为什么得这个分，例如', 'Next: see why a unit scored as it did, e.g.')),
      );
      ctx.out(
        `  npx xn explain --plan ${show(paths.plan)} --units ${show(paths.units)} --values ${show(paths.values)} --period ${period} --unit ${example}${ctx.locale === 'en' ? ' --lang en' : ''}`,
      );
      ctx.say(t(`演示用时 ${elapsed(start)}`, `Demo took ${elapsed(start)}`));
    });
}

/** Unit indexes by total, best first; ties by code so the list is stable. */
function byTotal(rs: ResultSet): number[] {
  return rs.units
    .map((_, i) => i)
    .sort((a, b) => rs.total[b]! - rs.total[a]! || (rs.units[a]!.code < rs.units[b]!.code ? -1 : 1));
}

function printDemo(
  ctx: Context,
  planName: string,
  inputs: Inputs,
  rs: ResultSet,
  period: string,
  opts: DemoOptions,
) {
  const m = ctx.m.bind(ctx);
  const className = new Map(rs.classes.map((c) => [c.code, c.name]));
  const classSize = new Map(rs.classes.map((c) => [c.code, c.size]));
  ctx.out(
    m(
      t(
        `效能演示：${planName}，${rs.units.length} 个单位、${leafIndexes(rs).length} 个指标、${inputs.valueRows} 行数据，考核周期 ${period}（种子 ${opts.seed}）`,
        `xiaoneng demo: ${planName}, ${rs.units.length} units, ${leafIndexes(rs).length} indicators, ${inputs.valueRows} value rows, period ${period} (seed ${opts.seed})`,
      ),
    ),
  );
  const order = byTotal(rs);
  const header = [
    m(t('代码', 'Code')),
    m(t('名称', 'Name')),
    m(t('类别', 'Class')),
    m(t('总分', 'Total')),
    m(t('类内排名', 'Rank in class')),
    m(t('等次', 'Grade')),
  ];
  const row = (u: number) => {
    const unit = rs.units[u]!;
    const g = gradeOf(rs, u);
    return [
      unit.code,
      unit.name,
      className.get(unit.class) ?? unit.class,
      rs.total[u]!.toFixed(2),
      `${rs.rank[u]}/${classSize.get(unit.class) ?? '?'}`,
      `${g} ${gradeName(g, ctx.locale)}`,
    ];
  };
  const right = [false, false, false, true, true, false];
  const n = Math.min(10, order.length);
  ctx.out('');
  ctx.out(m(t(`总分前 ${n} 名`, `Top ${n} by total`)));
  for (const line of textTable([header, ...order.slice(0, n).map(row)], right)) ctx.out(`  ${line}`);
  ctx.out('');
  ctx.out(m(t(`总分后 ${n} 名`, `Bottom ${n} by total`)));
  for (const line of textTable([header, ...order.slice(-n).map(row)], right)) ctx.out(`  ${line}`);

  ctx.out('');
  ctx.out(m(t('各类别等次分布', 'Grades per class')));
  const counts = gradeCounts(rs);
  const gradeHeader = [
    m(t('类别', 'Class')),
    ...GRADES.map((g) => `${g} ${gradeName(g, ctx.locale)}`),
    m(t('合计', 'Total')),
  ];
  const gradeRows = rs.classes.map((c) => {
    const k = counts.get(c.code)!;
    return [c.name, ...k.map(String), String(c.size)];
  });
  for (const line of textTable([gradeHeader, ...gradeRows], [false, true, true, true, true, true]))
    ctx.out(`  ${line}`);

  ctx.out('');
  ctx.out(m(t('预警', 'Warnings')));
  const vetoed = rs.units.map((_, u) => u).filter((u) => vetoCodes(rs, u).length > 0);
  const vetoName = new Map(rs.vetoItems.map((v) => [v.code, v.name]));
  ctx.out(
    m(
      t(
        `  一票否决：${vetoed.length} 个单位`,
        `  Veto: ${vetoed.length} unit${vetoed.length === 1 ? '' : 's'}`,
      ),
    ),
  );
  for (const u of vetoed.slice(0, 5)) {
    const items = vetoCodes(rs, u).map((c) => vetoName.get(c) ?? c);
    ctx.out(
      `    ${rs.units[u]!.code} ${rs.units[u]!.name}: ${items.join(ctx.locale === 'zh-CN' ? '、' : ', ')}`,
    );
  }
  if (vetoed.length > 5)
    ctx.out(m(t(`    ……另有 ${vetoed.length - 5} 个`, `    …and ${vetoed.length - 5} more`)));

  const red = redLights(rs);
  const redUnits = red.filter((r) => r.count > 0);
  const totalRed = redUnits.reduce((s, r) => s + r.count, 0);
  ctx.out(
    m(
      t(
        `  红灯指标（得分率低于 ${RED_LIGHT * 100}%）：${redUnits.length} 个单位共 ${totalRed} 项`,
        `  Red lights (indicators below ${RED_LIGHT * 100}% of full marks): ${totalRed} across ${redUnits.length} units`,
      ),
    ),
  );
  const worst = [...redUnits].sort((a, b) => b.count - a.count || a.u - b.u).slice(0, 5);
  for (const r of worst)
    ctx.out(
      m(
        t(
          `    ${rs.units[r.u]!.code} ${rs.units[r.u]!.name}：${r.count} 项红灯`,
          `    ${rs.units[r.u]!.code} ${rs.units[r.u]!.name}: ${r.count} red lights`,
        ),
      ),
    );

  const inflation = inflationCheck(inputs.plan, inputs.units, inputs.values, { period }, {}, rs);
  const flagged = inflation.units.filter((u) => u.flagged).sort((a, b) => b.index - a.index);
  ctx.out(
    m(
      t(
        `  自评虚高：${flagged.length} 个单位的自评值平均高出核查值 10% 以上（比对 ${inflation.comparisons} 对）`,
        `  Inflated self-reports: ${flagged.length} units report on average over 10% better than verified values (${inflation.comparisons} pairs compared)`,
      ),
    ),
  );
  for (const u of flagged.slice(0, 5))
    ctx.out(
      m(
        t(
          `    ${u.code} ${u.name}：平均高出 ${(u.index * 100).toFixed(1)}%（${u.comparisons} 项比对）`,
          `    ${u.code} ${u.name}: ${(u.index * 100).toFixed(1)}% above verified on average (${u.comparisons} compared)`,
        ),
      ),
    );
  for (const w of inflation.gradeWarnings)
    ctx.out(
      m(
        t(
          `  等次比例：${className.get(w.class) ?? w.class}有 ${(w.share * 100).toFixed(0)}% 为${gradeName(w.grade, 'zh-CN')}，偏高`,
          `  Grade share: ${(w.share * 100).toFixed(0)}% of ${className.get(w.class) ?? w.class} are ${gradeName(w.grade, 'en')}, implausibly many`,
        ),
      ),
    );
}

/** Red-light count per unit: leaves of its tree scoring below {@link RED_LIGHT} of their full marks. */
export function redLights(rs: ResultSet): { u: number; count: number }[] {
  const leaves = leafIndexes(rs);
  return rs.units.map((_, u) => {
    let count = 0;
    for (const g of leaves) {
      const f = rs.fraction[cell(rs, u, g)]!;
      if (!Number.isNaN(f) && rs.fullPoints[cell(rs, u, g)]! > 0 && f < RED_LIGHT) count++;
    }
    return { u, count };
  });
}
