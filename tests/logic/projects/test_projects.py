"""Projects: codes, the customer, stages, exact budgets, dates, the owner, one audit entry
per write, and a refused write leaving nothing behind."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from app.logic.kit.dto import Actor, ListQuery, Record
from app.logic.kit.errors import InvalidQuery, NotFound, ValidationError
from app.logic.projects import PROJECT, STAGES
from app.logic.services import Services

Counts = Callable[[], dict[str, int]]


@pytest.fixture
def customer(services: Services, admin: Actor) -> Record:
    return services.customers.create_customer(admin, {"name": "北京科技有限公司"}).saved


def add(services: Services, actor: Actor, customer: Record, name: str = "ERP 实施",
        **values: object) -> Record:
    return services.projects.create_project(
        actor, {"name": name, "customer": customer.code, **values}).saved


def codes(error: ValidationError) -> dict[str, str]:
    return {f: e.code for f, e in error.errors.items()}


def test_a_project_gets_the_next_code_and_its_defaults(services: Services, admin: Actor,
                                                        customer: Record) -> None:
    first = add(services, admin, customer)
    second = add(services, admin, customer, "CRM 升级")
    assert (first.code, second.code) == ("P000001", "P000002")
    assert first.stage == "lead" and first.budget == Decimal("0.00")
    assert first.customer.key == customer.code and first.customer.label == customer.name
    assert first.owner.key == "admin"  # the signed-in user, unless another is given
    assert (first.start_date, first.end_date, first.version) == (None, None, 1)


def test_a_given_code_is_kept_and_must_be_free(services: Services, admin: Actor,
                                               customer: Record, row_counts: Counts) -> None:
    given = add(services, admin, customer, code="bj-2026-01")
    assert given.code == "BJ-2026-01"
    assert services.projects.get_project_by_code(admin, "bj-2026-01").id == given.id
    before = row_counts()
    with pytest.raises(ValidationError) as taken:
        add(services, admin, customer, "Another", code="BJ-2026-01")
    assert codes(taken.value) == {"code": "duplicate_code"}
    with pytest.raises(ValidationError) as bad:
        add(services, admin, customer, "Another", code="P 1/2")
    assert codes(bad.value) == {"code": "invalid_code"}
    assert row_counts() == before


def test_a_generated_code_skips_one_given_by_hand(services: Services, admin: Actor,
                                                  customer: Record) -> None:
    add(services, admin, customer, code="P000001")
    assert add(services, admin, customer, "Next").code == "P000002"


def test_the_budget_is_exact_money(services: Services, admin: Actor,
                                   customer: Record) -> None:
    big = add(services, admin, customer, budget="12345678901234.56")
    assert services.projects.get(admin, big.id).budget == Decimal("12345678901234.56")
    cents = add(services, admin, customer, "Small", budget="0.10")
    assert services.projects.get(admin, cents.id).budget + Decimal("0.20") == Decimal("0.30")
    for bad, code in (("0.001", "too_precise"), ("-5", "negative"), ("abc", "not_a_number")):
        with pytest.raises(ValidationError) as caught:
            add(services, admin, customer, "Bad", budget=bad)
        assert codes(caught.value) == {"budget": code}


def test_the_stage_is_one_of_the_choices_with_both_languages(
        services: Services, admin: Actor, customer: Record) -> None:
    stage = PROJECT.field("stage")
    assert stage.values == ("lead", "proposal", "in_progress", "completed", "cancelled")
    assert [stage.choice_label(v, "zh_CN") for v, _, _ in STAGES] == [
        "线索", "方案", "进行中", "已完成", "已取消"]
    assert stage.choice_label("in_progress", "en") == "In progress"
    assert add(services, admin, customer, stage="proposal").stage == "proposal"
    with pytest.raises(ValidationError) as caught:
        add(services, admin, customer, stage="won")
    assert codes(caught.value) == {"stage": "invalid_choice"}


@pytest.mark.parametrize(("values", "errors"), [
    ({"name": ""}, {"name": "required"}),
    ({"customer": ""}, {"customer": "required"}),
    ({"customer": "C999999"}, {"customer": "unknown_customer"}),
    ({"owner": "nobody"}, {"owner": "unknown_user"}),
    ({"start_date": "2026-02-30"}, {"start_date": "invalid_date"}),
    ({"start_date": "2026-05-01", "end_date": "2026-04-30"}, {"end_date": "before_start"}),
    ({"budget": "1e3"}, {"budget": "not_a_number"}),
    ({"colour": "red"}, {"colour": "unknown_field"}),
])
def test_bad_input_is_refused_field_by_field_and_nothing_is_written(
        services: Services, admin: Actor, customer: Record, row_counts: Counts,
        values: dict[str, str], errors: dict[str, str]) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        services.projects.create_project(
            admin, {"name": "Bad", "customer": customer.code, **values})
    assert codes(caught.value) == errors
    assert row_counts() == before


def test_several_bad_fields_are_named_at_once(services: Services, admin: Actor) -> None:
    with pytest.raises(ValidationError) as caught:
        services.projects.create_project(admin, {"budget": "-1", "stage": "x",
                                                 "start_date": "soon"})
    assert codes(caught.value) == {"budget": "negative", "stage": "invalid_choice",
                                   "start_date": "invalid_date", "name": "required",
                                   "customer": "required"}


def test_the_end_may_be_the_start_day_but_never_before(services: Services, admin: Actor,
                                                       customer: Record) -> None:
    one_day = add(services, admin, customer, start_date="2026-05-01", end_date="2026-05-01")
    assert one_day.start_date == one_day.end_date == date(2026, 5, 1)
    with pytest.raises(ValidationError) as caught:
        add(services, admin, customer, start_date="2026-05-01", end_date="2026-04-01")
    assert caught.value.errors["end_date"].message == \
        "must not be before the start date (2026-05-01)"


def test_changing_only_one_date_is_checked_against_the_stored_other(
        services: Services, admin: Actor, customer: Record, row_counts: Counts) -> None:
    p = add(services, admin, customer, start_date="2026-03-01", end_date="2026-06-30")
    before = row_counts()
    with pytest.raises(ValidationError) as early_end:
        services.projects.update_project(admin, p.id, p.version, {"end_date": "2026-02-28"})
    assert codes(early_end.value) == {"end_date": "before_start"}
    with pytest.raises(ValidationError) as late_start:
        services.projects.update_project(admin, p.id, p.version, {"start_date": "2026-07-01"})
    assert codes(late_start.value) == {"end_date": "before_start"}
    with pytest.raises(ValidationError):
        services.projects.update_project(admin, p.id, p.version, {
            "start_date": "2026-05-01", "end_date": "2026-04-01"})
    assert row_counts() == before
    moved = services.projects.update_project(admin, p.id, p.version, {
        "start_date": "2026-07-01", "end_date": "2026-09-30"}).saved
    assert (moved.start_date, moved.end_date, moved.version) == (
        date(2026, 7, 1), date(2026, 9, 30), 2)
    # Clearing the start leaves nothing to be before.
    cleared = services.projects.update_project(admin, p.id, moved.version, {
        "start_date": "", "end_date": "2026-01-01"}).saved
    assert (cleared.start_date, cleared.end_date) == (None, date(2026, 1, 1))


def test_every_write_is_audited_once(services: Services, admin: Actor, customer: Record,
                                     audit_log: Callable[[], list]) -> None:
    start = len(audit_log())
    p = add(services, admin, customer, budget="100.00")
    p = services.projects.update_project(admin, p.id, p.version, {"budget": "250.50"}).saved
    services.projects.archive_project(admin, p.id, p.version)
    entries = [e for e in audit_log()[start:] if e.entity_type == "project"]
    assert [e.action for e in entries] == ["create", "update", "archive"]
    assert entries[0].changes["customer"] == [None, customer.id]
    assert entries[0].changes["code"] == [None, "P000001"]
    assert entries[1].changes == {"budget": ["100.00", "250.50"]}


def test_a_project_moves_to_another_customer(services: Services, admin: Actor,
                                             customer: Record) -> None:
    other = services.customers.create_customer(admin, {"name": "上海贸易"}).saved
    p = add(services, admin, customer)
    moved = services.projects.update_project(admin, p.id, p.version,
                                             {"customer": other.code}).saved
    assert moved.customer.key == other.code
    assert [r.id for r in services.projects.projects_of(admin, other.id)] == [p.id]
    assert services.projects.projects_of(admin, customer.id) == []


def test_the_list_searches_code_name_and_pinyin(services: Services, admin: Actor,
                                                customer: Record) -> None:
    add(services, admin, customer, "北京地铁信号改造")
    add(services, admin, customer, "Shanghai Port ERP")
    add(services, admin, customer, "广州仓储系统", code="GZ-7")

    def found(text: str) -> list[str]:
        rows = services.projects.list_projects(admin, ListQuery(search=text)).rows
        return sorted(r.name for r in rows)

    assert found("地铁") == ["北京地铁信号改造"]
    assert found("beijing") == ["北京地铁信号改造"]
    assert found("bjdt") == ["北京地铁信号改造"]
    assert found("erp") == ["Shanghai Port ERP"]
    assert found("gz-7") == ["广州仓储系统"]
    assert found("P000002") == ["Shanghai Port ERP"]
    assert found("nothing") == []


def test_the_list_filters_and_sorts(services: Services, admin: Actor,
                                    customer: Record) -> None:
    other = services.customers.create_customer(admin, {"name": "上海贸易"}).saved
    add(services, admin, customer, "Alpha", budget="300", stage="proposal",
        start_date="2026-01-10")
    add(services, admin, customer, "Beta", budget="100", start_date="2026-03-01",
        end_date="2026-12-31")
    add(services, admin, other, "Gamma", budget="200", stage="proposal")

    def names(**query: object) -> list[str]:
        return [r.name for r in services.projects.list_projects(
            admin, ListQuery(**query)).rows]  # type: ignore[arg-type]

    assert names(sort="budget") == ["Beta", "Gamma", "Alpha"]
    assert names(sort="budget", descending=True) == ["Alpha", "Gamma", "Beta"]
    assert names(sort="start_date") == ["Gamma", "Alpha", "Beta"]  # no date first
    assert names(sort="end_date", descending=True) == ["Beta", "Gamma", "Alpha"]  # none last
    assert names(sort="name") == ["Alpha", "Beta", "Gamma"]
    assert names(sort="code", descending=True) == ["Gamma", "Beta", "Alpha"]
    assert names(sort="stage") == ["Beta", "Alpha", "Gamma"]  # lead, proposal (by code)
    assert names(filters=(("stage", "proposal"),)) == ["Alpha", "Gamma"]
    assert names(filters=(("customer", other.id),)) == ["Gamma"]
    assert names(filters=(("owner", admin.user_id),), sort="name") == ["Alpha", "Beta", "Gamma"]
    with pytest.raises(InvalidQuery, match="sorts: code, name, stage, budget"):
        names(sort="owner")


def test_the_list_filters_by_a_date_range(services: Services, admin: Actor,
                                          customer: Record) -> None:
    for name, start in (("Jan", "2026-01-15"), ("Mar", "2026-03-01"), ("Jun", "2026-06-30"),
                        ("None", "")):
        add(services, admin, customer, name, start_date=start)

    def names(low: object, high: object) -> list[str]:
        query = ListQuery(sort="start_date").with_range("start_date", low, high)
        rows = services.projects.list_projects(admin, query).rows
        assert services.projects.count(admin, query) == len(rows)
        return [r.name for r in rows]

    assert names("2026-01-15", "2026-03-01") == ["Jan", "Mar"]  # both ends included
    assert names("2026-02-01", None) == ["Mar", "Jun"]
    assert names(None, "2026-02-01") == ["Jan"]
    assert names(date(2026, 3, 1), date(2026, 3, 1)) == ["Mar"]
    assert names("", "") == ["None", "Jan", "Mar", "Jun"]  # no range at all
    with pytest.raises(InvalidQuery, match=r"starts \(2026-06-01\) after it ends"):
        names("2026-06-01", "2026-01-01")
    with pytest.raises(InvalidQuery, match="start_date: must be a date"):
        names("June", None)
    with pytest.raises(InvalidQuery, match="ranges: budget, start_date, end_date"):
        services.projects.list_projects(admin, ListQuery().with_range("name", "a", "b"))


def test_the_budget_range_is_exact(services: Services, admin: Actor,
                                   customer: Record) -> None:
    add(services, admin, customer, "Under", budget="99.99")
    add(services, admin, customer, "Exactly", budget="100.00")
    query = ListQuery(sort="budget").with_range("budget", "100", None)
    assert [r.name for r in services.projects.list_projects(admin, query).rows] == ["Exactly"]


def test_a_customers_open_projects(services: Services, admin: Actor,
                                   customer: Record) -> None:
    lead = add(services, admin, customer, "Lead")
    add(services, admin, customer, "Done", stage="completed")
    going = add(services, admin, customer, "Going", stage="in_progress")
    gone = add(services, admin, customer, "Archived", stage="proposal")
    services.projects.archive_project(admin, gone.id, gone.version)
    shown, total = services.projects.open_projects_of(admin, customer.id)
    assert [r.name for r in shown] == ["Going", "Lead"] and total == 2  # the newest first
    shown, total = services.projects.open_projects_of(admin, customer.id, limit=1)
    assert [r.id for r in shown] == [going.id] and total == 2
    assert [r.name for r in services.projects.projects_of(admin, customer.id)] == [
        "Going", "Done", "Lead"]
    assert [r.id for r in services.projects.projects_of(admin, customer.id,
                                                         open_only=True)] == [going.id, lead.id]
    with pytest.raises(NotFound):
        services.projects.open_projects_of(admin, 424242)
