import { describe, expect, it } from 'vitest';
import { checkFormula } from './check.js';
import { parseFormulaOrThrow } from './parser.js';
import { exprReferences, formulaReferences } from './references.js';

describe('formulaReferences', () => {
  it('lists every reference in order with the span of its #{…}', () => {
    const src = 'prev(#{a}) + #{热线.总数} / #{a} - lastYear( #{b} )';
    expect(formulaReferences(src)).toEqual([
      { element: 'a', shift: 'prev', position: 5, length: 4 },
      { element: '热线.总数', shift: 'current', position: 13, length: 8 },
      { element: 'a', shift: 'current', position: 24, length: 4 },
      { element: 'b', shift: 'lastYear', position: 41, length: 4 },
    ]);
    expect(src.slice(13, 21)).toBe('#{热线.总数}');
    expect(src.slice(41, 45)).toBe('#{b}');
  });

  it('is empty for a formula that does not parse or has no references', () => {
    expect(formulaReferences('#{a} +')).toEqual([]);
    expect(formulaReferences('1 + 2')).toEqual([]);
  });
});

describe('exprReferences', () => {
  it('lists each (element, shift) once, in order of first appearance', () => {
    const expr = parseFormulaOrThrow('#{b} + prev(#{a}) * #{b} - #{a} + prev(#{a})');
    expect(exprReferences(expr)).toEqual([
      { element: 'b', shift: 'current' },
      { element: 'a', shift: 'prev' },
      { element: 'a', shift: 'current' },
    ]);
    expect(exprReferences(parseFormulaOrThrow('round(2.5)'))).toEqual([]);
  });
});

describe('checkFormula', () => {
  const known = new Set(['hotline.closed', 'hotline.total']);

  it('is empty for a good formula', () => {
    expect(checkFormula('#{hotline.closed} / prev(#{hotline.total})', known)).toEqual([]);
  });

  it('reports every occurrence of an unknown element where it stands', () => {
    expect(
      checkFormula('#{hotline.closed} / #{hotline.totl} + lastYear(#{hotline.totl})', known),
    ).toMatchInlineSnapshot(`
        [
          {
            "code": "unknown_element",
            "length": 15,
            "message": {
              "en": "Unknown data element 'hotline.totl' at character 21",
              "zh-CN": "第 21 个字符处引用了不存在的数据元 'hotline.totl'",
            },
            "position": 20,
          },
          {
            "code": "unknown_element",
            "length": 15,
            "message": {
              "en": "Unknown data element 'hotline.totl' at character 48",
              "zh-CN": "第 48 个字符处引用了不存在的数据元 'hotline.totl'",
            },
            "position": 47,
          },
        ]
      `);
  });

  it('reports the syntax error alone when the formula does not parse', () => {
    const errors = checkFormula('#{nope} + ', known);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'unexpected_end', position: 10 });
  });
});
