import { formulaReferences, type IndicatorNode, type Plan } from '@xiaoneng/engine';

/**
 * The elements a plan reads for an earlier period (`prev(...)`, `lastYear(...)`, and every element of a leaf
 * whose missing-value policy is `carry`), with everything the computed ones among them are made of: only
 * these are needed from periods outside the scored year. On a province that halves what a run reads, as
 * most elements are read for the scored period only. (The sensitivity analysis's `carry` variant, tried on
 * leaves whose plan policy is another, therefore finds no previous value for those leaves.)
 */
export function shiftedElements(plan: Plan): Set<string> {
  const formulas: string[] = [];
  // A leaf that carries the previous period's value forward when one is missing reads all its elements
  // for the previous period.
  const carried: string[] = [];
  const walk = (nodes: readonly IndicatorNode[]) => {
    for (const n of nodes) {
      if ('children' in n) walk(n.children);
      else {
        formulas.push(n.formula);
        if ((n.missing ?? plan.missing) === 'carry') carried.push(n.formula);
      }
    }
  };
  walk(plan.tree);
  for (const c of plan.classes) if (c.tree) walk(c.tree);
  for (const a of [...(plan.bonus ?? []), ...(plan.deduction ?? [])]) formulas.push(a.formula);
  for (const v of plan.veto ?? []) formulas.push(v.condition);
  const computed = new Map(
    plan.elements.filter((e) => e.formula !== undefined).map((e) => [e.code, e.formula as string]),
  );
  for (const f of computed.values()) formulas.push(f);

  const out = new Set<string>();
  const add = (element: string) => {
    if (out.has(element)) return;
    out.add(element);
    const f = computed.get(element);
    if (f !== undefined) for (const r of formulaReferences(f)) add(r.element);
  };
  for (const f of formulas) for (const r of formulaReferences(f)) if (r.shift !== 'current') add(r.element);
  for (const f of carried) for (const r of formulaReferences(f)) add(r.element);
  return out;
}
