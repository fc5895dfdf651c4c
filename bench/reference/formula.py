"""The formula language (docs/formula-language.md), parsed and evaluated over whole numpy columns.

An independent reading of the language for the reference implementation: a small Pratt parser and a
vectorised evaluator. NaN means missing; arithmetic propagates it, comparisons and and/or give NaN when
either side is missing, division by zero is NaN, min/max/sum/avg skip missing arguments, coalesce takes
the first present one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable, Union

import numpy as np

SHIFTS = ("current", "prev", "lastYear")
FUNCTIONS = {
    "if": (3, 3),
    "min": (1, math.inf),
    "max": (1, math.inf),
    "abs": (1, 1),
    "round": (1, 2),
    "sum": (1, math.inf),
    "avg": (1, math.inf),
    "coalesce": (1, math.inf),
}
SHIFT_FUNCTIONS = {"prev": "prev", "lastYear": "lastYear"}
PRECEDENCE = {"or": 1, "and": 2, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3, "+": 4, "-": 4, "*": 5, "/": 5}
COMPARISONS = {"==", "!=", "<", "<=", ">", ">="}


class FormulaError(ValueError):
    pass


@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class Ref:
    element: str
    shift: str


@dataclass(frozen=True)
class Unary:
    op: str
    arg: "Expr"


@dataclass(frozen=True)
class Binary:
    op: str
    left: "Expr"
    right: "Expr"


@dataclass(frozen=True)
class Call:
    fn: str
    args: tuple


Expr = Union[Num, Ref, Unary, Binary, Call]

_CODE_CHAR = re.compile(r"[\w.\-:/]", re.UNICODE)
_NAME = re.compile(r"[^\W\d]\w*", re.UNICODE)
_NUMBER = re.compile(r"(\d+(?:\.\d+)?|\.\d+)(?:[eE]([+-]?\d+))?")
_PUNCT = {"（": "(", "）": ")", "，": ","}
_OPS = [("<=", "<="), (">=", ">="), ("==", "=="), ("!=", "!="), ("&&", "and"), ("||", "or"),
        ("<", "<"), (">", ">"), ("+", "+"), ("-", "-"), ("*", "*"), ("/", "/"), ("×", "*"), ("÷", "/"),
        ("!", "not")]


def tokenize(src: str) -> list:
    """Tokens as (kind, value, position); kinds: num, ref, name, op, (, ), ',', eof."""
    out = []
    i = 0
    n = len(src)
    while True:
        while i < n and src[i].isspace():
            i += 1
        if i >= n:
            out.append(("eof", None, i))
            return out
        c = src[i]
        if "0" <= c <= "9" or (c == "." and i + 1 < n and "0" <= src[i + 1] <= "9"):
            m = _NUMBER.match(src, i)
            end = m.end()
            if end < n and (src[end].isalnum() or src[end] in "._"):
                raise FormulaError(f"malformed number at {i}: {src[i:end + 1]!r}")
            if end < n and src[end] == "%":
                # Shift the decimal exponent rather than divide by 100, as the engine does.
                exponent = int(m.group(2) or 0) - 2
                value = float(f"{m.group(1)}e{exponent}")
                end += 1
            else:
                value = float(src[i:end])
            if not math.isfinite(value):
                raise FormulaError(f"number out of range at {i}")
            out.append(("num", value, i))
            i = end
            continue
        if c == "#":
            if i + 1 >= n or src[i + 1] != "{":
                raise FormulaError(f"'#' without '{{' at {i}")
            j = src.find("}", i + 2)
            if j < 0:
                raise FormulaError(f"unclosed reference at {i}")
            code = src[i + 2:j]
            if code == "" or not all(_CODE_CHAR.fullmatch(ch) for ch in code):
                raise FormulaError(f"bad element code at {i}: {code!r}")
            out.append(("ref", code, i))
            i = j + 1
            continue
        if c in "(),（），":
            out.append((_PUNCT.get(c, c), None, i))
            i += 1
            continue
        for text, op in _OPS:
            if src.startswith(text, i):
                out.append(("op", op, i))
                i += len(text)
                break
        else:
            m = _NAME.match(src, i)
            if not m:
                raise FormulaError(f"unexpected character at {i}: {c!r}")
            name = m.group(0)
            out.append(("op", name, i) if name in ("and", "or", "not") else ("name", name, i))
            i = m.end()


class _Parser:
    def __init__(self, src: str):
        self.src = src
        self.tokens = tokenize(src)
        self.pos = 0

    @property
    def tok(self):
        return self.tokens[self.pos]

    def advance(self):
        self.pos += 1

    def parse(self) -> Expr:
        e = self.expr(0)
        if self.tok[0] != "eof":
            raise FormulaError(f"unexpected {self.tok[1] or self.tok[0]!r} at {self.tok[2]} in {self.src!r}")
        return e

    def expr(self, min_prec: int) -> Expr:
        left = self.prefix()
        after_comparison = False
        while True:
            kind, op, at = self.tok
            if kind != "op" or op == "not" or PRECEDENCE[op] < min_prec:
                return left
            if op in COMPARISONS:
                if after_comparison:
                    raise FormulaError(f"chained comparison at {at}")
                after_comparison = True
            else:
                after_comparison = False
            self.advance()
            right = self.expr(PRECEDENCE[op] + 1)
            left = Binary(op, left, right)

    def prefix(self) -> Expr:
        kind, value, at = self.tok
        if kind == "num":
            self.advance()
            return Num(value)
        if kind == "ref":
            self.advance()
            return Ref(value, "current")
        if kind == "(":
            self.advance()
            inner = self.expr(0)
            self.expect(")")
            return inner
        if kind == "op" and value in ("-", "not"):
            self.advance()
            return Unary(value, self.prefix())
        if kind == "name":
            return self.call(value, at)
        raise FormulaError(f"expected an operand at {at} in {self.src!r}")

    def expect(self, kind: str):
        if self.tok[0] != kind:
            raise FormulaError(f"expected {kind!r} at {self.tok[2]} in {self.src!r}")
        self.advance()

    def call(self, name: str, at: int) -> Expr:
        if name not in FUNCTIONS and name not in SHIFT_FUNCTIONS:
            raise FormulaError(f"unknown function {name!r} at {at}")
        self.advance()
        self.expect("(")
        args = []
        if self.tok[0] != ")":
            while True:
                args.append(self.expr(0))
                if self.tok[0] == ",":
                    self.advance()
                    continue
                break
        self.expect(")")
        if name in SHIFT_FUNCTIONS:
            if len(args) != 1 or not isinstance(args[0], Ref) or args[0].shift != "current":
                raise FormulaError(f"{name}() takes one element reference, at {at}")
            return Ref(args[0].element, SHIFT_FUNCTIONS[name])
        lo, hi = FUNCTIONS[name]
        if not lo <= len(args) <= hi:
            raise FormulaError(f"{name}() takes {lo}–{hi} arguments, got {len(args)}, at {at}")
        if name == "round" and len(args) == 2:
            d = args[1]
            if not isinstance(d, Num) or d.value != int(d.value) or not 0 <= d.value <= 10:
                raise FormulaError(f"round() digits must be a whole number 0–10, at {at}")
        return Call(name, tuple(args))


_cache: dict = {}


def parse(src: str) -> Expr:
    e = _cache.get(src)
    if e is None:
        e = _Parser(src).parse()
        _cache[src] = e
    return e


def references(e: Expr) -> list:
    """(element, shift) pairs the formula reads, in order of first appearance."""
    out: list = []

    def walk(x):
        if isinstance(x, Ref):
            if (x.element, x.shift) not in out:
                out.append((x.element, x.shift))
        elif isinstance(x, Unary):
            walk(x.arg)
        elif isinstance(x, Binary):
            walk(x.left)
            walk(x.right)
        elif isinstance(x, Call):
            for a in x.args:
                walk(a)

    walk(e)
    return out


# ---- evaluation over columns --------------------------------------------------------------------------

Column = Callable[[str, str], np.ndarray]
_NAN = np.nan


def _missing(*xs):
    m = np.isnan(xs[0])
    for x in xs[1:]:
        m = m | np.isnan(x)
    return m


def round_half_away(x: np.ndarray, digits: int) -> np.ndarray:
    """Half away from zero on the decimal a person sees: round(1.005, 2) = 1.01, as in a spreadsheet."""
    x = np.asarray(x, dtype=np.float64)
    p = 10.0 ** digits
    a = np.abs(x)
    y = a * p
    fl = np.floor(y)
    frac = y - fl
    r = np.where(frac < 0.5, fl, fl + 1)
    # Near a tie the binary value may sit a few ulps off the decimal tie; decide on the shortest decimal.
    near = np.isfinite(x) & ~(np.abs(frac - 0.5) > y * 4e-15)
    for i in np.flatnonzero(near):
        mant, _, exp = repr(float(a.flat[i])).partition("e")
        shifted = float(f"{mant}e{int(exp or 0) + digits}")
        if not math.isfinite(shifted):
            r.flat[i] = shifted
            continue
        f = math.floor(shifted)
        r.flat[i] = f + 1 if shifted - f >= 0.5 else f
    rounded = r / p
    # Whatever rounds to zero is +0, whichever side it came from.
    out = np.where(r == 0, 0.0, np.where(x < 0, -rounded, rounded))
    return np.where(np.isfinite(x), out, x)


def evaluate(e: Expr, column: Column, n: int) -> np.ndarray:
    """Value of `e` for each of `n` units; `column(element, shift)` gives an element's values (NaN = missing)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        v = _ev(e, column)
        return np.array(np.broadcast_to(np.asarray(v, dtype=np.float64), (n,)))


def _ev(e: Expr, column: Column):
    if isinstance(e, Num):
        return np.float64(e.value)
    if isinstance(e, Ref):
        return column(e.element, e.shift)
    if isinstance(e, Unary):
        a = _ev(e.arg, column)
        if e.op == "-":
            return -a
        return np.where(np.isnan(a), _NAN, np.where(a == 0, 1.0, 0.0))
    if isinstance(e, Binary):
        a = _ev(e.left, column)
        b = _ev(e.right, column)
        op = e.op
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            return np.where(b == 0, _NAN, a / np.where(b == 0, 1.0, b))
        if op == "<":
            t = a < b
        elif op == "<=":
            t = a <= b
        elif op == ">":
            t = a > b
        elif op == ">=":
            t = a >= b
        elif op == "==":
            t = a == b
        elif op == "!=":
            t = a != b
        elif op == "and":
            t = (a != 0) & (b != 0)
        else:
            t = (a != 0) | (b != 0)
        return np.where(_missing(a, b), _NAN, np.where(t, 1.0, 0.0))
    fn = e.fn
    args = [_ev(x, column) for x in e.args]
    if fn == "if":
        c, a, b = args
        return np.where(np.isnan(c), _NAN, np.where(c != 0, a, b))
    if fn == "abs":
        return np.abs(args[0])
    if fn == "round":
        digits = int(e.args[1].value) if len(e.args) > 1 else 0
        return round_half_away(args[0], digits)
    if fn in ("min", "max"):
        r = np.float64(_NAN)
        for v in args:
            better = v < r if fn == "min" else v > r
            r = np.where(~np.isnan(v) & (np.isnan(r) | better), v, r)
        return r
    if fn in ("sum", "avg"):
        s = np.float64(0.0)
        c = np.float64(0.0)
        for v in args:
            ok = ~np.isnan(v)
            s = np.where(ok, s + v, s)
            c = c + ok
        return np.where(c == 0, _NAN, s if fn == "sum" else s / np.where(c == 0, 1.0, c))
    if fn == "coalesce":
        r = np.float64(_NAN)
        for v in args:
            r = np.where(np.isnan(r), v, r)
        return r
    raise FormulaError(f"unknown function {fn}")


def _main() -> None:
    """For the agreement test: reads {"n", "columns": {"shift:element": [...]}, "formulas": [...]} on stdin,
    numbers as JSON or the strings "NaN", "Infinity", "-Infinity", "-0"; writes each formula's values (repr
    strings, so nothing is lost) or {"error": message} for a formula it refuses."""
    import json
    import sys

    special = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "-0": -0.0}
    job = json.load(sys.stdin)
    n = job["n"]
    cols = {k: np.array([special[x] if isinstance(x, str) else float(x) for x in v]) for k, v in job["columns"].items()}

    def column(element: str, shift: str) -> np.ndarray:
        return cols.get(f"{shift}:{element}", np.full(n, np.nan))

    out = []
    for src in job["formulas"]:
        try:
            out.append([repr(float(x)) for x in evaluate(parse(src), column, n)])
        except FormulaError as e:
            out.append({"error": str(e)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    _main()
