import { adjustments, vetoes } from './adjustments.js';
import { aggregate } from './aggregate.js';
import { EngineError } from './engine-error.js';
import { applyQuotas, gradeByThreshold, gradeIndex } from './grade.js';
import { leafScores } from './leaf-scores.js';
import type { EngineIssue } from './localised.js';
import type { Plan } from './plan.js';
import { type Prepared, prepare, type ScoreOptions } from './prepare.js';
import { competitionRank, totalKey } from './rank.js';
import { type ResultSet, UNIT_FLAG } from './result.js';
import type { Unit } from './unit.js';
import type { ValueTable } from './value-table.js';

export type { ScoreOptions };

/**
 * Scores every unit for one period: raw values → leaf fractions → tree points → bonus and deduction →
 * total → rank within class → grade (thresholds, veto, quotas). Pure and deterministic: the same inputs give
 * the same ResultSet. Throws {@link EngineError} listing every problem with the plan or the inputs.
 */
export function score(
  plan: Plan,
  units: readonly Unit[],
  values: ValueTable,
  options: ScoreOptions,
): ResultSet {
  return scorePrepared(prepare(plan, units, values, options));
}

/** Like {@link score}, but returns the problems instead of throwing. */
export function safeScore(
  plan: Plan,
  units: readonly Unit[],
  values: ValueTable,
  options: ScoreOptions,
): { ok: true; value: ResultSet } | { ok: false; issues: EngineIssue[] } {
  try {
    return { ok: true, value: score(plan, units, values, options) };
  } catch (e) {
    if (e instanceof EngineError) return { ok: false, issues: e.issues };
    throw e;
  }
}

export function scorePrepared(prep: Prepared): ResultSet {
  const { plan } = prep;
  const n = prep.units.length;
  const leaves = leafScores(prep);
  const agg = aggregate(prep, leaves.columns, true, undefined, leaves.fraction);
  const bonus = adjustments(prep, plan.bonus ?? [], plan.bonusCap);
  const deduction = adjustments(prep, plan.deduction ?? [], plan.deductionCap);
  const vetoHits = vetoes(prep);
  const nVeto = plan.veto?.length ?? 0;

  const total = new Float64Array(n);
  const unitFlags = new Uint8Array(n);
  for (let u = 0; u < n; u++) {
    total[u] = Math.max(0, agg.base[u]! + bonus.total[u]! - deduction.total[u]!);
    if (bonus.capped[u]) unitFlags[u]! |= UNIT_FLAG.bonusCapped;
    if (deduction.capped[u]) unitFlags[u]! |= UNIT_FLAG.deductionCapped;
    for (let j = 0; j < nVeto; j++) if (vetoHits[u * nVeto + j]) unitFlags[u]! |= UNIT_FLAG.veto;
  }

  const keys = total.map(totalKey);
  const rank = new Int32Array(n);
  for (const m of prep.members) competitionRank(keys, m, true, rank);
  let overallRank: Int32Array | null = null;
  if (plan.rankAcrossClasses) {
    overallRank = new Int32Array(n);
    competitionRank(
      keys,
      Int32Array.from({ length: n }, (_, i) => i),
      true,
      overallRank,
    );
  }

  const lowest = gradeIndex(plan.grading.thresholds[plan.grading.thresholds.length - 1]!.grade);
  const gradeByScore = new Uint8Array(n);
  const grade = new Uint8Array(n);
  for (let u = 0; u < n; u++) {
    gradeByScore[u] = gradeByThreshold(plan.grading, total[u]!);
    grade[u] = unitFlags[u]! & UNIT_FLAG.veto ? lowest : gradeByScore[u]!;
  }
  for (const m of prep.members) {
    for (const u of applyQuotas(plan.grading, m, total, grade)) unitFlags[u]! |= UNIT_FLAG.quotaDemoted;
  }

  return {
    plan,
    planId: plan.id,
    planVersion: plan.version,
    period: prep.period.code,
    fullMarks: prep.fullMarks,
    units: prep.units,
    nodes: prep.nodes.infos,
    classes: plan.classes.map((c, i) => {
      const tree = prep.trees[i]!;
      // Tree order (pre-order) reads better than the post-order scoring uses.
      const order = [...tree.node.keys()].sort((a, b) => tree.node[a]! - tree.node[b]!);
      return {
        code: c.code,
        name: c.name,
        size: prep.members[i]!.length,
        nodes: order.map((p) => tree.node[p]!),
        weights: order.map((p) => tree.weight[p]!),
      };
    }),
    raw: leaves.raw,
    fraction: agg.fraction!,
    fullPoints: agg.fullPoints!,
    flags: leaves.flags,
    base: agg.base,
    bonus: bonus.total,
    deduction: deduction.total,
    total,
    rank,
    overallRank,
    grade,
    gradeByScore,
    unitFlags,
    bonusItems: (plan.bonus ?? []).map(adjustmentInfo),
    deductionItems: (plan.deduction ?? []).map(adjustmentInfo),
    vetoItems: (plan.veto ?? []).map((v) => ({ code: v.code, name: v.name, condition: v.condition })),
    bonusPoints: bonus.items,
    deductionPoints: deduction.items,
    vetoHits,
    classStats: leaves.stats,
    inputs: prep.store.inputs,
  };
}

function adjustmentInfo(a: { code: string; name: string; formula: string; pointsPer: number; cap: number }) {
  return { code: a.code, name: a.name, formula: a.formula, pointsPer: a.pointsPer, cap: a.cap };
}
