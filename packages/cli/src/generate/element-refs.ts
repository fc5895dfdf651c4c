/**
 * Element references in the generator's own formulas. The catalog writes every reference as `#{code}` and every
 * shifted one as `lastYear(#{code})` or `prev(#{code})`, so two patterns read them without the full parser.
 */

const REF = /#\{([^}]+)\}/g;
const SHIFTED = /\b(?:lastYear|prev)\(\s*#\{([^}]+)\}\s*\)/g;

/** Codes of every element the formula reads, in order of first appearance. */
export function elementRefs(formula: string): string[] {
  return [...new Set([...formula.matchAll(REF)].map((m) => m[1]!))];
}

/** Codes of elements the formula reads for an earlier period (last year or the previous period). */
export function shiftedRefs(formula: string): string[] {
  return [...new Set([...formula.matchAll(SHIFTED)].map((m) => m[1]!))];
}
