"""Data-element columns per unit: the long values table pivoted to one column per element × source, with
shorter periods rolled up into the assessed one, sources chosen by a rule, computed elements evaluated."""

from __future__ import annotations

import numpy as np
import pandas as pd

import formula
import periods

SOURCES = ("self", "thirdParty", "inspection", "survey")
SOURCE_INDEX = {s: i for i, s in enumerate(SOURCES)}
DEFAULT_ORDER = ("inspection", "thirdParty", "survey", "self")


def precedence(order) -> tuple:
    return ("precedence", tuple(SOURCE_INDEX[s] for s in order))


def one_source(source: str) -> tuple:
    return ("source", SOURCE_INDEX[source])


class ElementStore:
    """Element values by unit for any period. A value reported for the period itself wins; otherwise the
    values of shorter periods inside it roll up by the element's rule, from the coarsest level that has any
    (quarters before months)."""

    def __init__(self, plan: dict, unit_codes: pd.Index, values: pd.DataFrame):
        self.n = len(unit_codes)
        self.elements = {e["code"]: e for e in plan["elements"]}
        self.computed = {c: formula.parse(e["formula"]) for c, e in self.elements.items() if "formula" in e}
        reported = [c for c in self.elements if c not in self.computed]
        self.element_pos = {c: i for i, c in enumerate(reported)}
        self.rollup = np.array([self.elements[c]["rollup"] for c in reported], dtype=object)
        unit = pd.Categorical(values["unit"], categories=unit_codes).codes
        element = pd.Categorical(values["element"], categories=reported).codes
        source = pd.Categorical(values["source"], categories=SOURCES).codes
        period = pd.Categorical(values["period"])
        value = values["value"].to_numpy(dtype=np.float64)
        keep = (unit >= 0) & (element >= 0) & (source >= 0) & ~np.isnan(value)
        self.long = pd.DataFrame(
            {"u": unit[keep], "e": element[keep], "s": source[keep], "p": period.codes[keep], "v": value[keep]}
        )
        self.period_list = [periods.parse(str(c)) for c in period.categories]
        self._wide: dict = {}
        self._cache: dict = {}
        self._nan = np.full(self.n, np.nan)

    # -- the pivot -------------------------------------------------------------------------------------

    def wide(self, period: periods.Period) -> pd.DataFrame:
        """Units × (element, source) for one period, own values first, then rolled-up shorter periods."""
        hit = self._wide.get(period.code)
        if hit is not None:
            return hit
        own = [i for i, p in enumerate(self.period_list) if p is not None and p.code == period.code]
        inner = [
            i
            for i, p in enumerate(self.period_list)
            if p is not None and p.code != period.code and periods.contains(period, p)
        ]
        rows = self.long[self.long["p"].isin(own)]
        wide = rows.pivot_table(index="u", columns=["e", "s"], values="v", aggfunc="last")
        if inner:
            rolled = self._roll_up(self.long[self.long["p"].isin(inner)])
            wide = wide.combine_first(rolled) if len(wide) else rolled
        wide = wide.reindex(range(self.n))
        self._wide[period.code] = wide
        return wide

    def _roll_up(self, rows: pd.DataFrame) -> pd.DataFrame:
        level = np.array([periods.LEVEL[p.type] if p else -1 for p in self.period_list])
        end = np.array([periods.end_ordinal(p) if p else -1 for p in self.period_list])
        rows = rows.assign(level=level[rows["p"].to_numpy()], end=end[rows["p"].to_numpy()])
        rule = self.rollup[rows["e"].to_numpy()]
        keys = ["u", "e", "s", "level"]
        parts = []
        for how in ("sum", "avg", "last", "max", "min"):
            sub = rows[rule == how]
            if sub.empty:
                continue
            g = sub.groupby(keys, sort=False)["v"]
            if how == "avg":
                parts.append(g.sum() / g.count())
            elif how == "last":
                # The latest period wins; among equals the later row, as a stable sort keeps them in order.
                parts.append(sub.sort_values("end", kind="stable").groupby(keys, sort=False)["v"].last())
            else:
                parts.append(getattr(g, how)())
        per_level = pd.concat(parts).rename("v").reset_index()
        coarsest = per_level.sort_values("level", kind="stable").groupby(["u", "e", "s"])["v"].last()
        return coarsest.unstack(["e", "s"])

    # -- columns ---------------------------------------------------------------------------------------

    def source_column(self, element: str, period: periods.Period, source: int) -> np.ndarray:
        wide = self.wide(period)
        key = (self.element_pos.get(element, -1), source)
        if key in wide.columns:
            return wide[key].to_numpy(dtype=np.float64)
        return self._nan

    def column(self, element: str, period: periods.Period, selection: tuple) -> np.ndarray:
        key = (element, period.code, selection)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        expr = self.computed.get(element)
        if expr is not None:
            col = formula.evaluate(expr, self.context(period, selection), self.n)
        elif selection[0] == "source":
            col = self.source_column(element, period, selection[1])
        else:
            col = self._nan
            for s in selection[1]:
                col = np.where(np.isnan(col), self.source_column(element, period, s), col)
        self._cache[key] = col
        return col

    def context(self, period: periods.Period, selection: tuple):
        def column(element: str, shift: str) -> np.ndarray:
            at = period if shift == "current" else periods.previous(period) if shift == "prev" else (
                periods.same_last_year(period)
            )
            return self.column(element, at, selection)

        return column

    def evaluate(self, expr, period: periods.Period, selection: tuple) -> np.ndarray:
        return formula.evaluate(expr, self.context(period, selection), self.n)
