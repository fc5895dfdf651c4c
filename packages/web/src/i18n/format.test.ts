import { describe, expect, it } from 'vitest';
import { formattersOf } from './format';

describe('formatters', () => {
  it('sorts unit names by pinyin in zh-CN', () => {
    // an 安 < bei 北 < cheng 城 < xi 西 < zhang 张; code-point order would put 北 (5317) before 安 (5B89).
    const names = ['西城区', '城关镇', '北京市', '张家港市', '安吉县'];
    expect([...names].sort(formattersOf('zh-CN').compareUnitNames)).toEqual([
      '安吉县',
      '北京市',
      '城关镇',
      '西城区',
      '张家港市',
    ]);
  });

  it('sorts English names alphabetically, numbers by value', () => {
    const names = ['Zone 10', 'zone 9', 'Anji'];
    expect([...names].sort(formattersOf('en').compareUnitNames)).toEqual(['Anji', 'zone 9', 'Zone 10']);
  });

  it('formats numbers, shares and dates per locale', () => {
    expect(formattersOf('en').decimals(12345.678, 2)).toBe('12,345.68');
    expect(formattersOf('zh-CN').decimals(12345.678, 2)).toBe('12,345.68');
    expect(formattersOf('en').percent(0.256)).toBe('25.6%');
    const at = new Date(2026, 2, 5, 14, 7);
    expect(formattersOf('zh-CN').date(at)).toBe('2026/03/05');
    expect(formattersOf('en').date(at)).toBe('03/05/2026');
  });
});
