"""Period codes (考核周期): 2026M03, 2026Q1, 2026H1, 2026 — parsed, shifted and compared."""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

PER_YEAR = {"month": 12, "quarter": 4, "half": 2, "year": 1}
MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
LEVEL = {"month": 0, "quarter": 1, "half": 2, "year": 3}
_PATTERN = re.compile(r"^(\d{4})(?:(M)(0[1-9]|1[0-2])|(Q)([1-4])|(H)([12]))?$")


class Period(NamedTuple):
    code: str
    type: str
    year: int
    index: int


def parse(code: str) -> Optional[Period]:
    m = _PATTERN.match(code)
    if not m:
        return None
    year = int(m.group(1))
    if m.group(2):
        return Period(code, "month", year, int(m.group(3)))
    if m.group(4):
        return Period(code, "quarter", year, int(m.group(5)))
    if m.group(6):
        return Period(code, "half", year, int(m.group(7)))
    return Period(code, "year", year, 1)


def code_of(type_: str, year: int, index: int) -> str:
    if type_ == "month":
        return f"{year}M{index:02d}"
    if type_ == "quarter":
        return f"{year}Q{index}"
    if type_ == "half":
        return f"{year}H{index}"
    return str(year)


def shift(p: Period, steps: int) -> Period:
    n = PER_YEAR[p.type]
    ordinal = p.year * n + (p.index - 1) - steps
    year, rest = divmod(ordinal, n)
    return Period(code_of(p.type, year, rest + 1), p.type, year, rest + 1)


def previous(p: Period) -> Period:
    return shift(p, 1)


def same_last_year(p: Period) -> Period:
    return shift(p, PER_YEAR[p.type])


def month_span(p: Period) -> tuple:
    first = (p.index - 1) * MONTHS[p.type] + 1
    return first, first + MONTHS[p.type] - 1


def contains(outer: Period, inner: Period) -> bool:
    if outer.year != inner.year or MONTHS[inner.type] > MONTHS[outer.type]:
        return False
    a, b = month_span(outer)
    c, d = month_span(inner)
    return c >= a and d <= b


def end_ordinal(p: Period) -> int:
    return p.year * 12 + month_span(p)[1]
