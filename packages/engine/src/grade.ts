import { GRADES, type Grade, type Grading } from './plan.js';
import { orderByKeyDesc, totalKey } from './rank.js';

export function gradeIndex(g: Grade): number {
  return GRADES.indexOf(g);
}

/** The grade the thresholds give a total (thresholds best first; the last has no minimum). */
export function gradeByThreshold(grading: Grading, total: number): number {
  const key = totalKey(total);
  for (const t of grading.thresholds) {
    if (t.min === undefined || key >= totalKey(t.min)) return gradeIndex(t.grade);
  }
  return gradeIndex(grading.thresholds[grading.thresholds.length - 1]?.grade ?? 'D');
}

/**
 * Forced distribution within one class: for each grade with a quota, best first, at most
 * floor(quota × class size) units keep it; the rest drop to the plan's next grade (the next threshold, so
 * a plan graded A/B/D drops B to D) and compete for that grade's quota. The lowest grade has no quota.
 * Units tied on total at the boundary are kept or dropped together by the tie rule: `strict` (default) never
 * exceeds the quota, `lenient` never splits a tie. `grade` is updated in place; returns the demoted units.
 */
export function applyQuotas(
  grading: Grading,
  members: Int32Array,
  total: Float64Array,
  grade: Uint8Array,
): Set<number> {
  const demoted = new Set<number>();
  const quotas = grading.quotas;
  if (!quotas) return demoted;
  const lenient = grading.tieRule === 'lenient';
  const order = grading.thresholds.map((t) => gradeIndex(t.grade));
  for (let step = 0; step < order.length - 1; step++) {
    const g = order[step]!;
    const next = order[step + 1]!;
    const quota = quotas[GRADES[g]!];
    if (quota === undefined) continue;
    const allowed = Math.floor(quota * members.length + 1e-9);
    let count = 0;
    for (const u of members) if (grade[u] === g) count++;
    if (count <= allowed) continue;
    const keys = new Float64Array(total.length);
    for (const u of members) keys[u] = totalKey(total[u]!);
    const held = new Int32Array(count);
    let k = 0;
    for (const u of members) if (grade[u] === g) held[k++] = u;
    const holders = orderByKeyDesc(keys, held);
    let keep = allowed;
    if (keep > 0 && keep < holders.length) {
      const boundary = keys[holders[keep - 1]!]!;
      if (keys[holders[keep]!] === boundary) {
        if (lenient) {
          while (keep < holders.length && keys[holders[keep]!] === boundary) keep++;
        } else {
          while (keep > 0 && keys[holders[keep - 1]!] === boundary) keep--;
        }
      }
    }
    for (let i = keep; i < holders.length; i++) {
      const u = holders[i]!;
      grade[u] = next;
      demoted.add(u);
    }
  }
  return demoted;
}
