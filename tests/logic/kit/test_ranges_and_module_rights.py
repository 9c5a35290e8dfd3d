"""Two things the kit gives every module: a list filtered by a range (from, to) of a date or
an amount, and rights of a module's own beyond the matrix's columns (projects.reopen)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.logic.kit import fields as f
from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.entity import Entity
from app.logic.kit.errors import InvalidQuery
from app.logic.kit.export import ExportSpec, about_sheet, export_audit_changes
from app.logic.kit.fields import Label
from app.logic.kit.permissions import (
    ACTIONS,
    action_label,
    extra_actions,
    is_right,
    module_actions,
    right_label,
)
from app.logic.kit.trail import value_text

THING = Entity(
    name="thing", module="things", label=Label("Thing", "东西"), plural=Label("Things", "东西"),
    fields=(f.text("name", "Name", "名称", 50, filterable=True),
            f.day("due", "Due", "到期", filterable=True),
            f.day("born", "Born", "出生"),
            f.money("price", "Price", "价格", filterable=True),
            f.integer("size", "Size", "大小", 0, 99, filterable=True)))


def test_a_query_keeps_one_range_per_field_and_drops_an_empty_one() -> None:
    query = ListQuery().with_range("due", "2026-01-01", None).with_range("price", "", "9")
    assert query.ranges == (("due", "2026-01-01", None), ("price", None, "9"))
    assert query.range("due") == ("2026-01-01", None)
    assert query.range("size") == (None, None)
    assert query.is_filtered
    moved = query.with_range("due", None, "2026-02-01")
    assert moved.range("due") == (None, "2026-02-01")
    assert not query.with_range("due", "", "").with_range("price", None, None).is_filtered


@pytest.mark.parametrize(("name", "low", "high", "ends"), [
    ("due", "2026-01-01", "2026-01-31", (date(2026, 1, 1), date(2026, 1, 31))),
    ("due", "", "2026-01-31", (None, date(2026, 1, 31))),
    ("due", date(2026, 3, 1), None, (date(2026, 3, 1), None)),
    ("price", "0.10", "１２.５", (Decimal("0.10"), Decimal("12.50"))),
    ("size", "3", "3", (3, 3)),
])
def test_a_ranges_ends_are_read_as_the_field_reads_values(
        name: str, low: object, high: object, ends: tuple[object, object]) -> None:
    assert THING.range_value(name, low, high) == ends


@pytest.mark.parametrize(("name", "low", "high", "message"), [
    ("name", "a", "b", "cannot filter things by a range of 'name'; ranges: due, price, size"),
    ("born", "2026-01-01", None, "cannot filter things by a range of 'born'"),
    ("nope", "1", None, "cannot filter things by a range of 'nope'"),
    ("due", "2026-13-01", None, "due: must be a date like 1990-05-31 (got '2026-13-01')"),
    ("due", None, "soon", "due: must be a date like 1990-05-31 (got 'soon')"),
    ("price", "-1", None, "price: must not be negative"),
    ("size", "1", "100", "size: must be between 0 and 99"),
    ("due", "2026-02-01", "2026-01-01",
     "due: the range starts (2026-02-01) after it ends (2026-01-01)"),
])
def test_a_bad_range_is_a_usage_error_saying_what_is_wrong(
        name: str, low: object, high: object, message: str) -> None:
    with pytest.raises(InvalidQuery) as caught:
        THING.range_value(name, low, high)
    assert message in str(caught.value)
    assert caught.value.exit_code == 2


def test_an_export_says_which_ranges_it_was_filtered_by(tmp_path: Path) -> None:
    query = ListQuery(filters=(("name", "x"),)).with_range("due", date(2026, 1, 1), None) \
        .with_range("price", Decimal("5"), Decimal("10"))
    spec = ExportSpec(query, ("name",), "zh_CN")
    about = dict(about_sheet(THING, Actor(user_id=1, username="ada"), spec,
                             datetime.now().astimezone())(3))
    assert about["筛选条件"] == "名称 = x; 到期 ≥ 2026-01-01; 价格 ≥ 5.00; 价格 ≤ 10.00"
    audited = export_audit_changes(spec, 3, tmp_path / "x.xlsx")["filter"][1]
    assert audited["ranges"] == {"due": ["2026-01-01", None], "price": ["5.00", "10.00"]}


# --- a module's own rights ---------------------------------------------------------------------
def test_projects_have_reopen_besides_the_matrixs_columns() -> None:
    assert extra_actions()["projects"]["reopen"] == Label("Reopen", "重新打开")
    assert module_actions("projects") == (*ACTIONS, "reopen")
    assert all(module_actions(m) == ACTIONS for m in ("customers", "audit", "admin"))
    assert is_right("projects", "reopen") and is_right("customers", "view")
    assert not is_right("customers", "reopen") and not is_right("nosuch", "view")


def test_a_modules_own_right_reads_as_words_everywhere() -> None:
    assert action_label("projects", "reopen") == Label("Reopen", "重新打开")
    assert action_label("customers", "reopen") is None
    assert right_label("projects.reopen", "en") == "Projects: Reopen"
    assert right_label("projects.reopen", "zh_CN") == "项目：重新打开"
    assert right_label("customers.reopen", "en") == "customers.reopen"
    assert value_text(None, "rights", ["projects.reopen", "projects.edit"], "zh_CN") == \
        "项目：重新打开、项目：编辑"
