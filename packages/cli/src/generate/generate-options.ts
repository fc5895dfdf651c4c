import type { EngineIssue, LocalisedText } from '@xiaoneng/engine';
import { MAX_INDICATORS } from './indicator-catalog.js';

export interface GenerateOptions {
  /** Assessed units (departments, cities, counties, towns/streets, villages/communities). */
  units: number;
  /** Scored (leaf) indicators of the plan. */
  indicators: number;
  /** Consecutive assessed years ending at `lastYear`. */
  periods: number;
  /** Any integer; the same seed gives byte-identical output. */
  seed: number;
  /** Last assessed year; 2026 by default. */
  lastYear?: number;
  /** Name of the fictional province; 示范省 by default. */
  provinceName?: string;
  /** Two-digit GB/T 2260 province prefix; 37 by default. */
  provinceCode?: string;
}

export type ResolvedOptions = Required<GenerateOptions>;

export const MAX_UNITS = 100_000;
export const MAX_PERIODS = 10;
export const DEFAULTS = { lastYear: 2026, provinceName: '示范省', provinceCode: '37' } as const;

/** Thrown for options the generator cannot honour; `issues` says which option and why, in zh-CN and en. */
export class GenerateOptionsError extends Error {
  constructor(readonly issues: readonly EngineIssue[]) {
    super(issues.map((i) => `${i.path.join('.')}: ${i.message.en}`).join('; '));
    this.name = 'GenerateOptionsError';
  }
  /** All issues in one language, one per line. */
  describe(locale: keyof LocalisedText = 'zh-CN'): string {
    return this.issues.map((i) => i.message[locale]).join('\n');
  }
}

function issue(option: string, code: string, zh: string, en: string): EngineIssue {
  return { severity: 'error', code, path: [option], message: { 'zh-CN': zh, en } };
}

function checkInteger(
  out: EngineIssue[],
  option: string,
  label: LocalisedText,
  value: unknown,
  min: number,
  max: number,
): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    out.push(
      issue(
        option,
        'not_integer',
        `${label['zh-CN']}（--${option}）必须是整数，收到 ${String(value)}。`,
        `${label.en} (--${option}) must be a whole number; got ${String(value)}.`,
      ),
    );
  } else if (value < min || value > max) {
    out.push(
      issue(
        option,
        'out_of_range',
        `${label['zh-CN']}（--${option}）必须在 ${min} 到 ${max} 之间，收到 ${value}。`,
        `${label.en} (--${option}) must lie between ${min} and ${max}; got ${value}.`,
      ),
    );
  }
}

/** Every problem with the options, empty when they are fine. */
export function checkGenerateOptions(opts: GenerateOptions): EngineIssue[] {
  const out: EngineIssue[] = [];
  checkInteger(out, 'units', { 'zh-CN': '考核单位数', en: 'Number of units' }, opts.units, 1, MAX_UNITS);
  checkInteger(
    out,
    'indicators',
    { 'zh-CN': '末级指标数', en: 'Number of indicators' },
    opts.indicators,
    5,
    MAX_INDICATORS,
  );
  checkInteger(
    out,
    'periods',
    { 'zh-CN': '考核周期数', en: 'Number of periods' },
    opts.periods,
    1,
    MAX_PERIODS,
  );
  checkInteger(
    out,
    'seed',
    { 'zh-CN': '随机种子', en: 'Seed' },
    opts.seed,
    Number.MIN_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER,
  );
  if (opts.lastYear !== undefined) {
    checkInteger(out, 'lastYear', { 'zh-CN': '最后考核年度', en: 'Last year' }, opts.lastYear, 2000, 2100);
  }
  if (opts.provinceCode !== undefined && !/^[1-9]\d$/.test(opts.provinceCode)) {
    out.push(
      issue(
        'provinceCode',
        'bad_province_code',
        `省级代码必须是两位数字（如 37），收到 ${JSON.stringify(opts.provinceCode)}。`,
        `The province code must be two digits (e.g. 37); got ${JSON.stringify(opts.provinceCode)}.`,
      ),
    );
  }
  if (opts.provinceName !== undefined && !/^\p{Script=Han}{1,10}$/u.test(opts.provinceName)) {
    out.push(
      issue(
        'provinceName',
        'bad_province_name',
        `省份名称须为 1–10 个汉字，收到 ${JSON.stringify(opts.provinceName)}。`,
        `The province name must be 1–10 Chinese characters; got ${JSON.stringify(opts.provinceName)}.`,
      ),
    );
  }
  return out;
}

/** Options with defaults filled in; throws {@link GenerateOptionsError} when any is bad. */
export function resolveGenerateOptions(opts: GenerateOptions): ResolvedOptions {
  const issues = checkGenerateOptions(opts);
  if (issues.length > 0) throw new GenerateOptionsError(issues);
  return {
    units: opts.units,
    indicators: opts.indicators,
    periods: opts.periods,
    seed: opts.seed,
    lastYear: opts.lastYear ?? DEFAULTS.lastYear,
    provinceName: opts.provinceName ?? DEFAULTS.provinceName,
    provinceCode: opts.provinceCode ?? DEFAULTS.provinceCode,
  };
}
