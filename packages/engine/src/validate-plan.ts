import type { z } from 'zod';
import { EngineError } from './engine-error.js';
import { checkFormula } from './formula/check.js';
import { formulaReferences } from './formula/references.js';
import { type EngineIssue, type LocalisedText, pathToString, text } from './localised.js';
import { GRADES, type Plan, SOURCES } from './plan.js';
import {
  formulaIssue,
  jsonTypeOf,
  planIssue,
  type Subject,
  typeName,
  type WeightEntry,
} from './plan-messages.js';
import { planSchema } from './plan-schema.js';

/**
 * Checks a plan document and reports every problem at once: its shape (from the schema) and the rules
 * between values that the schema cannot express. The rule checks read the raw input defensively, so that
 * a typo in one node does not hide a weight error in another.
 */

export interface PlanValidation {
  /** True when there is no error; warnings alone leave a plan valid. */
  ok: boolean;
  /** The plan, when ok. */
  plan?: Plan;
  /** Errors and warnings, in document order of their paths. */
  issues: EngineIssue[];
}

/**
 * Thrown by {@link assertValidPlan}; `.issues` holds every problem with path and both languages. An
 * EngineError, so that callers catching the engine's one error type catch this too.
 */
export class PlanValidationError extends EngineError {
  constructor(issues: EngineIssue[]) {
    super(issues);
    this.name = 'PlanValidationError';
  }
}

export function assertValidPlan(input: unknown): Plan {
  const r = validatePlan(input);
  if (!r.ok || !r.plan) throw new PlanValidationError(r.issues);
  return r.plan;
}

/** Sibling weights must add up to 1 within this tolerance. */
export const WEIGHT_TOLERANCE = 1e-9;
/** Result indicators should carry at least this share of the weight (结果指标 ≥ 60%). */
export const RESULT_SHARE_MIN = 0.6;

export function validatePlan(input: unknown): PlanValidation {
  const parsed = planSchema.safeParse(input);
  const issues: EngineIssue[] = [];
  if (!parsed.success) for (const i of parsed.error.issues) translate(input, i, [], issues);
  if (isObj(input)) new RuleChecks(input, issues).run();
  const sorted = sortByPath(input, issues);
  const ok = !sorted.some((i) => i.severity === 'error');
  return ok && parsed.success ? { ok, plan: parsed.data, issues: sorted } : { ok: false, issues: sorted };
}

// ── lenient reading of the raw document ───────────────────────────────────────────────────────────────

type Path = (string | number)[];
type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function list(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (Array.isArray(v) && typeof k === 'number') v = v[k];
    else if (isObj(v) && typeof k === 'string') v = v[k];
    else return undefined;
  }
  return v;
}

/** A node of an indicator tree as read from the raw document. */
interface NodeRef {
  obj: Obj;
  path: Path;
  code: string | undefined;
  subject: Subject;
  group: boolean;
  children: NodeRef[];
}

function nodeSubject(obj: Obj, depth: number): Subject {
  const group = 'children' in obj;
  return {
    kind: depth === 0 && group ? 'dimension' : 'indicator',
    code: str(obj.code) ?? '?',
    name: str(obj.name) ?? '',
  };
}

function readTree(v: unknown, path: Path, depth = 0): NodeRef[] {
  const out: NodeRef[] = [];
  list(v).forEach((n, i) => {
    if (!isObj(n)) return;
    const p = [...path, i];
    const group = 'children' in n;
    out.push({
      obj: n,
      path: p,
      code: str(n.code),
      subject: nodeSubject(n, depth),
      group,
      children: group ? readTree(n.children, [...p, 'children'], depth + 1) : [],
    });
  });
  return out;
}

function itemSubject(kind: Subject['kind'], obj: Obj): Subject {
  return { kind, code: str(obj.code) ?? '?', name: str(obj.name) ?? '' };
}

// ── shape issues from the schema ──────────────────────────────────────────────────────────────────────

/** Every field name the format knows, for "did you mean …?" on an unknown key. */
const FIELD_NAMES = [
  ...new Set(
    `format id name version periodType fullMarks elements tree classes bonus bonusCap deduction deductionCap veto
     grading rankAcrossClasses elasticity sources missing code weight description unit rollup min max help formula
     kind direction method type cap span outOf bands levels atLeast atMost points label otherwise rest reference per
     deduct stepwise baseline target stretch core combine order weights dataSources children exclude pointsPer
     condition thresholds grade quotas tieRule`.split(/\s+/),
  ),
];

function suggest(key: string): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const f of FIELD_NAMES) {
    const d = distance(key.toLowerCase(), f.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = f;
    }
  }
  return bestD <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions counted as one edit (weigth → weight). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The subject (element, node, class …) a path points into, and where in the path it starts. */
function subjectAt(root: unknown, path: readonly (string | number)[]): { at: Subject; field: string } {
  let at: Subject = { kind: 'plan' };
  let from = 0;
  type Ctx = 'plan' | 'elements' | 'nodes' | 'node' | 'classes' | 'class' | 'items' | 'other';
  let ctx: Ctx = 'plan';
  let depth = 0;
  let itemKind: Subject['kind'] = 'bonus';
  let v = root;
  for (let i = 0; i < path.length; i++) {
    const k = path[i]!;
    v = valueAt(v, [k]);
    const here = i + 1;
    switch (ctx) {
      case 'plan':
        if (k === 'elements') ctx = 'elements';
        else if (k === 'tree') {
          ctx = 'nodes';
          depth = 0;
        } else if (k === 'classes') ctx = 'classes';
        else if (k === 'bonus' || k === 'deduction' || k === 'veto') {
          ctx = 'items';
          itemKind = k;
        } else {
          if (k === 'grading') {
            at = { kind: 'grading' };
            from = here;
          }
          ctx = 'other';
        }
        break;
      case 'elements':
      case 'items':
        if (isObj(v)) {
          at = itemSubject(ctx === 'elements' ? 'element' : itemKind, v);
          from = here;
        }
        ctx = 'other';
        break;
      case 'nodes':
        if (isObj(v)) {
          at = nodeSubject(v, depth);
          from = here;
          ctx = 'node';
        } else ctx = 'other';
        break;
      case 'node':
        if (k === 'children') {
          ctx = 'nodes';
          depth++;
        } else ctx = 'other';
        break;
      case 'classes':
        if (isObj(v)) {
          at = itemSubject('class', v);
          from = here;
          ctx = 'class';
        } else ctx = 'other';
        break;
      case 'class':
        if (k === 'tree') {
          ctx = 'nodes';
          depth = 0;
        } else ctx = 'other';
        break;
      case 'other':
        break;
    }
  }
  return { at, field: pathToString(path.slice(from)) };
}

function expectedOf(issues: readonly z.core.$ZodIssue[]): LocalisedText {
  const parts = issues.flatMap((i): LocalisedText[] => {
    if (i.code === 'invalid_type') return [typeName(i.expected)];
    if (i.code === 'invalid_value') return i.values.map((v) => text(JSON.stringify(v), JSON.stringify(v)));
    return [];
  });
  const zh = [...new Set(parts.map((p) => p['zh-CN']))];
  const en = [...new Set(parts.map((p) => p.en))];
  return text(zh.join('或'), en.join(' or '));
}

function translate(root: unknown, issue: z.core.$ZodIssue, prefix: Path, out: EngineIssue[]): void {
  const path: Path = [...prefix, ...issue.path.filter((k): k is string | number => typeof k !== 'symbol')];
  const value = valueAt(root, path);
  const where = subjectAt(root, path);
  switch (issue.code) {
    case 'invalid_union': {
      if (issue.discriminator !== undefined) {
        const allowed = ('options' in issue ? issue.options : undefined) ?? [];
        if (value === undefined) {
          const expected = text(
            allowed.map((o) => JSON.stringify(o)).join('、'),
            allowed.map((o) => JSON.stringify(o)).join(', '),
          );
          out.push(planIssue('missing_field', path, { ...where, expected }));
        } else out.push(planIssue('invalid_value', path, { ...where, value, allowed }));
        return;
      }
      const branches = issue.errors;
      if (isObj(value) && branches.length === 2) {
        // The only union of objects is an indicator node: a group when it has children, a leaf otherwise.
        for (const i of branches['children' in value ? 0 : 1] ?? []) translate(root, i, path, out);
        return;
      }
      const first = branches.map((b) => b.filter((i) => i.path.length === 0));
      out.push(
        planIssue('wrong_type', path, {
          ...where,
          expected: expectedOf(first.flat()),
          received: jsonTypeOf(value),
        }),
      );
      return;
    }
    case 'invalid_type':
      if (value === undefined) {
        out.push(planIssue('missing_field', path, { ...where, expected: typeName(issue.expected) }));
      } else {
        out.push(
          planIssue('wrong_type', path, {
            ...where,
            expected: typeName(issue.expected),
            received: jsonTypeOf(value),
          }),
        );
      }
      return;
    case 'unrecognized_keys': {
      const last = path[path.length - 1];
      const allowed = last === 'quotas' ? GRADES : last === 'weights' ? SOURCES : undefined;
      for (const key of issue.keys) {
        const p = [...path, key];
        const suggestion = allowed ? undefined : suggest(key);
        out.push(
          planIssue('unknown_field', p, {
            ...where,
            key,
            ...(suggestion ? { suggestion } : {}),
            ...(allowed ? { allowed } : {}),
          }),
        );
      }
      return;
    }
    case 'invalid_value':
      out.push(planIssue('invalid_value', path, { ...where, value, allowed: issue.values }));
      return;
    case 'too_small':
      out.push(
        planIssue('too_small', path, {
          ...where,
          minimum: Number(issue.minimum),
          origin: issue.origin,
          inclusive: issue.inclusive ?? false,
        }),
      );
      return;
    case 'too_big':
      out.push(
        planIssue('too_big', path, {
          ...where,
          maximum: Number(issue.maximum),
          inclusive: issue.inclusive ?? false,
        }),
      );
      return;
    default:
      out.push(planIssue('invalid_shape', path, { ...where, detail: issue.message }));
  }
}

// ── rules between values ──────────────────────────────────────────────────────────────────────────────

const PLAN: Subject = { kind: 'plan' };

function sumOf(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** Key order for comparing definitions: the same indicator in two trees must agree on everything else. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObj(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}
function definition(n: NodeRef): string {
  const { weight: _w, description: _d, children: _c, ...rest } = n.obj;
  return `${n.group ? 'group' : 'leaf'}:${canonical(rest)}`;
}

class RuleChecks {
  private readonly elementCodes = new Set<string>();
  private readonly fullMarks: number;

  constructor(
    private readonly doc: Obj,
    private readonly out: EngineIssue[],
  ) {
    for (const e of list(doc.elements))
      if (isObj(e) && typeof e.code === 'string') this.elementCodes.add(e.code);
    this.fullMarks = num(doc.fullMarks) ?? 100;
  }

  run(): void {
    const doc = this.doc;
    this.elements();
    const mainTree = readTree(doc.tree, ['tree']);
    const classes = list(doc.classes);
    const usesMainTree = classes.length === 0 || classes.some((c) => isObj(c) && c.tree === undefined);
    if (Array.isArray(doc.tree) && doc.tree.length === 0 && usesMainTree) {
      this.out.push(planIssue('tree_empty', ['tree'], { tree: PLAN }));
    }
    this.tree(mainTree, PLAN, ['tree']);
    const share = resultShare(mainTree, new Map(), new Set());
    if (share !== undefined && mainTree.length > 0 && share < RESULT_SHARE_MIN) {
      this.out.push(planIssue('result_share_low', ['tree'], { tree: PLAN, share }));
    }
    if (Array.isArray(doc.classes) && classes.length === 0)
      this.out.push(planIssue('classes_empty', ['classes']));
    this.classes(mainTree);
    this.adjustments('bonus');
    this.adjustments('deduction');
    this.vetoes();
    for (const field of ['bonusCap', 'deductionCap'] as const) {
      const v = num(doc[field]);
      if (v !== undefined && v < 0)
        this.out.push(planIssue('cap_negative', [field], { subject: PLAN, field, value: v }));
    }
    const fm = num(doc.fullMarks);
    if (fm !== undefined && fm <= 0)
      this.out.push(planIssue('full_marks_not_positive', ['fullMarks'], { value: fm }));
    if (isObj(doc.elasticity)) {
      const min = num(doc.elasticity.min);
      const max = num(doc.elasticity.max);
      if (min !== undefined && max !== undefined && !(min > 0 && min <= 1 && max >= 1)) {
        this.out.push(planIssue('elasticity_bounds', ['elasticity'], { min, max }));
      }
    }
    this.sourceRule(doc.sources, ['sources'], PLAN);
    this.grading();
  }

  private unique(items: readonly unknown[], path: Path, subject: (o: Obj) => Subject): void {
    const first = new Map<string, Path>();
    items.forEach((item, i) => {
      if (!isObj(item) || typeof item.code !== 'string') return;
      const seen = first.get(item.code);
      if (seen) {
        this.out.push(
          planIssue('duplicate_code', [...path, i, 'code'], {
            subject: subject(item),
            first: pathToString(seen),
          }),
        );
      } else first.set(item.code, [...path, i]);
    });
  }

  private formula(src: unknown, path: Path, subject: Subject): void {
    if (typeof src !== 'string') return;
    for (const e of checkFormula(src, this.elementCodes)) this.out.push(formulaIssue(subject, path, src, e));
  }

  private elements(): void {
    const items = list(this.doc.elements);
    this.unique(items, ['elements'], (o) => itemSubject('element', o));
    const computed = new Map<string, { index: number; refs: string[] }>();
    items.forEach((e, i) => {
      if (!isObj(e)) return;
      const subject = itemSubject('element', e);
      const min = num(e.min);
      const max = num(e.max);
      if (min !== undefined && max !== undefined && min > max) {
        this.out.push(planIssue('element_range', ['elements', i, 'min'], { element: subject, min, max }));
      }
      this.formula(e.formula, ['elements', i, 'formula'], subject);
      if (typeof e.code === 'string' && typeof e.formula === 'string' && !computed.has(e.code)) {
        computed.set(e.code, { index: i, refs: formulaReferences(e.formula).map((r) => r.element) });
      }
    });
    for (const cycle of findCycles(computed)) {
      const start = computed.get(cycle[0]!)!;
      this.out.push(planIssue('formula_cycle', ['elements', start.index, 'formula'], { cycle }));
    }
  }

  /** Codes, weights, leaves and the result share of one tree (the plan's or a class's own). */
  private tree(roots: readonly NodeRef[], owner: Subject, path: Path): void {
    const first = new Map<string, Path>();
    const walk = (level: readonly NodeRef[], parent: NodeRef | undefined): void => {
      const weights: WeightEntry[] = [];
      let numeric = true;
      for (const n of level) {
        if (n.code !== undefined) {
          const seen = first.get(n.code);
          if (seen) {
            this.out.push(
              planIssue('duplicate_code', [...n.path, 'code'], {
                subject: n.subject,
                first: pathToString(seen),
              }),
            );
          } else first.set(n.code, n.path);
        }
        const w = num(n.obj.weight);
        if (w === undefined) numeric = false;
        else {
          weights.push({ code: n.code ?? '?', weight: w });
          if (w <= 0)
            this.out.push(
              planIssue('weight_not_positive', [...n.path, 'weight'], { node: n.subject, weight: w }),
            );
        }
        if (n.group) {
          if (Array.isArray(n.obj.children) && n.obj.children.length === 0) {
            this.out.push(planIssue('group_empty', [...n.path, 'children'], { node: n.subject }));
          }
          walk(n.children, n);
        } else this.leaf(n);
      }
      const sum = sumOf(weights.map((w) => w.weight));
      if (numeric && level.length > 0 && Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
        const at = parent ? [...parent.path, 'children'] : path;
        this.out.push(
          planIssue('weights_sum', at, {
            ...(parent ? { parent: parent.subject } : {}),
            tree: owner,
            sum,
            weights,
          }),
        );
      }
    };
    walk(roots, undefined);
  }

  private leaf(n: NodeRef): void {
    const o = n.obj;
    const node = n.subject;
    this.formula(o.formula, [...n.path, 'formula'], node);
    this.sourceRule(o.sources, [...n.path, 'sources'], node);
    const direction = o.direction === 'down' ? 'down' : o.direction === 'up' ? 'up' : undefined;
    const target = num(o.target);
    const baseline = num(o.baseline);
    const stretch = num(o.stretch);
    if (direction && target !== undefined && stretch !== undefined) {
      if (direction === 'up' ? stretch <= target : stretch >= target) {
        this.out.push(
          planIssue('stretch_wrong_side', [...n.path, 'stretch'], { node, direction, target, stretch }),
        );
      }
    }
    if (!isObj(o.method)) return;
    const m = o.method;
    const mp: Path = [...n.path, 'method'];
    const positive = (param: string) => {
      const v = num(m[param]);
      if (v !== undefined && v <= 0)
        this.out.push(planIssue('param_not_positive', [...mp, param], { node, param, value: v }));
    };
    const capAtLeastOne = () => {
      const c = num(m.cap);
      if (c !== undefined && c < 1)
        this.out.push(planIssue('cap_below_one', [...mp, 'cap'], { node, cap: c }));
    };
    switch (m.type) {
      case 'target':
        capAtLeastOne();
        if (target === undefined && o.target === undefined) {
          this.out.push(planIssue('target_missing', [...n.path, 'target'], { node, method: 'target' }));
        } else if (target !== undefined && target <= 0) {
          this.out.push(planIssue('target_not_positive', [...n.path, 'target'], { node, target }));
        }
        return;
      case 'linear':
        capAtLeastOne();
        if (o.target === undefined)
          this.out.push(planIssue('target_missing', [...n.path, 'target'], { node, method: 'linear' }));
        if (o.baseline === undefined)
          this.out.push(planIssue('baseline_missing', [...n.path, 'baseline'], { node }));
        if (target !== undefined && baseline !== undefined) {
          if (target === baseline) {
            this.out.push(
              planIssue('baseline_equals_target', [...n.path, 'target'], { node, value: target }),
            );
          } else if (direction && (direction === 'up' ? target < baseline : target > baseline)) {
            this.out.push(
              planIssue('direction_inconsistent', [...n.path, 'target'], {
                node,
                direction,
                baseline,
                target,
              }),
            );
          }
        }
        if (stretch !== undefined && (num(m.cap) ?? 1) <= 1) {
          this.out.push(planIssue('stretch_without_cap', [...mp, 'cap'], { node, stretch }));
        }
        return;
      case 'zscore':
        positive('span');
        return;
      case 'bands':
      case 'anchored':
        this.bands(n, m, m.type === 'bands' ? 'bands' : 'levels', direction);
        return;
      case 'rankPoints':
        this.rankPoints(n, m);
        return;
      case 'deviation':
        positive('outOf');
        positive('per');
        positive('deduct');
        return;
    }
  }

  private bands(n: NodeRef, m: Obj, field: 'bands' | 'levels', direction: 'up' | 'down' | undefined): void {
    const node = n.subject;
    const mp: Path = [...n.path, 'method'];
    const outOf = num(m.outOf);
    if (outOf !== undefined && outOf <= 0) {
      this.out.push(
        planIssue('param_not_positive', [...mp, 'outOf'], { node, param: 'outOf', value: outOf }),
      );
    }
    const levels = m[field];
    if (Array.isArray(levels) && levels.length === 0) {
      this.out.push(planIssue('bands_empty', [...mp, field], { node, field }));
    }
    const inRange = (p: number) => outOf === undefined || outOf <= 0 || (p >= 0 && p <= outOf);
    const need = direction === 'down' ? 'atMost' : 'atLeast';
    const other = direction === 'down' ? 'atLeast' : 'atMost';
    let previous: { bound?: number; points?: number } = {};
    list(levels).forEach((b, i) => {
      if (!isObj(b)) return;
      const bp: Path = [...mp, field, i];
      if (direction && (b[need] === undefined || b[other] !== undefined)) {
        const at = b[other] !== undefined ? other : need;
        this.out.push(planIssue('band_bound', [...bp, at], { node, index: i, direction, need, other }));
      }
      const bound = direction ? num(b[need]) : undefined;
      const up = direction === 'up';
      if (
        bound !== undefined &&
        previous.bound !== undefined &&
        (up ? bound >= previous.bound : bound <= previous.bound)
      ) {
        this.out.push(
          planIssue('bands_order', [...bp, need], {
            node,
            index: i,
            bound: need,
            value: bound,
            previous: previous.bound,
            up,
          }),
        );
      }
      const points = num(b.points);
      if (points !== undefined && !inRange(points)) {
        this.out.push(
          planIssue('points_range', [...bp, 'points'], {
            node,
            what: text(`第 ${i + 1} 个档次`, `level ${i + 1}`),
            points,
            outOf: outOf!,
          }),
        );
      }
      if (points !== undefined && previous.points !== undefined && points > previous.points) {
        this.out.push(
          planIssue('band_points_order', [...bp, 'points'], {
            node,
            index: i,
            points,
            previous: previous.points,
          }),
        );
      }
      previous = {
        ...(bound !== undefined ? { bound } : previous.bound !== undefined ? { bound: previous.bound } : {}),
        ...(points !== undefined ? { points } : {}),
      };
    });
    const otherwise = num(m.otherwise);
    if (otherwise !== undefined && !inRange(otherwise)) {
      this.out.push(
        planIssue('points_range', [...mp, 'otherwise'], {
          node,
          what: text('无档次适用时（otherwise）', 'the fallback (otherwise)'),
          points: otherwise,
          outOf: outOf!,
        }),
      );
    }
  }

  private rankPoints(n: NodeRef, m: Obj): void {
    const node = n.subject;
    const mp: Path = [...n.path, 'method'];
    const points = Array.isArray(m.points) ? m.points.map(num) : undefined;
    if (points && points.length === 0)
      this.out.push(planIssue('rank_points_empty', [...mp, 'points'], { node }));
    const given = num(m.outOf);
    if (given !== undefined && given <= 0) {
      this.out.push(
        planIssue('param_not_positive', [...mp, 'outOf'], { node, param: 'outOf', value: given }),
      );
    }
    const outOf = given ?? points?.[0];
    const check = (p: number | undefined, path: Path, what: LocalisedText) => {
      if (p !== undefined && outOf !== undefined && outOf > 0 && (p < 0 || p > outOf)) {
        this.out.push(planIssue('points_range', path, { node, what, points: p, outOf }));
      }
    };
    (points ?? []).forEach((p, i) => {
      check(p, [...mp, 'points', i], text(`第 ${i + 1} 名`, `rank ${i + 1}`));
      const prev = points![i - 1];
      if (p !== undefined && prev !== undefined && p > prev) {
        this.out.push(
          planIssue('rank_points_order', [...mp, 'points', i], {
            node,
            rank: i + 1,
            points: p,
            previous: prev,
          }),
        );
      }
    });
    const rest = num(m.rest);
    check(rest, [...mp, 'rest'], text('名次之外（rest）', 'the rest value'));
    const last = points?.[points.length - 1];
    if (rest !== undefined && last !== undefined && rest > last) {
      this.out.push(
        planIssue('rank_points_order', [...mp, 'rest'], {
          node,
          rank: points!.length + 1,
          points: rest,
          previous: last,
        }),
      );
    }
  }

  private sourceRule(rule: unknown, path: Path, subject: Subject): void {
    if (!isObj(rule)) return;
    if (rule.combine === 'precedence' && Array.isArray(rule.order)) {
      if (rule.order.length === 0)
        this.out.push(planIssue('source_order_empty', [...path, 'order'], { subject }));
      const seen = new Set<unknown>();
      rule.order.forEach((s, i) => {
        if (seen.has(s) && typeof s === 'string') {
          this.out.push(planIssue('source_order_duplicate', [...path, 'order', i], { subject, source: s }));
        }
        seen.add(s);
      });
    }
    if (rule.combine === 'weighted' && isObj(rule.weights)) {
      let sum = 0;
      let numeric = true;
      for (const [source, w] of Object.entries(rule.weights)) {
        const v = num(w);
        if (v === undefined) numeric = false;
        else if (v < 0) {
          this.out.push(
            planIssue('source_weight_negative', [...path, 'weights', source], { subject, source, weight: v }),
          );
        } else sum += v;
      }
      if (numeric && sum <= 0)
        this.out.push(planIssue('source_weights_zero', [...path, 'weights'], { subject }));
    }
  }

  private classes(mainTree: readonly NodeRef[]): void {
    const items = list(this.doc.classes);
    this.unique(items, ['classes'], (o) => itemSubject('class', o));
    // Where each node code is first defined, across the plan tree and the class trees, to catch one code
    // meaning two different indicators (score() keeps the first definition).
    const defined = new Map<string, NodeRef>();
    const note = (roots: readonly NodeRef[]) => {
      const seenHere = new Set<string>();
      const walk = (level: readonly NodeRef[]) => {
        for (const n of level) {
          if (n.code !== undefined && !seenHere.has(n.code)) {
            seenHere.add(n.code);
            const prior = defined.get(n.code);
            if (!prior) defined.set(n.code, n);
            else if (definition(prior) !== definition(n)) {
              this.out.push(
                planIssue('node_code_conflict', [...n.path, 'code'], {
                  node: n.subject,
                  other: pathToString(prior.path),
                }),
              );
            }
          }
          walk(n.children);
        }
      };
      walk(roots);
    };
    note(mainTree);
    items.forEach((c, i) => {
      if (!isObj(c)) return;
      const cls = itemSubject('class', c);
      const own = c.tree !== undefined;
      const tree = own ? readTree(c.tree, ['classes', i, 'tree']) : mainTree;
      if (own) {
        if (Array.isArray(c.tree) && c.tree.length === 0) {
          this.out.push(planIssue('tree_empty', ['classes', i, 'tree'], { tree: cls }));
        }
        note(tree);
        this.tree(tree, cls, ['classes', i, 'tree']);
      }
      const { overrides, excluded } = this.classOverrides(c, i, cls, tree, own);
      // A class that uses the plan tree unchanged shares its warning; any change can move the share.
      if (own || overrides.size > 0 || excluded.size > 0) {
        const share = resultShare(tree, overrides, excluded);
        if (share !== undefined && tree.length > 0 && share < RESULT_SHARE_MIN) {
          this.out.push(planIssue('result_share_low', ['classes', i], { tree: cls, share }));
        }
      }
    });
  }

  /** A class's `weights` and `exclude` applied to the tree it uses, checked level by level. */
  private classOverrides(
    c: Obj,
    i: number,
    cls: Subject,
    tree: readonly NodeRef[],
    own: boolean,
  ): { overrides: Map<string, number>; excluded: Set<string> } {
    const codes = new Map<string, NodeRef>();
    const index = (level: readonly NodeRef[]) => {
      for (const n of level) {
        if (n.code !== undefined && !codes.has(n.code)) codes.set(n.code, n);
        index(n.children);
      }
    };
    index(tree);
    const overrides = new Map<string, number>();
    const excluded = new Set<string>();
    list(c.exclude).forEach((code, j) => {
      if (typeof code !== 'string') return;
      if (!codes.has(code))
        this.out.push(planIssue('class_exclude_unknown', ['classes', i, 'exclude', j], { cls, code }));
      excluded.add(code);
    });
    if (isObj(c.weights)) {
      for (const [code, w] of Object.entries(c.weights)) {
        const p: Path = ['classes', i, 'weights', code];
        const node = codes.get(code);
        if (!node) {
          this.out.push(planIssue('class_weight_unknown', p, { cls, code }));
          continue;
        }
        if (excluded.has(code)) this.out.push(planIssue('class_weight_excluded', p, { cls, code }));
        const v = num(w);
        if (v === undefined) continue;
        if (v <= 0)
          this.out.push(planIssue('class_weight_not_positive', p, { cls, node: node.subject, weight: v }));
        overrides.set(code, v);
      }
    }
    if (overrides.size === 0 && excluded.size === 0) return { overrides, excluded };
    const owner: Subject = own ? cls : PLAN;
    const walk = (level: readonly NodeRef[], parent: NodeRef | undefined): void => {
      if (level.length === 0) return;
      const kept = level.filter((n) => n.code === undefined || !excluded.has(n.code));
      if (kept.length === 0) {
        this.out.push(
          planIssue('class_excludes_all', ['classes', i, 'exclude'], {
            cls,
            ...(parent ? { parent: parent.subject } : {}),
            tree: owner,
          }),
        );
        return;
      }
      const touched = level.some((n) => n.code !== undefined && overrides.has(n.code));
      // A level that lost siblings is re-normalised by the engine, so only untouched levels must add up to 1.
      if (touched && kept.length === level.length) {
        const weights: WeightEntry[] = [];
        for (const n of level) {
          const w = (n.code !== undefined ? overrides.get(n.code) : undefined) ?? num(n.obj.weight);
          if (w === undefined) return;
          weights.push({ code: n.code ?? '?', weight: w });
        }
        const sum = sumOf(weights.map((w) => w.weight));
        if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
          this.out.push(
            planIssue('class_weights_sum', ['classes', i, 'weights'], {
              cls,
              ...(parent ? { parent: parent.subject } : {}),
              tree: owner,
              sum,
              weights,
            }),
          );
        }
      }
      for (const n of kept) walk(n.children, n);
    };
    walk(tree, undefined);
    return { overrides, excluded };
  }

  private adjustments(field: 'bonus' | 'deduction'): void {
    const items = list(this.doc[field]);
    this.unique(items, [field], (o) => itemSubject(field, o));
    items.forEach((item, i) => {
      if (!isObj(item)) return;
      const subject = itemSubject(field, item);
      this.formula(item.formula, [field, i, 'formula'], subject);
      const c = num(item.cap);
      if (c !== undefined && c < 0)
        this.out.push(planIssue('cap_negative', [field, i, 'cap'], { subject, field: 'cap', value: c }));
    });
  }

  private vetoes(): void {
    const items = list(this.doc.veto);
    this.unique(items, ['veto'], (o) => itemSubject('veto', o));
    items.forEach((item, i) => {
      if (isObj(item)) this.formula(item.condition, ['veto', i, 'condition'], itemSubject('veto', item));
    });
  }

  private grading(): void {
    const g = this.doc.grading;
    if (!isObj(g)) return;
    const tp: Path = ['grading', 'thresholds'];
    const thresholds = list(g.thresholds);
    if (Array.isArray(g.thresholds) && thresholds.length === 0) this.out.push(planIssue('grading_empty', tp));
    const bonusItems = list(this.doc.bonus).map((b) => (isObj(b) ? Math.max(0, num(b.cap) ?? 0) : 0));
    const bonusMax = num(this.doc.bonusCap) ?? sumOf(bonusItems);
    const highest = this.fullMarks + Math.max(0, bonusMax);
    const firstIndex = new Map<string, number>();
    let previousGrade: string | undefined;
    let previousMin: { grade: string; min: number } | undefined;
    thresholds.forEach((t, j) => {
      if (!isObj(t)) return;
      const grade =
        typeof t.grade === 'string' && (GRADES as readonly string[]).includes(t.grade) ? t.grade : undefined;
      const last = j === thresholds.length - 1;
      if (grade) {
        const seen = firstIndex.get(grade);
        if (seen !== undefined) {
          this.out.push(planIssue('grade_duplicate', [...tp, j, 'grade'], { grade, index: j, first: seen }));
        } else {
          firstIndex.set(grade, j);
          if (
            previousGrade !== undefined &&
            GRADES.indexOf(grade as never) < GRADES.indexOf(previousGrade as never)
          ) {
            this.out.push(planIssue('grade_order', [...tp, j, 'grade'], { grade, previous: previousGrade }));
          }
          previousGrade = grade;
        }
      }
      const label = grade ?? String(t.grade ?? j + 1);
      const min = num(t.min);
      if (!last && t.min === undefined)
        this.out.push(planIssue('grade_min_missing', [...tp, j], { grade: label }));
      if (last && min !== undefined)
        this.out.push(planIssue('grade_last_min', [...tp, j, 'min'], { grade: label, min }));
      if (min === undefined) return;
      if (min < 0 || min > highest) {
        this.out.push(planIssue('grade_min_range', [...tp, j, 'min'], { grade: label, min, max: highest }));
      }
      if (previousMin && min >= previousMin.min) {
        this.out.push(
          planIssue('grade_min_order', [...tp, j, 'min'], {
            grade: label,
            min,
            previousGrade: previousMin.grade,
            previousMin: previousMin.min,
          }),
        );
      }
      previousMin = { grade: label, min };
    });
    if (!isObj(g.quotas)) return;
    const lastThreshold = thresholds[thresholds.length - 1];
    const lowest = isObj(lastThreshold) ? lastThreshold.grade : undefined;
    for (const [grade, q] of Object.entries(g.quotas)) {
      if (!(GRADES as readonly string[]).includes(grade)) continue;
      const p: Path = ['grading', 'quotas', grade];
      const quota = num(q);
      if (quota !== undefined && !(quota > 0 && quota <= 1))
        this.out.push(planIssue('quota_range', p, { grade, quota }));
      if (thresholds.length > 0 && !firstIndex.has(grade))
        this.out.push(planIssue('quota_unknown_grade', p, { grade }));
      else if (grade === lowest) this.out.push(planIssue('quota_lowest_grade', p, { grade }));
    }
  }
}

/**
 * Share of the total weight carried by result indicators: the product of the (re-normalised) weights down
 * each path, summed over result leaves. Undefined when a weight is not a number.
 */
function resultShare(
  level: readonly NodeRef[],
  overrides: ReadonlyMap<string, number>,
  excluded: ReadonlySet<string>,
): number | undefined {
  const kept = level.filter((n) => n.code === undefined || !excluded.has(n.code));
  const weights: number[] = [];
  for (const n of kept) {
    const w = (n.code !== undefined ? overrides.get(n.code) : undefined) ?? num(n.obj.weight);
    if (w === undefined) return undefined;
    weights.push(w);
  }
  const total = sumOf(weights);
  if (!(total > 0)) return kept.length === 0 ? 0 : undefined;
  let share = 0;
  for (let i = 0; i < kept.length; i++) {
    const n = kept[i]!;
    const inner = n.group ? resultShare(n.children, overrides, excluded) : n.obj.kind === 'result' ? 1 : 0;
    if (inner === undefined) return undefined;
    share += (weights[i]! / total) * inner;
  }
  return share;
}

/**
 * One cycle per strongly connected group of computed elements, each as a closed walk starting and ending at
 * its element listed first in the plan, e.g. ['a', 'b', 'a'].
 */
export function findCycles(
  graph: ReadonlyMap<string, { index: number; refs: readonly string[] }>,
): string[][] {
  const out: string[][] = [];
  const order = [...graph.keys()];
  const sccId = new Map<string, number>();
  // Tarjan's algorithm, iterative enough for plan sizes: recursion depth is at most the number of elements.
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let scc = 0;
  const edges = (v: string) => (graph.get(v)?.refs ?? []).filter((w) => graph.has(w));
  const connect = (v: string): void => {
    indexOf.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges(v)) {
      if (!indexOf.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        sccId.set(w, scc);
      } while (w !== v);
      scc++;
    }
  };
  for (const v of order) if (!indexOf.has(v)) connect(v);
  const reported = new Set<number>();
  for (const v of order) {
    const id = sccId.get(v)!;
    if (reported.has(id)) continue;
    const members = order.filter((w) => sccId.get(w) === id);
    if (members.length === 1 && !edges(v).includes(v)) continue;
    reported.add(id);
    // Shortest walk from v back to v inside its group, by breadth-first search.
    const prev = new Map<string, string>();
    const queue = [v];
    let found = false;
    for (let q = 0; q < queue.length && !found; q++) {
      const x = queue[q]!;
      for (const w of edges(x)) {
        if (sccId.get(w) !== id) continue;
        if (w === v) {
          prev.set('\u0000end', x);
          found = true;
          break;
        }
        if (!prev.has(w)) {
          prev.set(w, x);
          queue.push(w);
        }
      }
    }
    const back = [prev.get('\u0000end')!];
    while (back[back.length - 1] !== v) back.push(prev.get(back[back.length - 1]!)!);
    out.push([...back.reverse(), v]);
  }
  return out;
}

/** Issues in document order of their paths; issues at the same place keep the order they were found in. */
function sortByPath(root: unknown, issues: readonly EngineIssue[]): EngineIssue[] {
  const rank = (container: unknown, key: string | number): number => {
    if (typeof key === 'number') return key;
    const keys = isObj(container) ? Object.keys(container) : [];
    const i = keys.indexOf(key);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const compare = (a: EngineIssue, b: EngineIssue): number => {
    let container = root;
    const n = Math.min(a.path.length, b.path.length);
    for (let i = 0; i < n; i++) {
      const x = a.path[i]!;
      const y = b.path[i]!;
      if (x !== y) {
        const d = rank(container, x) - rank(container, y);
        if (d !== 0) return d;
        return String(x) < String(y) ? -1 : 1;
      }
      container = valueAt(container, [x]);
    }
    return a.path.length - b.path.length;
  };
  return [...issues].sort(compare);
}
