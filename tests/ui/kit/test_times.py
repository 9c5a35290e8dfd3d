"""Times a person types (``fields.when``: a visit's scheduled time) in the kit's editors:
shown and typed in local time as "YYYY-MM-DD HH:MM" with a hint in both languages, tidied
as typed, kept in UTC; lists and exports show local times. Run in Shanghai (UTC+8), so a
time shown in UTC would be caught."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QSpinBox

from app.logic.customers import CUSTOMER
from app.logic.kit import fields as f
from app.logic.kit.dto import ListQuery
from app.logic.kit.entity import Entity
from app.logic.kit.errors import FieldError
from app.logic.kit.export import ExportSpec
from app.logic.kit.fields import Label
from app.logic.kit.validation import Checker
from app.ui.kit.context import Context
from app.ui.kit.field_set import FieldSet, tidy_time
from app.ui.kit.messages import Messages
from app.ui.kit.table_model import RecordTableModel

VISIT = Entity(
    name="visit", module="activities", label=Label("Visit", "拜访"),
    plural=Label("Visits", "拜访"), key="", title="subject", scope="",
    fields=(f.text("subject", "Subject", "主题", 200),
            f.when("scheduled_at", "Scheduled", "计划时间"),
            f.day("follow_up", "Follow-up", "跟进日期"),
            f.integer("score", "Score", "评分", 1, 5),
            f.moment("created_at", "Created", "创建时间")))
MAY_31_0630_UTC = datetime(2026, 5, 31, 6, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def shanghai(monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def fields(qapp) -> FieldSet:
    found = FieldSet(VISIT, Messages())
    found.build(("subject", "scheduled_at", "follow_up", "score", "created_at"))
    found.mark_clean()
    return found


def stored(value: str) -> datetime | None:
    c = Checker()
    moment = VISIT.field("scheduled_at").normalise(c, value)
    assert not c.errors
    return moment


def test_a_time_shows_in_local_time_with_a_hint_how_to_type_it(fields: FieldSet) -> None:
    line = fields.editor("scheduled_at")
    assert line.placeholderText() == "YYYY-MM-DD HH:MM"
    assert fields.editor("follow_up").placeholderText() == "YYYY-MM-DD"
    assert fields.editor("created_at").placeholderText() == ""  # nobody types it
    fields.set_values({"scheduled_at": MAY_31_0630_UTC, "created_at": MAY_31_0630_UTC})
    assert line.text() == "2026-05-31 14:30"
    assert fields.editor("created_at").text() == "2026-05-31 14:30"
    assert fields.changes() == {}


def test_what_is_typed_is_kept_as_that_local_time_and_reads_the_same_again(
        fields: FieldSet) -> None:
    line = fields.editor("scheduled_at")
    line.setText("2026-5-31 9:05")
    line.editingFinished.emit()  # as leaving the field does
    assert line.text() == "2026-05-31 09:05"
    assert fields.changes() == {"scheduled_at": "2026-05-31 09:05"}
    kept = stored(fields.value("scheduled_at"))
    assert kept == datetime(2026, 5, 31, 1, 5, tzinfo=UTC)
    fields.set_values({"scheduled_at": kept})
    assert line.text() == "2026-05-31 09:05"


@pytest.mark.parametrize(("typed", "kind", "tidy"), [
    ("2026/5/31 9:05", "datetime", "2026-05-31 09:05"),
    ("２０２６－０５－３１　１４：００", "datetime", "2026-05-31 14:00"),  # full-width IME input
    ("2026-05-31T14:00", "datetime", "2026-05-31 14:00"),
    ("2026-05-31", "datetime", None),  # a time needs its hour
    ("2026-02-30 10:00", "datetime", None),
    ("tomorrow", "datetime", None),
    ("2026.5.1", "date", "2026-05-01"),
    ("2026-05-01 10:00", "date", None)])
def test_a_loosely_typed_time_is_tidied_or_left_for_the_service_to_refuse(
        typed: str, kind: str, tidy: str | None) -> None:
    assert tidy_time(typed, kind) == tidy


def test_a_time_it_cannot_read_stays_as_typed_and_its_error_gives_a_time(
        fields: FieldSet) -> None:
    line = fields.editor("scheduled_at")
    line.setText("tomorrow 3pm")
    line.editingFinished.emit()
    assert line.text() == "tomorrow 3pm"
    problem = FieldError("invalid_date", "must be a time like 2026-05-31 14:00")
    fields.show_errors({"scheduled_at": problem, "follow_up": problem})
    assert fields.error_text("scheduled_at") == "Enter a date and time like 2026-05-31 14:00."
    assert fields.error_text("follow_up") == "Enter a date like 1990-05-31."


def test_the_hints_and_the_error_in_chinese(qapp, translation) -> None:
    translation.install("zh_CN")
    chinese = FieldSet(VISIT, Messages())
    chinese.build(("scheduled_at", "follow_up"))
    assert chinese.editor("scheduled_at").placeholderText() == "年-月-日 时:分"
    assert chinese.editor("follow_up").placeholderText() == "年-月-日"
    chinese.show_errors({"scheduled_at": FieldError("invalid_date", "")})
    assert chinese.error_text("scheduled_at") == "请输入日期和时间，例如 2026-05-31 14:00。"


def test_a_readers_form_shows_no_hint(fields: FieldSet) -> None:
    fields.set_read_only(True)
    assert fields.editor("scheduled_at").placeholderText() == ""
    fields.set_read_only(False)
    assert fields.editor("scheduled_at").placeholderText() == "YYYY-MM-DD HH:MM"


def test_a_number_without_default_may_stay_blank(fields: FieldSet) -> None:
    spin: QSpinBox = fields.editor("score")
    assert fields.value("score") is None  # blank from the start
    fields.set_values({"score": None})
    assert fields.value("score") is None and spin.text().strip() == ""
    spin.setValue(4)
    assert fields.changes() == {"score": 4}
    fields.set_values({"score": 5})
    assert fields.value("score") == 5
    spin.setValue(spin.minimum())
    assert fields.value("score") is None


def test_lists_and_exports_show_local_times(context: Context, tmp_path: Path) -> None:
    saved = context.services.customers.create_customer(context.actor,
                                                       {"name": "Shanghai Harbour"}).saved
    local = saved.created_at.astimezone()
    assert local.utcoffset().total_seconds() == 8 * 3600
    model = RecordTableModel(context, "customers", CUSTOMER)
    model.set_query(ListQuery())
    created = model.index(0, model.column_of("created_at")).data()
    assert created == local.strftime("%Y-%m-%d %H:%M")
    path = tmp_path / "customers.xlsx"
    context.services.customers.export(context.actor,
                                      ExportSpec(ListQuery(), ("code", "created_at")), path)
    written = load_workbook(path).worksheets[0].cell(2, 2).value
    assert abs((written - local.replace(tzinfo=None)).total_seconds()) < 1  # not UTC's 06:30
