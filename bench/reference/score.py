#!/usr/bin/python3
"""Reference scorer in pandas: the same scoring as `xn score`, written independently, for the benchmark
and the agreement test (bench/reference/agreement.test.ts).

    /usr/bin/python3 bench/reference/score.py --plan plan.json --units units.csv --values values.csv \
        --period 2026 --out result.csv [--timings]

Writes the CSV `xn score` writes (unit,total,rank,grade,<points per dimension>,name,class,…). With
--timings, prints to stderr one JSON object: compute_s (from the loaded long DataFrame to the result table,
pivot included; compute_runs_s lists every run when --compute-repeat N > 1), load_s, write_s and
end_to_end_s (from the start of this script, pandas import included).
"""

import time

_STARTED = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import elements  # noqa: E402
import scoring  # noqa: E402

UNIT_COLUMNS = {
    "code": ["code", "单位代码", "unit", "代码"],
    "name": ["name", "单位名称", "名称"],
    "class": ["class", "类别", "单位类别"],
    "parent": ["parent", "上级", "上级单位", "上级代码"],
    "elasticity": ["elasticity", "弹性系数"],
}
VALUE_COLUMNS = {
    "unit": ["unit", "单位代码", "单位"],
    "element": ["element", "数据元", "数据元代码"],
    "period": ["period", "周期", "考核周期"],
    "source": ["source", "来源", "数据来源"],
    "value": ["value", "数值", "值"],
}
SOURCE_ALIASES = {
    "自评": "self",
    "单位自评": "self",
    "第三方": "thirdParty",
    "第三方评估": "thirdParty",
    "实地核查": "inspection",
    "核查": "inspection",
    "群众评议": "survey",
    "问卷": "survey",
    "问卷调查": "survey",
    **{s.lower(): s for s in elements.SOURCES},
}


def header_map(path: str, header, spec: dict, required) -> dict:
    """Column name per key, matching English or Chinese names case-insensitively."""
    normal = {str(h).lstrip("\ufeff").strip().lower(): h for h in header}
    out = {}
    for key, names in spec.items():
        found = [normal[n.lower()] for n in names if n.lower() in normal]
        if found:
            out[found[0]] = key
        elif key in required:
            sys.exit(f"{path}: the required column {names[0]!r} is missing; the header is {list(header)}")
    return out


def read_units(path: str, plan: dict) -> pd.DataFrame:
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            units = pd.DataFrame(json.load(f))
    else:
        units = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        units = units.rename(columns=header_map(path, units.columns, UNIT_COLUMNS, {"code", "name", "class"}))
    units["code"] = units["code"].astype(str).str.strip()
    by_name = {c["name"]: c["code"] for c in plan["classes"]}
    cls = units["class"].astype(str).str.strip()
    units["class"] = cls.where(cls.isin([c["code"] for c in plan["classes"]]), cls.map(by_name))
    if units["class"].isna().any():
        bad = units.loc[units["class"].isna(), "code"].head(3).tolist()
        sys.exit(f"{path}: units with a class the plan does not define, e.g. {bad}")
    if "elasticity" in units:
        units["elasticity"] = pd.to_numeric(units["elasticity"].replace("", np.nan))
    return units


def read_values(path: str) -> pd.DataFrame:
    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
    names = header_map(path, header, VALUE_COLUMNS, set(VALUE_COLUMNS))
    dtypes = {h: ("float64" if k == "value" else "str") for h, k in names.items()}
    # round_trip: correctly rounded parsing, so that the engine and we start from the very same doubles.
    values = pd.read_csv(
        path, usecols=list(names), dtype=dtypes, encoding="utf-8-sig", float_precision="round_trip"
    )
    values = values.rename(columns=names)
    # Codes are few, so normalise the categories rather than millions of cells.
    src = values["source"].astype("category")
    values["source"] = src.map(
        {c: SOURCE_ALIASES.get(c.strip(), SOURCE_ALIASES.get(c.strip().lower(), c)) for c in src.cat.categories}
    )
    per = values["period"].astype("category")
    values["period"] = per.map({c: c.strip().upper() for c in per.cat.categories})
    return values


def fmt(x: float) -> str:
    """Shortest round-trip form like JavaScript's String(x): 60 rather than 60.0, an empty cell for NaN."""
    if not np.isfinite(x):
        return ""
    r = repr(float(x) + 0.0)
    return r[:-2] if r.endswith(".0") else r


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plan", required=True)
    ap.add_argument("--units", required=True)
    ap.add_argument("--values", required=True)
    ap.add_argument("--period", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--timings", action="store_true")
    ap.add_argument(
        "--compute-repeat",
        type=int,
        default=1,
        metavar="N",
        help="run the compute part N times in this process (for warm timings); the last result is written",
    )
    args = ap.parse_args(argv)

    t_load = time.perf_counter()
    with open(args.plan, encoding="utf-8") as f:
        plan = json.load(f)
    units = read_units(args.units, plan)
    values = read_values(args.values)
    t_load_end = time.perf_counter()

    runs = []
    for _ in range(max(1, args.compute_repeat)):
        t_compute = time.perf_counter()
        result = scoring.score(plan, units, values, args.period)
        t_write = time.perf_counter()
        runs.append(t_write - t_compute)

    for col in result.columns:
        if result[col].dtype == np.float64:
            result[col] = result[col].map(fmt)
    result.to_csv(args.out, index=False, lineterminator="\n")
    t_end = time.perf_counter()
    if args.timings:
        timings = {
            "load_s": t_load_end - t_load,
            "compute_s": runs[0],
            "compute_runs_s": runs,
            "write_s": t_end - t_write,
            "end_to_end_s": t_end - _STARTED,
            "units": len(units),
            "values": len(values),
        }
        print(json.dumps(timings), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
