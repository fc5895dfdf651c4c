import type { ExplainedNode, Explanation, FlagName, Grade, Grading } from '@xiaoneng/engine';

/** 红黄绿灯: red = behind (约谈), yellow = close but not there (提醒), green = met (推广). */
export type Light = 'red' | 'yellow' | 'green';

/**
 * Where the lights change. An indicator with a target compares its value with the target: more than 20 %
 * short of it is red (the "lags the plan by more than 20 %" warning), short by less is yellow, met is
 * green. One without a target (relative methods: min–max, rank, frontier…) is judged by its score rate.
 */
export const LIGHT_RULES = {
  targetRedBelow: 0.8,
  rateRedBelow: 0.6,
  rateGreenFrom: 0.9,
} as const;

export interface AdvisedIndicator {
  code: string;
  name: string;
  /** The top-level node (dimension) the indicator belongs to. */
  dimension: { code: string; name: string };
  points: number;
  fullPoints: number;
  /** Points not earned (fullPoints − points): what the unit can win back at most. */
  recoverable: number;
  fraction: number | null;
  light: Light;
  direction: 'up' | 'down';
  raw: number | null;
  unit?: string;
  target?: number;
  /** How far the value still is from the target, in the indicator's direction (> 0: still to go). */
  gapToTarget?: number;
  /** raw ÷ target (up) or target ÷ raw (down); only with a target and a value. */
  achievement?: number;
  flags: FlagName[];
}

export type WarningCode = 'veto' | 'deduction' | 'missing' | 'imputed' | 'behindTarget' | 'quotaDemoted';

export interface UnitWarning {
  level: Light;
  code: WarningCode;
  /** The item or indicator the warning is about (none for a quota demotion: that is about the grade). */
  subject?: { code: string; name: string };
  points?: number;
  /** quotaDemoted: the grade the score earned, before the quota lowered it. */
  gradeByScore?: Grade;
}

export type NextStepKind = 'liftVeto' | 'avoidDeduction' | 'supplyData' | 'reachTarget' | 'raiseScore';

export interface NextStep {
  kind: NextStepKind;
  subject: { code: string; name: string };
  /** Points the step would win back at most (0 for a veto: it decides the grade, not the points). */
  points: number;
  raw?: number | null;
  target?: number;
  gapToTarget?: number;
  unit?: string;
}

export interface UnitAdvice {
  unitCode: string;
  total: number;
  rank: number;
  classSize: number;
  grade: Grade;
  lights: Record<Light, number>;
  dimensions: { code: string; name: string; points: number; fullPoints: number; light: Light }[];
  /** Every indicator, the most points recoverable first. */
  indicators: AdvisedIndicator[];
  warnings: UnitWarning[];
  /** The largest recoverable gaps first; vetoes before everything. At most {@link MAX_NEXT_STEPS}. */
  nextSteps: NextStep[];
  /** Points to draw level with the nearest unit ranked above (null for the first). */
  toNextRank: { rank: number; unitName: string; points: number } | null;
  /** Points to the next better grade's minimum by score (null at the top grade or without thresholds). */
  toNextGrade: { grade: Grade; min: number; points: number } | null;
}

export const MAX_NEXT_STEPS = 5;

const IMPUTED: readonly FlagName[] = ['carried', 'classMean'];

function rateLight(fraction: number | null): Light {
  if (fraction === null || fraction < LIGHT_RULES.rateRedBelow) return 'red';
  return fraction >= LIGHT_RULES.rateGreenFrom ? 'green' : 'yellow';
}

function achievementOf(n: ExplainedNode): number | undefined {
  const leaf = n.leaf;
  if (leaf?.target === undefined || leaf.raw === null) return undefined;
  if (leaf.direction === 'up') return leaf.target === 0 ? (leaf.raw >= 0 ? 1 : 0) : leaf.raw / leaf.target;
  // Lower is better: at or under the target is met; a value of zero beats any positive target.
  return leaf.raw <= leaf.target ? 1 : leaf.raw === 0 ? 1 : leaf.target / leaf.raw;
}

function indicatorLight(n: ExplainedNode, achievement: number | undefined): Light {
  if (n.flags.includes('missing') || n.flags.includes('zeroed')) return 'red';
  if (achievement === undefined) return rateLight(n.fraction);
  if (achievement >= 1) return 'green';
  return achievement < LIGHT_RULES.targetRedBelow ? 'red' : 'yellow';
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * 差距与建议: from a unit's explanation, what it lost where, how each indicator stands (red/yellow/green),
 * what to warn about and what would win back the most points. Pure: the same explanation, the same advice.
 */
export function adviseUnit(e: Explanation, grading?: Grading): UnitAdvice {
  const indicators: AdvisedIndicator[] = [];
  const walk = (n: ExplainedNode, dim: { code: string; name: string }) => {
    if (n.children) for (const c of n.children) walk(c, dim);
    const leaf = n.leaf;
    if (leaf === undefined) return;
    const achievement = achievementOf(n);
    const item: AdvisedIndicator = {
      code: n.code,
      name: n.name,
      dimension: dim,
      points: n.points,
      fullPoints: n.fullPoints,
      recoverable: round(Math.max(0, n.lost)),
      fraction: n.fraction,
      light: indicatorLight(n, achievement),
      direction: leaf.direction,
      raw: leaf.raw,
      flags: n.flags,
    };
    if (leaf.unit !== undefined) item.unit = leaf.unit;
    if (leaf.target !== undefined) item.target = leaf.target;
    if (leaf.gapToTarget !== undefined) item.gapToTarget = leaf.gapToTarget;
    if (achievement !== undefined) item.achievement = round(achievement);
    indicators.push(item);
  };
  for (const d of e.tree) walk(d, { code: d.code, name: d.name });
  indicators.sort((a, b) => b.recoverable - a.recoverable || (a.code < b.code ? -1 : 1));

  const lights: Record<Light, number> = { red: 0, yellow: 0, green: 0 };
  for (const i of indicators) lights[i.light]++;

  const warnings: UnitWarning[] = [];
  for (const v of e.vetoes)
    warnings.push({ level: 'red', code: 'veto', subject: { code: v.code, name: v.name } });
  if (e.gradeReason === 'quota')
    warnings.push({ level: 'yellow', code: 'quotaDemoted', gradeByScore: e.gradeByScore });
  for (const d of e.deduction)
    warnings.push({
      level: 'yellow',
      code: 'deduction',
      subject: { code: d.code, name: d.name },
      points: d.points,
    });
  for (const i of indicators) {
    const subject = { code: i.code, name: i.name };
    if (i.flags.includes('missing')) warnings.push({ level: 'red', code: 'missing', subject });
    else if (i.flags.some((f) => IMPUTED.includes(f)))
      warnings.push({ level: 'yellow', code: 'imputed', subject });
    else if (i.light === 'red' && i.target !== undefined)
      warnings.push({ level: 'red', code: 'behindTarget', subject, points: i.recoverable });
  }

  const steps: NextStep[] = e.vetoes.map((v) => ({
    kind: 'liftVeto' as const,
    subject: { code: v.code, name: v.name },
    points: 0,
  }));
  const gains: NextStep[] = e.deduction.map((d) => ({
    kind: 'avoidDeduction' as const,
    subject: { code: d.code, name: d.name },
    points: Math.abs(d.points),
  }));
  for (const i of indicators) {
    if (i.recoverable <= 0) continue;
    const subject = { code: i.code, name: i.name };
    const kind: NextStepKind = i.flags.includes('missing')
      ? 'supplyData'
      : i.gapToTarget !== undefined && i.gapToTarget > 0
        ? 'reachTarget'
        : 'raiseScore';
    const step: NextStep = { kind, subject, points: i.recoverable, raw: i.raw };
    if (i.target !== undefined) step.target = i.target;
    if (i.gapToTarget !== undefined) step.gapToTarget = i.gapToTarget;
    if (i.unit !== undefined) step.unit = i.unit;
    gains.push(step);
  }
  gains.sort((a, b) => b.points - a.points || (a.subject.code < b.subject.code ? -1 : 1));
  const nextSteps = [...steps, ...gains].slice(0, MAX_NEXT_STEPS);

  const above = e.neighbours.filter((n) => n.rank < e.rank).sort((a, b) => b.rank - a.rank)[0];
  const toNextRank =
    above === undefined
      ? null
      : { rank: above.rank, unitName: above.name, points: round(Math.max(0, above.total - e.total)) };

  let toNextGrade: UnitAdvice['toNextGrade'] = null;
  if (grading !== undefined) {
    const at = grading.thresholds.findIndex((th) => th.grade === e.gradeByScore);
    const better = at > 0 ? grading.thresholds[at - 1] : undefined;
    if (better?.min !== undefined)
      toNextGrade = {
        grade: better.grade,
        min: better.min,
        points: round(Math.max(0, better.min - e.total)),
      };
  }

  return {
    unitCode: e.unit.code,
    total: e.total,
    rank: e.rank,
    classSize: e.classSize,
    grade: e.grade,
    lights,
    dimensions: e.tree.map((d) => ({
      code: d.code,
      name: d.name,
      points: d.points,
      fullPoints: d.fullPoints,
      light: rateLight(d.fraction),
    })),
    indicators,
    warnings,
    nextSteps,
    toNextRank,
    toNextGrade,
  };
}
