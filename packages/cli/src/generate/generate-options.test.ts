import { describe, expect, it } from 'vitest';
import {
  checkGenerateOptions,
  GenerateOptionsError,
  MAX_UNITS,
  resolveGenerateOptions,
} from './generate-options.js';
import { generateProvince } from './generate-province.js';
import { MAX_INDICATORS } from './indicator-catalog.js';

const ok = { units: 50, indicators: 20, periods: 1, seed: 1 };

describe('generate options', () => {
  it('fills in the defaults', () => {
    expect(resolveGenerateOptions(ok)).toEqual({
      ...ok,
      lastYear: 2026,
      provinceName: '示范省',
      provinceCode: '37',
    });
  });

  it('accepts the bounds themselves', () => {
    expect(checkGenerateOptions({ units: 1, indicators: 5, periods: 1, seed: -7 })).toEqual([]);
    expect(
      checkGenerateOptions({ units: MAX_UNITS, indicators: MAX_INDICATORS, periods: 10, seed: 0 }),
    ).toEqual([]);
  });

  it('rejects too few units and indicators, in both languages, naming the option', () => {
    const issues = checkGenerateOptions({ ...ok, units: 0, indicators: 4 });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['out_of_range', ['units']],
      ['out_of_range', ['indicators']],
    ]);
    expect(issues[0]!.message).toEqual({
      'zh-CN': `考核单位数（--units）必须在 1 到 ${MAX_UNITS} 之间，收到 0。`,
      en: `Number of units (--units) must lie between 1 and ${MAX_UNITS}; got 0.`,
    });
    expect(issues[1]!.message.en).toBe(
      `Number of indicators (--indicators) must lie between 5 and ${MAX_INDICATORS}; got 4.`,
    );
  });

  it('rejects non-integers, NaN and strings', () => {
    const issues = checkGenerateOptions({
      units: 2.5,
      indicators: Number.NaN,
      periods: '3' as unknown as number,
      seed: 1.5,
    });
    expect(issues.map((i) => `${i.path[0]}:${i.code}`)).toEqual([
      'units:not_integer',
      'indicators:not_integer',
      'periods:not_integer',
      'seed:not_integer',
    ]);
    expect(issues[0]!.message['zh-CN']).toBe('考核单位数（--units）必须是整数，收到 2.5。');
  });

  it('rejects too many units, indicators or periods', () => {
    const issues = checkGenerateOptions({
      units: MAX_UNITS + 1,
      indicators: MAX_INDICATORS + 1,
      periods: 11,
      seed: 1,
    });
    expect(issues.map((i) => i.path[0])).toEqual(['units', 'indicators', 'periods']);
  });

  it('rejects a bad province code or name', () => {
    const issues = checkGenerateOptions({ ...ok, provinceCode: '370', provinceName: 'Demo' });
    expect(issues.map((i) => i.code)).toEqual(['bad_province_code', 'bad_province_name']);
  });

  it('generateProvince throws GenerateOptionsError with every issue', () => {
    let caught: unknown;
    try {
      generateProvince({ ...ok, units: 0, periods: 0 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(GenerateOptionsError);
    const err = caught as GenerateOptionsError;
    expect(err.issues).toHaveLength(2);
    expect(err.message).toBe(
      `units: Number of units (--units) must lie between 1 and ${MAX_UNITS}; got 0.; periods: Number of periods (--periods) must lie between 1 and 10; got 0.`,
    );
    expect(err.describe('zh-CN').split('\n')).toHaveLength(2);
    expect(err.describe('en')).toContain('--periods');
  });
});
