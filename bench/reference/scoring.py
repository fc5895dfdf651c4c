"""Scoring a plan (docs/plan-format.md) with pandas/numpy: raw values → leaf fractions → tree points →
bonus and deduction → total → rank within class → grade (thresholds, veto, quotas).

An independent implementation of the engine's semantics (packages/engine/src/score.ts), written the way an
analyst would: one vectorised pass per indicator and class, no per-unit Python loops.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

import elements
import formula
import periods

GRADES = ("A", "B", "C", "D")
TOTAL_RESOLUTION = 1e6
RELATIVE_TIE = 1e-9  # deviation steps: a value a hair's breadth from a whole step counts the step


def total_key(total):
    """Totals compare at a millionth of a point (half-up), so float noise below that is a tie."""
    return np.floor(np.asarray(total, dtype=np.float64) * TOTAL_RESOLUTION + 0.5)


def is_leaf(node: dict) -> bool:
    return "children" not in node


# ---- the tree --------------------------------------------------------------------------------------------


def dimension_codes(plan: dict) -> list:
    """Dimensions in the order the engine lists them: the plan's tree, then codes new in class trees."""
    out = [n["code"] for n in plan["tree"]]
    for c in plan["classes"]:
        out += [n["code"] for n in c.get("tree", []) if n["code"] not in out]
    return out


def collect_leaves(plan: dict) -> dict:
    """Leaf definitions by code; a code defined in several trees keeps its first definition."""
    out: dict = {}

    def visit(nodes):
        for n in nodes:
            if is_leaf(n):
                out.setdefault(n["code"], n)
            else:
                visit(n["children"])

    visit(plan["tree"])
    for c in plan["classes"]:
        if "tree" in c:
            visit(c["tree"])
    return out


class ClassTree:
    """A class's tree in post-order (children before parents) with the weights the class uses."""

    def __init__(self, plan: dict, cls: dict):
        excluded = set(cls.get("exclude", []))
        overrides = cls.get("weights", {})
        self.code, self.weight, self.leaf, self.children = [], [], [], []

        def place(nodes):
            kept = [n for n in nodes if n["code"] not in excluded]
            ws = [overrides.get(n["code"], n["weight"]) for n in kept]
            if len(kept) < len(nodes):
                total = 0.0
                for w in ws:
                    total += w
                ws = [w / total for w in ws]
            positions = []
            for n, w in zip(kept, ws):
                kids = [] if is_leaf(n) else place(n["children"])
                positions.append(len(self.code))
                self.code.append(n["code"])
                self.weight.append(w)
                self.leaf.append(is_leaf(n))
                self.children.append(kids)
            return positions

        self.roots = place(cls.get("tree", plan["tree"]))


# ---- leaves: raw values --------------------------------------------------------------------------------


def leaf_raw(store, leaf: dict, plan_rule: dict, period: periods.Period) -> np.ndarray:
    """Precedence: each element from the first source that has it. Weighted: the formula on each source
    alone, averaged with the rule's weights re-normalised over the sources that gave a value."""
    rule = leaf.get("sources", plan_rule)
    expr = formula.parse(leaf["formula"])
    if rule["combine"] == "precedence":
        return store.evaluate(expr, period, elements.precedence(rule["order"]))
    num = np.zeros(store.n)
    den = np.zeros(store.n)
    for s in elements.SOURCES:
        w = rule["weights"].get(s)
        if w is None or w <= 0:
            continue
        v = store.evaluate(expr, period, elements.one_source(s))
        ok = ~np.isnan(v)
        num = np.where(ok, num + w * v, num)
        den = np.where(ok, den + w, den)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / den, np.nan)


# ---- leaves: fractions ---------------------------------------------------------------------------------


def seq_sum(x: np.ndarray) -> float:
    """Left-to-right sum, the order the engine adds in, so class means agree to the last bit."""
    return float(np.cumsum(x)[-1]) if len(x) else 0.0


def class_stats(v: np.ndarray) -> dict:
    """n, min, max, mean, population sd and best of the values present."""
    x = v[~np.isnan(v)]
    if len(x) == 0:
        return {"n": 0, "min": np.nan, "max": np.nan, "mean": np.nan, "sd": np.nan}
    mean = seq_sum(x) / len(x)
    sd = math.sqrt(seq_sum((x - mean) * (x - mean)) / len(x))
    return {"n": len(x), "min": float(x.min()), "max": float(x.max()), "mean": mean, "sd": sd}


def clamp(x, lo, hi):
    return np.where(x < lo, lo, np.where(x > hi, hi, x))


def competition_rank(keys: np.ndarray, descending: bool) -> np.ndarray:
    """Standard competition rank (1, 2, 2, 4) of the present keys; NaN stays NaN."""
    return pd.Series(keys).rank(method="min", ascending=not descending).to_numpy()


def band_points(bands, otherwise: float, v: np.ndarray, up: bool) -> np.ndarray:
    out = np.full(v.shape, float(otherwise))
    # Later bands first, so that the first band that applies is the one that stays.
    for b in reversed(bands):
        if up:
            hit = v >= b.get("atLeast", math.inf)
        else:
            hit = v <= b.get("atMost", -math.inf)
        out = np.where(hit, float(b["points"]), out)
    return out


def normalise(leaf: dict, v: np.ndarray, st: dict) -> np.ndarray:
    """Fraction of full marks for the values `v` of one class (NaN where no value)."""
    m = leaf["method"]
    t = m["type"]
    up = leaf["direction"] == "up"
    if t == "target":
        target = leaf["target"]
        cap = m.get("cap", 1)
        if up:
            ratio = v / target
        else:
            ratio = np.where(v <= 0, cap, target / np.where(v == 0, np.nan, v))
        return clamp(ratio, 0, cap)
    if t == "linear":
        b, target, s = leaf["baseline"], leaf["target"], leaf.get("stretch")
        cap = m.get("cap", 1)
        r = (v - b) / (target - b)
        if s is None:
            return clamp(r, 0, cap)
        beyond = np.minimum(cap, 1 + ((cap - 1) * (v - target)) / (s - target))
        return np.where(r <= 1, clamp(r, 0, 1), beyond)
    if t == "minmax":
        span = st["max"] - st["min"]
        if span == 0:
            return np.where(np.isnan(v), np.nan, 1.0)
        return (v - st["min"]) / span if up else (st["max"] - v) / span
    if t == "zscore":
        span = m.get("span", 3)
        # Identical values have no spread, whatever rounding noise the computed sd carries (0.1, 0.1, 0.1
        # has a mean of 0.10000000000000002 and so an sd of 1.4e-17): every unit scores the middle, 0.5.
        if st["sd"] == 0 or st["max"] == st["min"]:
            return np.where(np.isnan(v), np.nan, 0.5)
        z = (v - st["mean"]) / st["sd"] if up else (st["mean"] - v) / st["sd"]
        return clamp((z + span) / (2 * span), 0, 1)
    if t in ("rank", "rankPoints"):
        r = competition_rank(v, descending=up)
        if t == "rank":
            n = st["n"]
            return np.where(np.isnan(v), np.nan, 1.0) if n == 1 else (n - r) / (n - 1)
        points = m["points"]
        out_of = m.get("outOf", points[0])
        rest = m.get("rest", 0)
        table = np.array(list(points) + [rest], dtype=np.float64)
        idx = np.minimum(np.nan_to_num(r, nan=1).astype(np.int64) - 1, len(points))
        return np.where(np.isnan(v), np.nan, table[idx] / out_of)
    if t == "frontier":
        best = st["max"] if up else st["min"]
        at_best = v >= best if up else v <= best
        if best <= 0:
            rest = np.zeros_like(v)
        else:
            rest = np.maximum(0, v / best) if up else best / v
        return np.where(np.isnan(v), np.nan, np.where(at_best, 1.0, rest))
    if t in ("bands", "anchored"):
        bands = m["bands"] if t == "bands" else m["levels"]
        pts = band_points(bands, m.get("otherwise", 0), v, up)
        return np.where(np.isnan(v), np.nan, pts / m["outOf"])
    if t == "binary":
        target = leaf.get("target")
        if target is None:
            hit = v != 0
        else:
            hit = v >= target if up else v <= target
        return np.where(np.isnan(v), np.nan, np.where(hit, 1.0, 0.0))
    if t == "deviation":
        ref = st["mean"] if m["reference"] == "classMean" else m["reference"]
        d = np.maximum(0, ref - v if up else v - ref)
        steps = np.floor(d / m["per"] + RELATIVE_TIE) if m.get("stepwise") else d / m["per"]
        return np.maximum(0, m["outOf"] - m["deduct"] * steps) / m["outOf"]
    raise ValueError(f"unknown scoring method {t!r} on indicator {leaf['code']}")


def method_cap(method: dict) -> float:
    return method.get("cap", 1) if method["type"] in ("target", "linear") else 1


def leaf_fractions(leaf, policy, raw, previous_raw, elasticity) -> np.ndarray:
    """One leaf's fractions for the members of one class: missing policy, method, elasticity (core)."""
    missing = np.isnan(raw)
    work = raw.copy()
    zeroed = np.zeros(len(raw), dtype=bool)
    if policy == "carry":
        carried = missing & ~np.isnan(previous_raw)
        work = np.where(carried, previous_raw, work)
        zeroed = missing & ~carried
    elif policy == "classMean":
        present = raw[~missing]
        if len(present):
            work = np.where(missing, seq_sum(present) / len(present), work)
        else:
            zeroed = missing
    elif policy == "zero":
        zeroed = missing
    # 'exclude' leaves the fraction NaN; the parent hands the weight to the siblings.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        frac = normalise(leaf, work, class_stats(work))
        frac = np.where(np.isnan(work), np.nan, frac)
        if leaf.get("core"):
            cap = method_cap(leaf["method"])
            frac = np.where((elasticity != 1) & ~np.isnan(frac), np.minimum(cap, frac * elasticity), frac)
    return np.where(zeroed, 0.0, frac)


# ---- aggregation ---------------------------------------------------------------------------------------


def weighted(kids, weights, frac):
    """Σ wᵢ·sᵢ / Σ wᵢ over the children with a fraction, left to right, per unit; and Σ wᵢ."""
    num = 0.0
    den = 0.0
    for k in kids:
        s = frac[k]
        ok = ~np.isnan(s)
        num = np.where(ok, num + weights[k] * s, num)
        den = np.where(ok, den + weights[k], den)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan), den


def aggregate(tree: ClassTree, leaf_frac: dict, full_marks: float, weights=None):
    """Base points and per-dimension points of the members of one class; `weights` replaces the tree's
    (sensitivity analysis)."""
    w = tree.weight if weights is None else weights
    frac: dict = {}
    for p, code in enumerate(tree.code):
        if tree.leaf[p]:
            frac[p] = leaf_frac[code]
        else:
            frac[p], _ = weighted(tree.children[p], w, frac)
    root, den = weighted(tree.roots, w, frac)
    base = np.where(np.isnan(root), 0.0, full_marks * root)
    dims = {}
    with np.errstate(invalid="ignore", divide="ignore"):
        for r in tree.roots:
            # A dimension all of whose indicators were excluded has no points at all (an empty cell).
            dims[tree.code[r]] = ((full_marks * w[r]) / den) * frac[r]
    return base, dims


# ---- adjustments, veto -------------------------------------------------------------------------------


def adjustments(store, items, cap_sum, period, selection) -> np.ndarray:
    total = np.zeros(store.n)
    for item in items or []:
        x = store.evaluate(formula.parse(item["formula"]), period, selection)
        with np.errstate(invalid="ignore", over="ignore"):
            pts = np.where(np.isnan(x), 0.0, np.minimum(item["cap"], np.maximum(0, x * item["pointsPer"])))
        total = total + pts
    if cap_sum is not None:
        total = np.where(total > cap_sum, float(cap_sum), total)
    return total


def veto_hits(store, items, period, selection) -> list:
    """Per veto item, where its condition holds (non-zero; a missing value does not veto)."""
    hits = []
    for item in items or []:
        x = store.evaluate(formula.parse(item["condition"]), period, selection)
        hits.append(~np.isnan(x) & (x != 0))
    return hits


# ---- grading -------------------------------------------------------------------------------------------


def grade_by_threshold(grading: dict, total: np.ndarray) -> np.ndarray:
    thresholds = grading["thresholds"]
    key = total_key(total)
    out = np.full(len(total), GRADES.index(thresholds[-1]["grade"]), dtype=np.int64)
    for t in reversed(thresholds):
        hit = np.ones(len(total), dtype=bool) if t.get("min") is None else key >= total_key(t["min"])
        out = np.where(hit, GRADES.index(t["grade"]), out)
    return out


def apply_quotas(grading: dict, total: np.ndarray, grade: np.ndarray) -> np.ndarray:
    """Forced distribution in one class, down the plan's own grade ladder (its thresholds): at most
    floor(quota × size) units keep a grade, best totals first; the rest drop to the next grade of the
    ladder and compete for its quota; the lowest grade cannot drop. A tie at the boundary keeps or drops
    together: strict (default) never exceeds the quota, lenient never splits a tie."""
    quotas = grading.get("quotas")
    if not quotas:
        return grade
    grade = grade.copy()
    lenient = grading.get("tieRule") == "lenient"
    key = total_key(total)
    by_total = np.lexsort((np.arange(len(total)), -key))
    ladder = [GRADES.index(t["grade"]) for t in grading["thresholds"]]
    for g, lower in zip(ladder, ladder[1:]):
        quota = quotas.get(GRADES[g])
        if quota is None:
            continue
        allowed = math.floor(quota * len(total) + 1e-9)
        holders = by_total[grade[by_total] == g]
        if len(holders) <= allowed:
            continue
        keep = allowed
        if 0 < keep < len(holders):
            boundary = key[holders[keep - 1]]
            if key[holders[keep]] == boundary:
                tied = key[holders] == boundary
                if lenient:
                    keep = int(np.flatnonzero(tied)[-1]) + 1
                else:
                    keep = int(np.flatnonzero(tied)[0])
        grade[holders[keep:]] = lower
    return grade


# ---- the whole ---------------------------------------------------------------------------------------------


class Prepared:
    """What scoring needs before weights, methods and missing policies come in: the pivot, each leaf's raw
    values, the classes with their members and trees, bonus minus deduction, vetoes."""

    def __init__(self, plan: dict, units: pd.DataFrame, values: pd.DataFrame, period_code: str):
        period = periods.parse(period_code)
        if period is None or period.type != plan["periodType"]:
            raise ValueError(f"period {period_code!r} does not fit the plan's period type {plan['periodType']}")
        self.plan = plan
        self.period = period
        self.codes = pd.Index(units["code"].astype(str))
        self.n = n = len(self.codes)
        self.store = elements.ElementStore(plan, self.codes, values)
        self.plan_rule = plan.get("sources", {"combine": "precedence", "order": list(elements.DEFAULT_ORDER)})
        order = self.plan_rule["order"] if self.plan_rule["combine"] == "precedence" else elements.DEFAULT_ORDER
        self.default_sel = elements.precedence(order)
        self.full_marks = plan.get("fullMarks", 100)
        self.leaves = collect_leaves(plan)
        self.unit_class = units["class"].astype(str).to_numpy()
        self.elasticity = (
            units["elasticity"].fillna(1.0).to_numpy(dtype=np.float64) if "elasticity" in units else np.ones(n)
        )
        self.classes = []
        for cls in plan["classes"]:
            members = np.flatnonzero(self.unit_class == cls["code"])
            if len(members):
                self.classes.append((cls, members, ClassTree(plan, cls)))
        self._raw: dict = {}
        self._prev: dict = {}
        self.bonus = adjustments(self.store, plan.get("bonus"), plan.get("bonusCap"), period, self.default_sel)
        self.deduction = adjustments(
            self.store, plan.get("deduction"), plan.get("deductionCap"), period, self.default_sel
        )
        self.veto_hits = veto_hits(self.store, plan.get("veto"), period, self.default_sel)
        self.veto = np.zeros(n, dtype=bool)
        for h in self.veto_hits:
            self.veto |= h

    def raw(self, code: str) -> np.ndarray:
        if code not in self._raw:
            self._raw[code] = leaf_raw(self.store, self.leaves[code], self.plan_rule, self.period)
        return self._raw[code]

    def previous_raw(self, code: str) -> np.ndarray:
        if code not in self._prev:
            self._prev[code] = leaf_raw(self.store, self.leaves[code], self.plan_rule, periods.previous(self.period))
        return self._prev[code]

    def fractions(self, members: np.ndarray, code: str, method=None, missing=None) -> np.ndarray:
        """One leaf's fractions for one class, optionally with another method or missing policy."""
        leaf = self.leaves[code]
        if method is not None:
            leaf = {**leaf, "method": method}
        policy = missing or leaf.get("missing", self.plan.get("missing", "zero"))
        prev = self.previous_raw(code)[members] if policy == "carry" else None
        return leaf_fractions(leaf, policy, self.raw(code)[members], prev, self.elasticity[members])

    def rank_and_grade(self, total: np.ndarray):
        """Competition ranks within class at 1e-6 and grades: thresholds, then veto, then quotas."""
        grading = self.plan["grading"]
        lowest = GRADES.index(grading["thresholds"][-1]["grade"])
        grade = np.where(self.veto, lowest, grade_by_threshold(grading, total))
        key = total_key(total)
        rank = np.zeros(self.n, dtype=np.int64)
        for _, members, _ in self.classes:
            rank[members] = competition_rank(key[members], descending=True).astype(np.int64)
            grade[members] = apply_quotas(grading, total[members], grade[members])
        return key, rank, grade


def score(plan: dict, units: pd.DataFrame, values: pd.DataFrame, period_code: str) -> pd.DataFrame:
    """Scores every unit; `units` has code, name, class, elasticity; `values` is long (unit, element,
    period, source, value). Returns the table `xn score` writes."""
    prep = Prepared(plan, units, values, period_code)
    n = prep.n
    base = np.zeros(n)
    dims: dict = {}
    for _, members, tree in prep.classes:
        leaf_frac = {code: prep.fractions(members, code) for p, code in enumerate(tree.code) if tree.leaf[p]}
        b, d = aggregate(tree, leaf_frac, prep.full_marks)
        base[members] = b
        for dim, pts in d.items():
            dims.setdefault(dim, np.full(n, np.nan))[members] = pts
    total = np.maximum(0, base + prep.bonus - prep.deduction)
    key, rank, grade = prep.rank_and_grade(total)

    # The columns and row order of `xn score`'s CSV: by class (plan order), then rank, then code.
    out = pd.DataFrame({"unit": prep.codes, "total": total, "rank": rank, "grade": np.array(GRADES)[grade]})
    for dim in dimension_codes(plan):
        out[dim] = dims.get(dim, np.full(n, np.nan))
    out["name"] = units["name"].astype(str).to_numpy() if "name" in units else ""
    out["class"] = prep.unit_class
    if plan.get("rankAcrossClasses"):
        out["overallRank"] = competition_rank(key, descending=True).astype(np.int64)
    out["base"] = base
    out["bonus"] = prep.bonus
    out["deduction"] = prep.deduction
    codes_hit = [np.where(h, item["code"], "") for h, item in zip(prep.veto_hits, plan.get("veto") or [])]
    out["veto"] = [";".join(c for c in row if c) for row in zip(*codes_hit)] if codes_hit else ""
    class_order = {c["code"]: i for i, c in enumerate(plan["classes"])}
    out["_class"] = out["class"].map(class_order)
    return out.sort_values(["_class", "rank", "unit"], kind="stable").drop(columns="_class")
