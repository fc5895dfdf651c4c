import { csvRecords } from './csv.js';

/** Columns compared exactly; every other column but `name` is a number compared within the tolerance. */
const EXACT = new Set(['unit', 'rank', 'grade', 'class', 'overallRank', 'veto']);

/**
 * Compares two result CSVs (`xn score` and the pandas reference) unit by unit: totals, bases, bonus,
 * deduction and dimension points within `tolerance` (absolute, points), ranks, grades, classes and vetoes
 * identical. Returns how many units were compared, how many disagree and a few examples to show.
 *
 * @param {string} oursText
 * @param {string} referenceText
 * @param {{ tolerance?: number, examples?: number }} [options]
 * @returns {{ units: number, disagreements: number, maxDifference: number, examples: string[] }}
 */
export function compareResults(oursText, referenceText, options = {}) {
  const tolerance = options.tolerance ?? 1e-9;
  const limit = options.examples ?? 10;
  const ours = csvRecords(oursText);
  const ref = csvRecords(referenceText);
  /** @type {string[]} */
  const examples = [];
  let disagreements = 0;
  let maxDifference = 0;
  const note = (/** @type {string} */ s) => {
    if (examples.length < limit) examples.push(s);
  };
  if (ours.header.join(',') !== ref.header.join(',')) {
    disagreements++;
    note(`header differs: ours ${ours.header.join(',')} / reference ${ref.header.join(',')}`);
  }
  const columns = ours.header.filter((h) => h !== 'name' && ref.header.includes(h));
  const refByUnit = new Map(ref.records.map((r) => [r.unit, r]));
  let units = 0;
  for (const a of ours.records) {
    const b = refByUnit.get(a.unit ?? '');
    if (!b) {
      disagreements++;
      note(`unit ${a.unit}: missing from the reference`);
      continue;
    }
    refByUnit.delete(a.unit ?? '');
    units++;
    const diffs = [];
    for (const c of columns) {
      const x = a[c] ?? '';
      const y = b[c] ?? '';
      if (EXACT.has(c)) {
        if (x !== y) diffs.push(`${c} ${x} ≠ ${y}`);
        continue;
      }
      if (x === '' || y === '') {
        if (x !== y) diffs.push(`${c} ${x || '(empty)'} ≠ ${y || '(empty)'}`);
        continue;
      }
      const d = Math.abs(Number(x) - Number(y));
      if (!(d <= tolerance)) diffs.push(`${c} ${x} ≠ ${y} (Δ ${d.toExponential(2)})`);
      else if (d > maxDifference) maxDifference = d;
    }
    if (diffs.length > 0) {
      disagreements++;
      note(`unit ${a.unit}: ${diffs.join('; ')}`);
    }
  }
  for (const u of refByUnit.keys()) {
    disagreements++;
    note(`unit ${u}: only in the reference`);
  }
  return { units, disagreements, maxDifference, examples };
}
