import { compileFormula } from './formula/compile.js';
import { parseFormulaOrThrow } from './formula/parser.js';
import type { AdjustmentItem } from './plan.js';
import { defaultSelection, type Prepared } from './prepare.js';

export interface Adjustments {
  /** Per unit, after the plan's cap on the sum. */
  total: Float64Array;
  /** Per unit × item, after each item's cap. */
  items: Float64Array;
  /** 1 where the plan's cap on the sum cut the unit's points. */
  capped: Uint8Array;
}

/**
 * Bonus or deduction points: each item is its formula's value × pointsPer, kept within 0…cap (a missing
 * value counts 0); the items' sum is then held to the plan's cap. Formulas read sources by the plan's
 * precedence.
 */
export function adjustments(
  prep: Prepared,
  items: readonly AdjustmentItem[],
  sumCap: number | undefined,
): Adjustments {
  const n = prep.units.length;
  const k = items.length;
  const perItem = new Float64Array(n * k);
  const total = new Float64Array(n);
  const capped = new Uint8Array(n);
  const ctx = prep.store.context(prep.period, defaultSelection(prep.plan));
  items.forEach((item, j) => {
    const v = compileFormula(parseFormulaOrThrow(item.formula))(ctx);
    for (let u = 0; u < n; u++) {
      const x = v[u]!;
      const pts = Number.isNaN(x) ? 0 : Math.min(item.cap, Math.max(0, x * item.pointsPer));
      perItem[u * k + j] = pts;
      total[u]! += pts;
    }
  });
  if (sumCap !== undefined) {
    for (let u = 0; u < n; u++) {
      if (total[u]! > sumCap) {
        total[u] = sumCap;
        capped[u] = 1;
      }
    }
  }
  return { total, items: perItem, capped };
}

/** Per unit × veto item: 1 where the condition holds (non-zero; a missing value does not veto). */
export function vetoes(prep: Prepared): Uint8Array {
  const items = prep.plan.veto ?? [];
  const n = prep.units.length;
  const hits = new Uint8Array(n * items.length);
  const ctx = prep.store.context(prep.period, defaultSelection(prep.plan));
  items.forEach((item, j) => {
    const v = compileFormula(parseFormulaOrThrow(item.condition))(ctx);
    for (let u = 0; u < n; u++) {
      const x = v[u]!;
      if (!Number.isNaN(x) && x !== 0) hits[u * items.length + j] = 1;
    }
  });
  return hits;
}
