import type { DataElement, Plan } from '@xiaoneng/engine';

/** The header of the unit-code column, and the one of the unit-name column the import ignores. */
export const UNIT_CODE_HEADER = '单位代码';
export const UNIT_NAME_HEADER = '单位名称';

/** The elements a unit reports (computed ones are derived, never imported). */
export function reportedElements(plan: Plan): DataElement[] {
  return plan.elements.filter((e) => e.formula === undefined);
}

/** `办结件数（cases.done）`: the name a person reads, the code the import trusts. */
export function elementHeader(e: DataElement): string {
  return `${e.name}（${e.code}）`;
}

/**
 * The element a header names: the code in full-width or ASCII brackets at its end, else the bare code, else
 * the element's exact name when only one element has it.
 */
export function elementOfHeader(plan: Plan, header: string): DataElement | undefined {
  const h = header.trim();
  const byCode = new Map(plan.elements.map((e) => [e.code, e]));
  const bracketed = /[（(]([^（）()]+)[）)]\s*$/.exec(h);
  if (bracketed?.[1] !== undefined) return byCode.get(bracketed[1].trim());
  const direct = byCode.get(h);
  if (direct !== undefined) return direct;
  const named = plan.elements.filter((e) => e.name === h);
  return named.length === 1 ? named[0] : undefined;
}

/** A cell as a number: plain decimals, exponents and thousands separators; '' is no value. */
export function parseCell(text: string): number | undefined | 'invalid' {
  const s = text.trim();
  if (s === '') return undefined;
  const plain = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replaceAll(',', '') : s;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(plain)) return 'invalid';
  const n = Number(plain);
  return Number.isFinite(n) ? n : 'invalid';
}
