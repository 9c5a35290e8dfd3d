"""The kit's settings groups (a module's settings an administrator changes: declared as an
entity's fields, kept one row each, versioned, audited) and cautions (rules across fields
that warn and never refuse)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
from sqlalchemy import select

from app.data.database import Database
from app.data.kit.base import Setting
from app.logic.kit import fields as f
from app.logic.kit.dto import Actor
from app.logic.kit.entity import Caution, Entity
from app.logic.kit.errors import ConflictError, PermissionDenied, ValidationError
from app.logic.kit.fields import Label
from app.logic.kit.service import RecordService
from app.logic.kit.settings import SettingsGroupService, read_settings
from app.logic.services import Services

REPORTS = Entity(
    name="report_settings", module="admin", label=Label("Report settings", "报表设置"),
    plural=Label("Report settings", "报表设置"), key="", title="", scope="",
    archivable=False,
    fields=(f.integer("rows", "Rows per page", "每页行数", 10, 500, default=50),
            f.choice("paper", "Paper", "纸张", (("a4", "A4", "A4"), ("letter", "Letter", "信纸")),
                     default="a4"),
            f.boolean("logo", "Logo", "标志", default=True)))


class ReportSettings(SettingsGroupService):
    entity = REPORTS
    group = "reports"
    readers = (("reports", "view"),)


@pytest.fixture
def reports(db: Database) -> ReportSettings:
    return ReportSettings(db.unit_of_work)


def stored(db: Database) -> dict[str, str]:
    with db.unit_of_work(write=False) as uow:
        rows = uow.session.execute(select(Setting.key, Setting.value)
                                   .where(Setting.key.like("reports.%"))).all()
        return {str(r[0]): str(r[1]) for r in rows}


def test_settings_read_their_defaults_until_one_is_saved(reports: ReportSettings,
                                                         admin: Actor, db: Database) -> None:
    shown = reports.settings(admin)
    assert (dict(shown.values), shown.version) == ({"rows": 50, "paper": "a4", "logo": True}, 1)
    assert stored(db) == {}


def test_a_change_is_kept_under_the_group_versioned_and_audited(
        reports: ReportSettings, admin: Actor, db: Database,
        audit_log: Callable[[], list[Any]]) -> None:
    changed = reports.change_settings(admin, 1, {"rows": "100", "logo": "no"})
    assert dict(changed.saved.values) == {"rows": 100, "paper": "a4", "logo": False}
    assert changed.saved.version == 2
    assert stored(db) == {"reports.rows": "100", "reports.logo": "False"}
    entry = audit_log()[-1]
    assert (entry.action, entry.entity_type) == ("update", "report_settings")
    assert entry.changes == {"rows": [50, 100], "logo": [True, False]}
    assert reports.settings(admin).values["logo"] is False  # read back as a boolean
    assert reports.change_settings(admin, 2, {"rows": 100}).action == "unchanged"


def test_a_stale_version_is_a_conflict_and_a_bad_value_a_field_error(
        reports: ReportSettings, admin: Actor, db: Database) -> None:
    reports.change_settings(admin, 1, {"paper": "letter"})
    with pytest.raises(ConflictError):
        reports.change_settings(admin, 1, {"rows": 20})
    with pytest.raises(ValidationError) as caught:
        reports.change_settings(admin, 2, {"rows": 5, "paper": "a3"})
    assert {n: e.code for n, e in caught.value.errors.items()} == {
        "rows": "out_of_range", "paper": "invalid_choice"}
    assert stored(db) == {"reports.paper": "letter"}


def test_a_stored_value_no_longer_valid_reads_as_the_default(reports: ReportSettings,
                                                             admin: Actor,
                                                             db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.settings.put({"reports.paper": "a0", "reports.rows": "many"})
        uow.commit()
    with db.unit_of_work(write=False) as uow:
        assert read_settings(uow, REPORTS, "reports") == {"rows": 50, "paper": "a4",
                                                          "logo": True}


def test_the_readers_read_and_only_the_entitys_module_changes(
        reports: ReportSettings, admin: Actor) -> None:
    reader = Actor(user_id=admin.user_id, username="admin",
                   rights=frozenset({("reports", "view")}))
    assert reports.settings(reader).values["rows"] == 50
    with pytest.raises(PermissionDenied):
        reports.change_settings(reader, 1, {"rows": 20})
    with pytest.raises(PermissionDenied):
        reports.settings(Actor(user_id=admin.user_id, username="admin"))


# --- cautions ---------------------------------------------------------------------------------
def _over_budget(values: Mapping[str, Any]) -> bool:
    return bool(values["spent"] > values["budget"])


PLAN = Entity(
    name="plan", module="projects", label=Label("Plan", "计划"), plural=Label("Plans", "计划"),
    scope="", fields=(f.text("name", "Name", "名称", 50, required=True),
                      f.money("budget", "Budget", "预算"), f.money("spent", "Spent", "已花费")),
    warnings=(Caution(("spent", "budget"), _over_budget,
                      Label("Over budget.", "超出预算。")),))


@pytest.mark.parametrize(("values", "warned"), [
    ({"budget": "100", "spent": "100.01"}, True),
    ({"budget": "100", "spent": "100"}, False),
    ({"budget": "", "spent": "1"}, True),  # an empty amount is 0.00
    ({"budget": "100", "spent": "1x"}, False),  # not an amount yet: silent
    ({"budget": "100"}, False),
    ({"budget": "1,000", "spent": "９９９"}, False),  # as people type them
])
def test_a_caution_reads_values_as_typed_or_stored(values: dict[str, str],
                                                   warned: bool) -> None:
    assert PLAN.warnings_for(values) == ((Label("Over budget.", "超出预算。"),) if warned
                                         else ())
    assert Entity("x", "x", Label("x", "x"), Label("x", "x"), ()).warnings_for(values) == ()


def test_a_new_records_defaults_are_the_declared_ones_for_a_reader_or_a_writer(
        services: Services, admin: Actor) -> None:
    customers: RecordService = services.customers
    assert customers.new_defaults(admin) == customers.entity.defaults()
    with pytest.raises(PermissionDenied):
        customers.new_defaults(Actor(user_id=admin.user_id, username="admin"))
    creator = Actor(user_id=admin.user_id, username="admin",
                    rights=frozenset({("customers", "create")}))
    assert customers.new_defaults(creator)["status"] == "prospect"
