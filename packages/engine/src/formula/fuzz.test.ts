import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FORMULA_LENGTH } from './ast.js';
import { checkFormula } from './check.js';
import { compileFormula } from './compile.js';
import { evaluateFormula } from './evaluate.js';
import type { FormulaErrorCode } from './formula-error.js';
import { parseFormula } from './parser.js';
import { printFormula } from './printer.js';
import { formulaReferences } from './references.js';

const CODES: ReadonlySet<FormulaErrorCode> = new Set<FormulaErrorCode>([
  'empty',
  'too_long',
  'too_deep',
  'unexpected_character',
  'unexpected_token',
  'unexpected_end',
  'missing_operator',
  'unclosed_paren',
  'unmatched_paren',
  'bad_number',
  'bad_reference',
  'empty_reference',
  'unclosed_reference',
  'unknown_name',
  'unknown_function',
  'bad_arity',
  'bad_round_digits',
  'chained_comparison',
  'prev_needs_reference',
]);

/**
 * What must hold for any input: parseFormula returns instead of throwing; an error is one of the known
 * codes, points inside the source and says where in both languages; a success prints and re-parses to the
 * same tree, its references point at their `#{…}` text, and it evaluates the same compiled and scalar.
 */
function checkAnyInput(src: string): void {
  const r = parseFormula(src);
  const refs = formulaReferences(src);
  const problems = checkFormula(src, new Set());
  if (!r.ok) {
    const { code, position, length, message } = r.error;
    expect(CODES.has(code), code).toBe(true);
    expect(position).toBeGreaterThanOrEqual(0);
    expect(length).toBeGreaterThanOrEqual(0);
    expect(position + length).toBeLessThanOrEqual(src.length);
    if (code !== 'empty' && code !== 'too_long') {
      expect(message['zh-CN']).toContain(`第 ${position + 1} 个字符`);
      expect(message.en).toContain(`haracter ${position + 1}`);
    }
    expect(refs).toEqual([]);
    expect(problems).toEqual([r.error]);
    return;
  }
  const text = printFormula(r.expr);
  if (text.length <= MAX_FORMULA_LENGTH) expect(parseFormula(text)).toEqual(r);
  for (const ref of refs)
    expect(src.slice(ref.position, ref.position + ref.length)).toBe(`#{${ref.element}}`);
  expect(problems.map((p) => p.position)).toEqual(refs.map((ref) => ref.position));
  const column = (element: string) => Float64Array.of(element.length, Number.NaN, 0);
  const out = compileFormula(r.expr)({ length: 3, column });
  for (let i = 0; i < 3; i++) expect(out[i]).toBe(evaluateFormula(r.expr, (e) => column(e)[i]));
}

/** Pieces that reach deep into the grammar, plus characters that must be rejected. */
const PIECES = [
  ...'0123456789.eE%+-*/×÷<>=!&|(),#{}_ \t\n\u3000（），＋１$^"\'[]aZ热'.split(''),
  '#{a}',
  '#{热线.办结}',
  'prev(',
  'lastYear(',
  'if(',
  'min(',
  'round(',
  'coalesce(',
  'and',
  'or',
  'not',
  '<=',
  '==',
  '!=',
  '&&',
  '||',
  '60%',
  '1e3',
  '.5',
];

const CORPUS = [
  '#{hotline.closed} / #{hotline.total}',
  '1 - #{approval.days} / lastYear(#{approval.days})',
  'if(#{satisfaction} >= 90, 1, round(#{satisfaction} / 90, 4))',
  '#{hotline.timely} / #{hotline.total} >= 98%',
  'coalesce(#{a} / #{b}, prev(#{a} ) / prev(#{b}), 0)',
  'max（#{x}，#{y}）× 0.5 ÷ 2',
  'not (#{a} > 1 && #{b} < 2) || !#{c}',
  'sum(#{a}, #{b}, -#{c}) - avg(1.5E-2, .5, 60%)',
  'abs(#{a} - #{b}) <= 1e-3',
  '((#{a} + 1) * (#{b} - 1)) / min(#{c}, 3)',
];

describe('fuzzing parseFormula', () => {
  it('handles random strings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join('')),
        checkAnyInput,
      ),
      { numRuns: 4000 },
    );
  });

  it('handles arbitrary unicode', () => {
    // UTF-16 code units, lone surrogates included: editors hand over whatever was typed or pasted.
    const text = fc
      .array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 32, max: 126 })), {
        maxLength: 60,
      })
      .map((units) => String.fromCharCode(...units));
    fc.assert(fc.property(text, checkAnyInput), { numRuns: 2000 });
  });

  it('handles random insertions, deletions and replacements in valid formulas', () => {
    for (const src of CORPUS) expect(parseFormula(src).ok, src).toBe(true);
    const edit = fc.record({
      kind: fc.constantFrom('insert', 'delete', 'replace'),
      at: fc.nat(),
      piece: fc.constantFrom(...PIECES),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...CORPUS),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (src, edits) => {
          let s = src;
          for (const { kind, at, piece } of edits) {
            const i = at % (s.length + 1);
            s =
              kind === 'insert'
                ? s.slice(0, i) + piece + s.slice(i)
                : kind === 'delete'
                  ? s.slice(0, i) + s.slice(i + 1)
                  : s.slice(0, i) + piece + s.slice(i + 1);
          }
          checkAnyInput(s);
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('handles deep nesting and long input with an error, not a stack overflow', () => {
    const cases: [string, FormulaErrorCode | 'ok'][] = [
      ['('.repeat(10_000), 'too_long'],
      ['('.repeat(2000), 'too_deep'],
      [`${'('.repeat(1000)}1${')'.repeat(999)}`, 'too_deep'],
      ['-'.repeat(1999) + '1', 'too_deep'],
      ['not '.repeat(499) + '1', 'too_deep'],
      [`${'abs('.repeat(390)}1${')'.repeat(390)}`, 'too_deep'],
      [`${'if(1,'.repeat(300)}1`, 'too_deep'],
      ['#{'.repeat(1000), 'unclosed_reference'],
      [`#{${'a'.repeat(1996)}}`, 'ok'],
      [`${'#{a}-'.repeat(399)}#{a}`, 'ok'],
      ['1+'.repeat(5000), 'too_long'],
    ];
    for (const [src, code] of cases) {
      const r = parseFormula(src);
      expect(r.ok ? 'ok' : r.error.code, src.slice(0, 20)).toBe(code);
      checkAnyInput(src);
    }
  });
});
