import { type FormulaError, formulaErrors } from './formula-error.js';
import { parseWithReferences } from './parser.js';

/**
 * Problems a plan designer shows inline: the syntax error if there is one, otherwise one error per
 * occurrence of an element that `knownElements` lacks. Empty when the formula is fine.
 */
export function checkFormula(src: string, knownElements: ReadonlySet<string>): FormulaError[] {
  const r = parseWithReferences(src);
  if (!r.ok) return [r.error];
  return r.refs
    .filter((ref) => !knownElements.has(ref.element))
    .map((ref) => formulaErrors.unknownElement(ref.position, ref.length, ref.element));
}
