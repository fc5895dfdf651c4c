import { SOURCE_INDEX, SOURCES, type ValueTable, ValueTableBuilder } from '@xiaoneng/engine';
import { elementRefs } from './element-refs.js';
import type { ElementSpec } from './indicator-catalog.js';
import type { BuiltPlan } from './plan-builder.js';
import { Prng } from './prng.js';
import type { ClassCode } from './unit-classes.js';
import type { Hierarchy } from './unit-hierarchy.js';

export interface ValueOptions {
  /** Assessed years, oldest first; the year before the first is written for lastYear()/prev() elements. */
  years: readonly number[];
  seed: number;
}

export interface ValueStats {
  /** Rows per source. */
  bySource: Record<'self' | 'thirdParty' | 'inspection' | 'survey', number>;
  /** Self-reported values left out on purpose (unit × element × period). */
  missing: number;
  /** Self-reported values put outside the element's min/max on purpose (e.g. 95 typed for 0.95). */
  outliers: number;
  /** Units whose self-reported values exceed the verified ones by 10–30% wherever verified values exist. */
  inflatedUnits: string[];
}

export interface GeneratedValues {
  values: ValueTable;
  stats: ValueStats;
}

/** Share of reported values missing, of eligible values made outliers, and of units that inflate. */
export const RATES = { missing: 0.02, outlier: 0.002, inflated: 0.03, verified: 0.1, survey: 0.95 } as const;

/**
 * Progress towards the goals: mean and spread, tuned so that totals mostly fall between 60 and 95 with a
 * spread of grades (about a tenth scoring 90 or more before quotas, a few per cent below 60).
 */
const PROGRESS = { mean: 0.73, sd: 0.15 } as const;

/** Methods whose scores depend on the other units of the class: one wild value would skew everyone's score. */
const CLASS_RELATIVE = new Set(['minmax', 'zscore', 'rank', 'frontier', 'rankPoints']);

interface Verification {
  source: number;
  /** Position (in the class's specs) of the flattering element: the leaf's only element, or a ratio's numerator. */
  num: number;
  /** Position of a ratio's denominator; -1 for a single-element leaf. */
  den: number;
}

interface ClassPlan {
  specs: ElementSpec[];
  /** Position (in specs) of the element a `part` element is a share of; -1 otherwise. */
  of: Int32Array;
  /** Interned element id per spec. */
  ids: Int32Array;
  decimals: Uint8Array;
  previous: Uint8Array;
  /** 1 when a leaf reads the element (missing values and outliers are drawn only for those). */
  scored: Uint8Array;
  /** 1 when an outlier may be put in: a bounded element that no class-relative or verified leaf reads. */
  outlierOk: Uint8Array;
  /** 1 when a verified leaf reads the element: its self-reports are never dropped for an inflating unit. */
  verified: Uint8Array;
  verifications: Verification[];
}

function decimalsOf(spec: ElementSpec): number {
  const m = spec.model!;
  switch (m.kind) {
    case 'count':
    case 'events':
      return 0;
    case 'money':
      return 2;
    case 'part':
      return m.decimals ?? 0;
    case 'level':
    case 'change':
      return m.decimals;
  }
}

const POW10 = [1, 10, 100, 1000, 10000];
function round(x: number, d: number): number {
  const p = POW10[d]!;
  return Math.round(x * p) / p;
}
function clamp(x: number, spec: ElementSpec): number {
  if (spec.min !== undefined && x < spec.min) return spec.min;
  if (spec.max !== undefined && x > spec.max) return spec.max;
  return x;
}

function poisson(rng: Prng, lambda: number): number {
  const limit = Math.exp(-Math.min(lambda, 50));
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

function classPlans(built: BuiltPlan, builder: ValueTableBuilder): Map<ClassCode, ClassPlan> {
  const scoredElements = new Set<string>();
  const avoidOutliers = new Set<string>();
  const specByCode = new Map(built.elements.map((e) => [e.code, e]));
  const follow = (code: string, into: Set<string>) => {
    into.add(code);
    const f = specByCode.get(code)?.formula;
    if (f) for (const r of elementRefs(f)) follow(r, into);
  };
  for (const l of built.leaves) {
    const m = l.template.method;
    const relative = CLASS_RELATIVE.has(m.type) || (m.type === 'deviation' && m.reference === 'classMean');
    for (const r of elementRefs(l.template.formula)) {
      follow(r, scoredElements);
      if (relative || l.template.verify) follow(r, avoidOutliers);
    }
  }
  const out = new Map<ClassCode, ClassPlan>();
  for (const [cls, specs] of built.reported) {
    const pos = new Map(specs.map((s, i) => [s.code, i]));
    const of = new Int32Array(specs.length).fill(-1);
    specs.forEach((s, i) => {
      if (s.model?.kind !== 'part') return;
      const j = pos.get(s.model.of);
      // Catalog order puts a total before its parts, so the total is drawn first.
      if (j === undefined || j >= i) throw new Error(`${s.code} must follow ${s.model.of}`);
      of[i] = j;
    });
    const verified = new Uint8Array(specs.length);
    const verifications: Verification[] = [];
    for (const l of built.leaves) {
      const source = l.template.verify;
      if (!source || !l.template.classes.includes(cls)) continue;
      const refs = elementRefs(l.template.formula).map((c) => pos.get(c));
      const [num, den] = refs;
      const shapeOk =
        num !== undefined &&
        (refs.length === 1 || (refs.length === 2 && den !== undefined && of[num] === den));
      if (!shapeOk) throw new Error(`verified leaf ${l.template.key} must read #{a} or #{part} / #{total}`);
      verifications.push({ source: SOURCE_INDEX[source], num, den: den ?? -1 });
      verified[num] = 1;
      if (den !== undefined) verified[den] = 1;
    }
    out.set(cls, {
      specs,
      of,
      ids: Int32Array.from(specs, (s) => builder.elementId(s.code)),
      decimals: Uint8Array.from(specs, decimalsOf),
      previous: Uint8Array.from(specs, (s) => (built.needsPrevious.has(s.code) ? 1 : 0)),
      scored: Uint8Array.from(specs, (s) => (scoredElements.has(s.code) ? 1 : 0)),
      outlierOk: Uint8Array.from(specs, (s) => (s.max !== undefined && !avoidOutliers.has(s.code) ? 1 : 0)),
      verified,
      verifications,
    });
  }
  return out;
}

/**
 * Draws every value of a generated province. Each unit × element gets a progress p (about 0.8 on average,
 * driven by the unit's ability plus noise, a little lower in earlier years); the element's model turns p and
 * the unit's size into a value. Rows go unit by unit, element by element, period by period, so the table
 * (and values.csv) reads naturally.
 */
export function generateValues(built: BuiltPlan, hierarchy: Hierarchy, opts: ValueOptions): GeneratedValues {
  const rng = new Prng(opts.seed);
  const { rows, profiles } = hierarchy;
  const builder = new ValueTableBuilder(estimateRows(built, hierarchy, opts.years.length));
  for (const r of rows) builder.unitId(r.code);
  for (const e of built.elements) builder.elementId(e.code);
  const first = opts.years[0]!;
  const periodIds = [first - 1, ...opts.years].map((y) => builder.periodId(String(y)));
  const plans = classPlans(built, builder);
  const P = opts.years.length;
  const T = P + 1;

  const inflated = new Uint8Array(rows.length);
  const inflatedCount = rows.length >= 10 ? Math.max(1, Math.round(rows.length * RATES.inflated)) : 0;
  for (let k = 0; k < inflatedCount; ) {
    const u = rng.int(0, rows.length - 1);
    if (inflated[u] === 0) {
      inflated[u] = 1;
      k++;
    }
  }

  const stats: ValueStats = {
    bySource: { self: 0, thirdParty: 0, inspection: 0, survey: 0 },
    missing: 0,
    outliers: 0,
    inflatedUnits: [],
  };
  const SELF = SOURCE_INDEX.self;
  const SURVEY = SOURCE_INDEX.survey;
  let truth = new Float64Array(0);
  let reported = new Float64Array(0);
  let checked = new Float64Array(0);
  let checkedBy = new Uint8Array(0);

  for (let u = 0; u < rows.length; u++) {
    const cp = plans.get(rows[u]!.class)!;
    const n = cp.specs.length;
    if (truth.length < n * T) {
      truth = new Float64Array(n * T);
      reported = new Float64Array(n * T);
      checked = new Float64Array(n * T);
      checkedBy = new Uint8Array(n);
    }
    const ability = profiles.ability[u]!;
    const size = profiles.scale[u]!;
    const cheats = inflated[u] === 1;
    if (cheats) stats.inflatedUnits.push(rows[u]!.code);

    for (let i = 0; i < n; i++) {
      const spec = cp.specs[i]!;
      const model = spec.model!;
      const d = cp.decimals[i]!;
      const base = i * T;
      const progress = PROGRESS.mean + PROGRESS.sd * (0.75 * ability + 0.66 * rng.normal());
      // Earlier years are a little further from the goal: t = P is the last assessed year, 0 the year before.
      const pAt = (t: number) => progress - 0.06 * (P - t);
      switch (model.kind) {
        case 'count':
        case 'money': {
          const level = (model.base + model.per * size) * Math.exp(0.3 * rng.normal());
          const floor = model.kind === 'count' ? (model.floor ?? 0) : 0;
          for (let t = 0; t < T; t++) {
            truth[base + t] = Math.max(floor, round(level * (1 + 0.05 * rng.normal()), d));
          }
          break;
        }
        case 'part': {
          const ofBase = cp.of[i]! * T;
          for (let t = 0; t < T; t++) {
            const rate = Math.min(1, Math.max(0, model.from + (model.to - model.from) * pAt(t)));
            truth[base + t] = round(truth[ofBase + t]! * rate, d);
          }
          break;
        }
        case 'level': {
          for (let t = 0; t < T; t++) {
            const v = model.from + (model.to - model.from) * (pAt(t) + 0.05 * rng.normal());
            truth[base + t] = clamp(round(v, d), spec);
          }
          break;
        }
        case 'change': {
          truth[base] = clamp(
            round((model.base + model.per * size) * Math.exp(0.25 * rng.normal()), d),
            spec,
          );
          for (let t = 1; t < T; t++) {
            const v = truth[base + t - 1]! * (1 + model.rate * Math.min(1.3, Math.max(0, pAt(t))));
            truth[base + t] = clamp(round(v, d), spec);
          }
          break;
        }
        case 'events': {
          const lambda = (model.mean + (model.per ?? 0) * size) * Math.exp(model.skill * ability);
          for (let t = 0; t < T; t++) truth[base + t] = poisson(rng, lambda);
          break;
        }
      }
      for (let t = 0; t < T; t++) {
        // Self-assessed satisfaction runs a little above what the public says; other figures are reported as is.
        reported[base + t] = spec.survey
          ? clamp(round(truth[base + t]! + 2 * rng.next(), d), spec)
          : truth[base + t]!;
        checked[base + t] = Number.NaN;
      }
    }

    for (const v of cp.verifications) {
      if (!cheats && !rng.chance(RATES.verified)) continue;
      for (let t = 1; t < T; t++) verify(rng, cp, v, t, T, cheats, truth, reported, checked);
      checkedBy[v.num] = v.source;
      if (v.den >= 0) checkedBy[v.den] = v.source;
    }

    for (let i = 0; i < n; i++) {
      const spec = cp.specs[i]!;
      const d = cp.decimals[i]!;
      const base = i * T;
      const id = cp.ids[i]!;
      for (let t = cp.previous[i] === 1 ? 0 : 1; t < T; t++) {
        const period = periodIds[t]!;
        const assessed = t > 0;
        const drop =
          assessed && cp.scored[i] === 1 && !(cheats && cp.verified[i] === 1) && rng.chance(RATES.missing);
        if (drop) {
          stats.missing++;
        } else {
          let self = reported[base + t]!;
          if (assessed && cp.outlierOk[i] === 1 && rng.chance(RATES.outlier)) {
            self = outlier(rng, self, spec, d);
            stats.outliers++;
          }
          builder.addIds(u, id, period, SELF, self);
          stats.bySource.self++;
        }
        if (!assessed) continue;
        const c = checked[base + t]!;
        if (!Number.isNaN(c)) {
          builder.addIds(u, id, period, checkedBy[i]!, c);
          stats.bySource[SOURCES[checkedBy[i]!] as 'thirdParty' | 'inspection']++;
        }
        if (spec.survey && (cheats || rng.chance(RATES.survey))) {
          // The public sees what there is: the verified level for an inflating unit, the truth otherwise.
          const centre = Number.isNaN(c) ? truth[base + t]! : c;
          builder.addIds(u, id, period, SURVEY, clamp(round(centre + 2 * rng.normal(), d), spec));
          stats.bySource.survey++;
        }
      }
    }
  }
  return { values: builder.build(), stats };
}

/**
 * Verified values of one leaf in one period. An honest unit's verified figures match its reports within a few
 * per cent; an inflating unit's report exceeds the verified value by 10–30%: a single figure is divided by
 * 1.14–1.28, a ratio is re-measured (the inspector may also find more cases than were reported).
 */
function verify(
  rng: Prng,
  cp: ClassPlan,
  v: Verification,
  t: number,
  T: number,
  cheats: boolean,
  truth: Float64Array,
  reported: Float64Array,
  checked: Float64Array,
): void {
  const a = v.num * T + t;
  const spec = cp.specs[v.num]!;
  const d = cp.decimals[v.num]!;
  if (v.den < 0) {
    if (!cheats) {
      checked[a] = spec.survey
        ? clamp(round(truth[a]! + rng.normal(), d), spec)
        : clamp(round(truth[a]! * (0.98 + 0.04 * rng.next()), d), spec);
      return;
    }
    const value = round(reported[a]! / (1.14 + 0.14 * rng.next()), d);
    if (value > 0 && inRange(reported[a]! / value)) checked[a] = value;
    return;
  }
  const b = v.den * T + t;
  const num = reported[a]!;
  const den = reported[b]!;
  if (!cheats) {
    checked[b] = den;
    checked[a] = Math.min(den, round(num * (0.97 + 0.05 * rng.next()), d));
    return;
  }
  if (num <= 0 || den <= 0) return;
  const goal = num / den / (1.14 + 0.14 * rng.next());
  for (let found = den; found <= 3 * den + 10; found++) {
    const fixed = round(goal * found, d);
    if (fixed > 0 && fixed <= found && inRange(num / den / (fixed / found))) {
      checked[a] = fixed;
      checked[b] = found;
      return;
    }
  }
}

/** Whether a report / verified ratio lies within the 10–30% inflation the generator promises. */
function inRange(ratio: number): boolean {
  return ratio >= 1.1 && ratio <= 1.3;
}

/** A value outside the element's range, as data-entry slips make them: a rate typed as a percentage, mostly. */
function outlier(rng: Prng, v: number, spec: ElementSpec, d: number): number {
  const max = spec.max!;
  const typo = round(v * 100, d);
  if (typo > max) return typo;
  return round(max * (1.5 + rng.next()), d);
}

function estimateRows(built: BuiltPlan, hierarchy: Hierarchy, periods: number): number {
  const perClass = new Map<string, number>();
  for (const [cls, specs] of built.reported) {
    const prev = specs.filter((s) => built.needsPrevious.has(s.code)).length;
    perClass.set(cls, specs.length * periods + prev);
  }
  let n = 0;
  for (const r of hierarchy.rows) n += perClass.get(r.class) ?? 0;
  return Math.ceil(n * 1.08) + 1024;
}
