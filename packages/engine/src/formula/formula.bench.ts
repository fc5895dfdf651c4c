import { bench, describe } from 'vitest';
import type { Shift } from './ast.js';
import { compileFormula, type FormulaContext } from './compile.js';
import { evaluateFormula } from './evaluate.js';
import { parseFormula, parseFormulaOrThrow } from './parser.js';

// A province: 27,000 units; each indicator's formula runs once over all of them. Run: npx vitest bench <this file>
const UNITS = 27_000;
let seed = 42;
const random = (): number => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
const columns = new Map<string, Float64Array>();
const column = (element: string, shift: Shift): Float64Array => {
  const key = `${shift}:${element}`;
  let c = columns.get(key);
  if (!c) {
    c = new Float64Array(UNITS);
    // 3% missing, as in reported data.
    for (let i = 0; i < UNITS; i++) c[i] = random() < 0.03 ? Number.NaN : random() * 100;
    columns.set(key, c);
  }
  return c;
};
const ctx: FormulaContext = { length: UNITS, column };

const FORMULAS = {
  ratio: '#{hotline.closed} / #{hotline.total}',
  reduction: '1 - #{approval.days} / lastYear(#{approval.days})',
  satisfaction: 'if(#{satisfaction} >= 90, 1, round(#{satisfaction} / 90, 4))',
  mixed: 'coalesce(#{a} / #{b}, prev(#{a}) / prev(#{b}), 0) * 100 + max(#{c}, #{d}, #{e}) - avg(#{f}, #{g})',
};

for (const [name, src] of Object.entries(FORMULAS)) {
  const expr = parseFormulaOrThrow(src);
  const compiled = compileFormula(expr);
  describe(`${name}: ${src}`, () => {
    bench('compileFormula, 27,000 units', () => {
      compiled(ctx);
    });
    bench('evaluateFormula per unit, 27,000 units', () => {
      for (let i = 0; i < UNITS; i++) evaluateFormula(expr, (e, s) => column(e, s)[i]);
    });
  });
}

describe('parseFormula', () => {
  const long = Object.values(FORMULAS).join(' + ');
  bench(`${long.length} characters`, () => {
    parseFormula(long);
  });
  bench('2,000 nested parentheses (rejected)', () => {
    parseFormula('('.repeat(2000));
  });
});
