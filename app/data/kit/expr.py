"""Rules written once, judged in Python for one record and in the database for a million.

A rule the logic owns (a customer's tier, its credit rating...) is an expression over named
figures: ``when(F("overdue_long") > 0, "restricted").when(...).otherwise("ordinary")``.
``evaluate`` judges it on one row of figures in Python (a payment rates its customer at
once; the tests' hand-made cases); the data layer compiles the same expression to SQL
(``to_sql`` below) and judges every customer in one statement. The logic never writes the
rule twice and never names SQL; it lives here, beside its compiler, because the layers
below the logic cannot import it.

Only what both sides compute alike is here: integers (money in cents), dates, text and
booleans; ``+ - *`` (no division: shares are compared by cross-multiplying, ``share``);
comparisons; all / any of conditions; is / is not null; first matching case. A figure that
is null (no order yet) makes a comparison false, as SQL's unknown does in a case or a
filter; there is no ``not`` (SQL's not-unknown would differ), so rules say what they mean
with ``is_null`` and the opposite comparison.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Date, Unicode, and_, case, false, literal, or_, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

Value = int | str | bool | date | None


class Expr:
    """An expression; ``<``, ``<=``, ``>``, ``>=``, ``+``, ``-``, ``*``, ``&``, ``|`` build
    bigger ones (``eq``/``ne`` for equality: ``==`` stays the dataclass's own)."""

    def evaluate(self, row: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def __add__(self, other: Any) -> Expr:
        return Op("+", self, lift(other))

    def __sub__(self, other: Any) -> Expr:
        return Op("-", self, lift(other))

    def __mul__(self, other: Any) -> Expr:
        return Op("*", self, lift(other))

    def __lt__(self, other: Any) -> Expr:
        return Cmp("<", self, lift(other))

    def __le__(self, other: Any) -> Expr:
        return Cmp("<=", self, lift(other))

    def __gt__(self, other: Any) -> Expr:
        return Cmp(">", self, lift(other))

    def __ge__(self, other: Any) -> Expr:
        return Cmp(">=", self, lift(other))

    def eq(self, other: Any) -> Expr:
        return Cmp("==", self, lift(other))

    def ne(self, other: Any) -> Expr:
        return Cmp("!=", self, lift(other))

    def __and__(self, other: Expr) -> Expr:
        return All((self, other))

    def __or__(self, other: Expr) -> Expr:
        return AnyOf((self, other))

    def is_null(self) -> Expr:
        return IsNull(self, True)

    def not_null(self) -> Expr:
        return IsNull(self, False)


@dataclass(frozen=True, eq=True)
class F(Expr):
    """A figure of the row, by name."""

    name: str

    def evaluate(self, row: Mapping[str, Any]) -> Any:
        return row[self.name]


@dataclass(frozen=True, eq=True)
class Const(Expr):
    value: Value

    def evaluate(self, row: Mapping[str, Any]) -> Any:
        return self.value


ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul}
COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "==": operator.eq, "!=": operator.ne}


@dataclass(frozen=True, eq=True)
class Op(Expr):
    op: str
    left: Expr
    right: Expr

    def evaluate(self, row: Mapping[str, Any]) -> Any:
        a, b = self.left.evaluate(row), self.right.evaluate(row)
        return None if a is None or b is None else ARITHMETIC[self.op](a, b)


@dataclass(frozen=True, eq=True)
class Cmp(Expr):
    op: str
    left: Expr
    right: Expr

    def evaluate(self, row: Mapping[str, Any]) -> bool:
        a, b = self.left.evaluate(row), self.right.evaluate(row)
        return a is not None and b is not None and COMPARISONS[self.op](a, b)


@dataclass(frozen=True, eq=True)
class All(Expr):
    parts: tuple[Expr, ...]

    def evaluate(self, row: Mapping[str, Any]) -> bool:
        return all(p.evaluate(row) for p in self.parts)


@dataclass(frozen=True, eq=True)
class AnyOf(Expr):
    parts: tuple[Expr, ...]

    def evaluate(self, row: Mapping[str, Any]) -> bool:
        return any(p.evaluate(row) for p in self.parts)


@dataclass(frozen=True, eq=True)
class IsNull(Expr):
    value: Expr
    null: bool  # False: is not null

    def evaluate(self, row: Mapping[str, Any]) -> bool:
        return (self.value.evaluate(row) is None) == self.null


@dataclass(frozen=True, eq=True)
class Case(Expr):
    """The value of the first branch whose condition holds, else the default."""

    branches: tuple[tuple[Expr, Expr], ...]
    default: Expr

    def evaluate(self, row: Mapping[str, Any]) -> Any:
        for condition, value in self.branches:
            if condition.evaluate(row):
                return value.evaluate(row)
        return self.default.evaluate(row)

    def when(self, condition: Expr, value: Any) -> Case:
        return Case((*self.branches, (condition, lift(value))), self.default)

    def otherwise(self, value: Any) -> Case:
        return Case(self.branches, lift(value))


def when(condition: Expr, value: Any) -> Case:
    """``when(c1, v1).when(c2, v2).otherwise(v)``: a case, its default null until given."""
    return Case(((condition, lift(value)),), Const(None))


def lift(value: Any) -> Expr:
    if isinstance(value, Expr):
        return value
    if isinstance(value, Decimal):
        raise TypeError("a Decimal in a rule: use cents or share() (exact integers)")
    return Const(value)


def all_of(*parts: Expr) -> Expr:
    return All(parts)


def any_of(*parts: Expr) -> Expr:
    return AnyOf(parts)


def share(part: Expr, whole: Expr, fraction: Decimal, op: str) -> Expr:
    """``part / whole <op> fraction`` without dividing: ``part * d <op> whole * n`` for the
    fraction's exact ``n / d`` (0.95 -> 19/20). ``whole`` must be positive where it is
    asked (say so in the rule)."""
    n, d = Decimal(fraction).as_integer_ratio()
    return Cmp(op, part * d, whole * n)


def cents(amount: Decimal | str) -> int:
    """An amount as the integer cents rules compare money in."""
    return int((Decimal(amount) * 100).to_integral_value())


def to_sql(expr: Expr, figures: Mapping[str, Any]) -> ColumnElement[Any]:
    """``expr`` as a SQL expression, its figures the columns (or expressions) of
    ``figures`` by name; constants bound as parameters of their type."""
    def go(e: Expr) -> Any:
        if isinstance(e, F):
            return figures[e.name]
        if isinstance(e, Const):
            return _constant(e.value)
        if isinstance(e, Op):
            return ARITHMETIC[e.op](go(e.left), go(e.right))
        if isinstance(e, Cmp):
            return COMPARISONS[e.op](go(e.left), go(e.right))
        if isinstance(e, All):
            return and_(*(go(p) for p in e.parts))
        if isinstance(e, AnyOf):
            return or_(*(go(p) for p in e.parts))
        if isinstance(e, IsNull):
            inner = go(e.value)
            return inner.is_(None) if e.null else inner.is_not(None)
        if isinstance(e, Case):
            return case(*((go(c), go(v)) for c, v in e.branches), else_=go(e.default))
        raise TypeError(f"not a rule's expression: {e!r}")
    return go(expr)  # type: ignore[no-any-return]  # SQLAlchemy's operators are untyped


def _constant(value: Value) -> Any:
    if value is None:
        return literal(None)
    if isinstance(value, bool):
        return true() if value else false()
    if isinstance(value, int):
        return literal(value, BigInteger)
    if isinstance(value, date):
        return literal(value, Date)
    return literal(value, Unicode)


class days_between(FunctionElement[int]):  # read as a SQL function
    """``later - earlier`` in whole days, of two dates, on each database."""

    type = BigInteger()
    inherit_cache = True
    name = "days_between"


@compiles(days_between)
def _days_between(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"({later} - {earlier})"  # PostgreSQL: date - date is days


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


@compiles(days_between, "mssql")
def _days_between_mssql(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"DATEDIFF(day, {earlier}, {later})"


class scaled_ratio(FunctionElement[int]):  # read as a SQL function
    """``round(numerator * scale / denominator)`` as an integer (a share kept to six places
    as millionths), of non-negative numbers, the denominator positive; never overflows
    (the product is not taken in integers)."""

    type = BigInteger()
    inherit_cache = True
    name = "scaled_ratio"


def _ratio_parts(element: scaled_ratio, compiler: SQLCompiler, **kw: Any
                 ) -> tuple[str, str, str]:
    numerator, denominator, scale = (compiler.process(c, **kw) for c in element.clauses)
    return numerator, denominator, scale


@compiles(scaled_ratio)
def _scaled_ratio(element: scaled_ratio, compiler: SQLCompiler, **kw: Any) -> str:
    n, d, k = _ratio_parts(element, compiler, **kw)  # PostgreSQL: exact numeric
    return f"CAST(round(CAST({n} AS NUMERIC) * {k} / {d}) AS BIGINT)"


@compiles(scaled_ratio, "sqlite")
def _scaled_ratio_sqlite(element: scaled_ratio, compiler: SQLCompiler, **kw: Any) -> str:
    n, d, k = _ratio_parts(element, compiler, **kw)
    return f"CAST(round(CAST({n} AS REAL) * {k} / {d}) AS INTEGER)"


@compiles(scaled_ratio, "mssql")
def _scaled_ratio_mssql(element: scaled_ratio, compiler: SQLCompiler, **kw: Any) -> str:
    n, d, k = _ratio_parts(element, compiler, **kw)
    return f"CAST(ROUND(CAST({n} AS DECIMAL(38, 12)) * {k} / {d}, 0) AS BIGINT)"


class unindexed(FunctionElement[Any]):  # read as a SQL function
    """A column compared without its index: where most rows match (the customers not
    archived), SQLite reading the table in order beats an index's random read per row
    (3.3 s -> 0.6 s for a million customers). SQLite's way is a unary plus; elsewhere the
    column as it is (their planners judge by statistics)."""

    inherit_cache = True
    name = "unindexed"

    def __init__(self, column: Any) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _unindexed(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(next(iter(element.clauses)), **kw))


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + str(compiler.process(next(iter(element.clauses)), **kw))


__all__ = [
    "All",
    "AnyOf",
    "Case",
    "Cmp",
    "Const",
    "Expr",
    "F",
    "IsNull",
    "Op",
    "all_of",
    "any_of",
    "cents",
    "days_between",
    "lift",
    "scaled_ratio",
    "share",
    "to_sql",
    "unindexed",
    "when",
]
