#!/usr/bin/python3
"""Reference sensitivity analysis in pandas/numpy: a timing reference for `sensitivity/1000-draws`.

    /usr/bin/python3 bench/reference/sensitivity.py --plan plan.json --units units.csv --values values.csv \
        --period 2026 --draws 1000 --seed 1 --out sensitivity.csv [--timings]

The same work per draw as the engine's analysis (packages/engine/src/sensitivity.ts): every weight drawn
from w·[1 − noise, 1 + noise] and siblings re-normalised, one normalisation for the class-relative
indicators (plan, minmax, zscore, rank) and one missing-value policy (plan, exclude, classMean), re-score,
rank and grade; per unit the median rank, the 5–95% interval and how often the grade held. Its random
numbers are numpy's, so the figures match the engine's in distribution, not draw for draw.
"""

import time

_STARTED = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import score as cli  # noqa: E402
import scoring  # noqa: E402

RELATIVE = {"minmax", "zscore", "rank", "frontier"}
METHOD_VARIANTS = ("plan", "minmax", "zscore", "rank")
MISSING_VARIANTS = ("plan", "exclude", "classMean")


def sibling_groups(tree: scoring.ClassTree) -> list:
    groups = [np.array(tree.roots)]
    groups += [np.array(k) for k in tree.children if k]
    return groups


def analyse(prep: scoring.Prepared, draws: int, seed: int, noise: float = 0.2, stable: float = 0.9):
    n = prep.n
    adjust = prep.bonus - prep.deduction
    relative = any(leaf["method"]["type"] in RELATIVE for leaf in prep.leaves.values())
    methods = METHOD_VARIANTS if relative else ("plan",)
    columns: dict = {}

    def fractions(c, members, code, method, missing):
        leaf = prep.leaves[code]
        m = method if method != "plan" and leaf["method"]["type"] in RELATIVE else "plan"
        has_missing = bool(np.isnan(prep.raw(code)[members]).any())
        key = (c, code, m, missing if has_missing else "-")
        if key not in columns:
            columns[key] = prep.fractions(
                members, code, None if m == "plan" else {"type": m}, None if missing == "plan" else missing
            )
        return columns[key]

    def base_points(method, missing, weights):
        base = np.zeros(n)
        for c, (_, members, tree) in enumerate(prep.classes):
            leaf_frac = {
                code: fractions(c, members, code, method, missing)
                for p, code in enumerate(tree.code)
                if tree.leaf[p]
            }
            base[members], _ = scoring.aggregate(tree, leaf_frac, prep.full_marks, weights[c])
        return base

    plan_weights = [np.array(tree.weight) for _, _, tree in prep.classes]
    _, base_rank, base_grade = prep.rank_and_grade(np.maximum(0, base_points("plan", "plan", plan_weights) + adjust))
    groups = [sibling_groups(tree) for _, _, tree in prep.classes]
    rng = np.random.default_rng(seed)
    ranks = np.empty((draws, n), dtype=np.int32)
    same = np.zeros(n, dtype=np.int64)
    for d in range(draws):
        method = methods[rng.integers(len(methods))]
        missing = MISSING_VARIANTS[rng.integers(len(MISSING_VARIANTS))]
        weights = []
        for w0, sibs in zip(plan_weights, groups):
            w = w0 * (1 + noise * (2 * rng.random(len(w0)) - 1))
            for g in sibs:
                w[g] = w[g] / w[g].sum()
            weights.append(w)
        total = np.maximum(0, base_points(method, missing, weights) + adjust)
        _, rank, grade = prep.rank_and_grade(total)
        ranks[d] = rank
        same += grade == base_grade
    ranks.sort(axis=0)

    def at(q):
        return ranks[min(draws - 1, max(0, math.ceil(q * draws) - 1))]

    share = same / draws
    return pd.DataFrame(
        {
            "unit": prep.codes,
            "class": prep.unit_class,
            "rank": base_rank,
            "median": at(0.5),
            "p05": at(0.05),
            "p95": at(0.95),
            "gradeStability": share,
            "unstable": share < stable,
        }
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for a in ("--plan", "--units", "--values", "--period", "--out"):
        ap.add_argument(a, required=True)
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timings", action="store_true")
    args = ap.parse_args(argv)
    with open(args.plan, encoding="utf-8") as f:
        plan = json.load(f)
    units = cli.read_units(args.units, plan)
    values = cli.read_values(args.values)
    t0 = time.perf_counter()
    result = analyse(scoring.Prepared(plan, units, values, args.period), args.draws, args.seed)
    t1 = time.perf_counter()
    result.to_csv(args.out, index=False, lineterminator="\n")
    if args.timings:
        done = time.perf_counter()
        print(json.dumps({"compute_s": t1 - t0, "end_to_end_s": done - _STARTED, "draws": args.draws}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
