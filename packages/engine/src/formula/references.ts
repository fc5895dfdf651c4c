import type { Expr, Shift } from './ast.js';
import { type FormulaReference, parseWithReferences } from './parser.js';

/** Every element reference in the source, in order of appearance; empty when the formula does not parse. */
export function formulaReferences(src: string): FormulaReference[] {
  const r = parseWithReferences(src);
  return r.ok ? r.refs : [];
}

/** The distinct (element, shift) pairs a tree reads, in order of first appearance. */
export function exprReferences(expr: Expr): { element: string; shift: Shift }[] {
  const seen = new Set<string>();
  const out: { element: string; shift: Shift }[] = [];
  const visit = (e: Expr): void => {
    switch (e.type) {
      case 'num':
        return;
      case 'ref': {
        const key = `${e.shift}\u0000${e.element}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push({ element: e.element, shift: e.shift });
        }
        return;
      }
      case 'unary':
        visit(e.arg);
        return;
      case 'binary':
        visit(e.left);
        visit(e.right);
        return;
      case 'call':
        for (const a of e.args) visit(a);
        return;
    }
  };
  visit(expr);
  return out;
}
