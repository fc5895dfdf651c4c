import { type EngineIssue, type Plan, parsePeriod, type ValueTable } from '@xiaoneng/engine';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { formatIssue } from '../format-issue.js';
import { t } from '../localised.js';
import { type Progress, progressBars } from '../progress.js';
import { type Encoding, isEncoding } from './decode-text.js';
import { InputProblems } from './input-problems.js';
import { readPlan } from './read-plan.js';
import { readUnits, type UnitRecord } from './read-units.js';
import { readValues } from './read-values.js';

export interface InputPaths {
  plan: string;
  units: string;
  values: string;
  period: string;
  encoding?: string;
}

export interface Inputs {
  plan: Plan;
  planWarnings: EngineIssue[];
  units: UnitRecord[];
  values: ValueTable;
  /** Data rows in the values file and how many of them had an empty value. */
  valueRows: number;
  emptyValues: number;
}

export function encodingOption(value: string | undefined): Encoding {
  if (value === undefined) return 'auto';
  const v = value.toLowerCase().replace(/[-_]/g, '');
  const e = v === 'utf8' ? 'utf8' : v;
  if (!isEncoding(e))
    throw new CliError(
      'usage',
      t(
        `不支持的编码“${value}”；可用：auto、utf8、gb18030、gbk、utf16le`,
        `Unsupported encoding "${value}"; use auto, utf8, gb18030, gbk or utf16le`,
      ),
    );
  return e;
}

const MONTHS = { month: 1, quarter: 3, half: 6, year: 12 } as const;

/** Whether the period `inner` lies within `outer` (both valid codes; a period contains itself). */
export function within(inner: string, outer: string): boolean {
  const a = parsePeriod(inner);
  const b = parsePeriod(outer);
  if (!a || !b || a.year !== b.year) return false;
  const first = (p: NonNullable<typeof a>) => (p.index - 1) * MONTHS[p.type] + 1;
  const last = (p: NonNullable<typeof a>) => first(p) + MONTHS[p.type] - 1;
  return first(a) >= first(b) && last(a) <= last(b);
}

/** Checks the period code against the plan before reading millions of rows. */
export function checkPeriod(plan: Plan, period: string): void {
  const p = parsePeriod(period);
  if (!p)
    throw new CliError(
      'usage',
      t(
        `考核周期“${period}”格式不正确，应为 2026、2026H1、2026Q1 或 2026M03`,
        `Period "${period}" is not valid; use 2026, 2026H1, 2026Q1 or 2026M03`,
      ),
    );
  if (p.type !== plan.periodType) {
    const names = {
      month: t('月度', 'monthly'),
      quarter: t('季度', 'quarterly'),
      half: t('半年', 'half-yearly'),
      year: t('年度', 'yearly'),
    };
    throw new CliError(
      'usage',
      t(
        `方案“${plan.name}”为${names[plan.periodType]['zh-CN']}考核，周期 ${period} 是${names[p.type]['zh-CN']}周期`,
        `The plan "${plan.name}" is assessed ${names[plan.periodType].en}; period ${period} is ${names[p.type].en}`,
      ),
    );
  }
}

/**
 * Reads plan, units and values, checking everything that can be checked with the file and row at hand, and
 * reports all problems of both data files at once.
 */
export async function loadInputs(ctx: Context, paths: InputPaths): Promise<Inputs> {
  const encoding = encodingOption(paths.encoding);
  const { plan, warnings } = await readPlan(paths.plan);
  for (const w of warnings) ctx.say(formatIssue(w));
  checkPeriod(plan, paths.period);
  const problems = new InputProblems();
  const units = await readUnits(paths.units, plan, { encoding }, problems);
  const bars = await progressBars(ctx);
  let bar: Progress | undefined;
  const values = await readValues(
    paths.values,
    plan,
    units,
    {
      encoding,
      ...(ctx.io.tty
        ? {
            onSize: (lines: number) => {
              bar = bars(ctx.m(t('读取数据', 'Reading values')), lines);
            },
            onProgress: (rows: number) => bar?.update(rows),
          }
        : {}),
    },
    problems,
  );
  bar?.stop();
  problems.throwIfAny();
  if (values.table.length > 0 && !values.table.periodCodes.some((code) => within(code, paths.period)))
    ctx.say(
      t(
        `注意：数据文件中没有考核周期 ${paths.period} 内的数据（只有 ${values.table.periodCodes.join('、')}），所有指标都将按缺失处理`,
        `Note: the values file has no data within period ${paths.period} (only ${values.table.periodCodes.join(', ')}); every indicator will be missing`,
      ),
    );
  return {
    plan,
    planWarnings: warnings,
    units,
    values: values.table,
    valueRows: values.rows,
    emptyValues: values.empty,
  };
}
