"""The projects list: its own search box, the filters (stage, owner, customer, a start-date
range), a salesperson's scope, and opening a project."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.logic.kit.dto import Actor, Record
from app.ui.kit.context import Context
from app.ui.projects import ProjectForm, ProjectListView

from .kit import open_forms


@pytest.fixture
def make_list(qtbot) -> Callable[[Context], ProjectListView]:
    def make(context: Context) -> ProjectListView:
        view = ProjectListView(context)
        qtbot.addWidget(view)
        view.resize(1200, 400)
        return view

    return make


def names(view: ProjectListView) -> list[str]:
    column = view.model.column_of("name")
    return [view.model.index(r, column).data() for r in range(view.model.rowCount())]


def choose(view: ProjectListView, name: str, data: object) -> None:
    combo = view.filter_combos[name]
    combo.setCurrentIndex(combo.findData(data))


def test_the_list_shows_the_projects_with_their_words(
        make_list, context: Context, projects: dict[str, Record]) -> None:
    view = make_list(context)
    assert names(view) == ["ERP 实施", "CRM 升级", "仓储改造", "Port scheduling"]
    model = view.model
    row = names(view).index("ERP 实施")
    assert model.index(row, model.column_of("stage")).data() == "In progress"
    assert model.index(row, model.column_of("budget")).data() == "1,280,000.00"
    assert model.index(row, model.column_of("customer")).data() == "北京星河科技有限公司"
    assert model.index(row, model.column_of("owner")).data() == "王伟"
    assert view.total_label.text() == "Projects: 4"


def test_the_filters_by_stage_owner_and_customer(
        make_list, context: Context, projects: dict[str, Record],
        customers: dict[str, Record], sales1: Actor) -> None:
    view = make_list(context)
    assert [view.filter_combos["stage"].itemText(i) for i in range(6)] == [
        "All: Stage", "Lead", "Proposal", "In progress", "Completed", "Cancelled"]
    choose(view, "stage", "proposal")
    assert names(view) == ["CRM 升级"]
    view.clear_filters()
    choose(view, "owner", sales1.user_id)
    assert names(view) == ["ERP 实施"]
    view.clear_filters()
    customer = view.filter_combos["customer"]
    assert [customer.itemText(i) for i in range(customer.count())] == [
        "All: Customer", "北京星河科技有限公司 (C000001)", "Shanghai Harbour Logistics (C000002)"]
    choose(view, "customer", customers["admin"].id)
    assert names(view) == ["Port scheduling"]


def test_the_start_date_range(qtbot, make_list, context: Context,
                              projects: dict[str, Record]) -> None:
    view = make_list(context)
    dates = view.range_filters["start_date"]
    qtbot.keyClicks(dates.low, "2026-01-15")
    qtbot.keyClick(dates.low, Qt.Key.Key_Return)
    assert names(view) == ["ERP 实施", "CRM 升级"]
    qtbot.keyClicks(dates.high, "2026-03-01")
    qtbot.keyClick(dates.high, Qt.Key.Key_Return)
    assert names(view) == ["ERP 实施"]
    assert view.current_query().range("start_date") == (date(2026, 1, 15),
                                                         projects["erp"].start_date)
    # Not a date: marked and said; the list keeps its last good range.
    dates.high.setText("March")
    qtbot.keyClick(dates.high, Qt.Key.Key_Return)
    assert dates.problem == "Enter a date like 2026-05-31."
    assert dates.high.toolTip() == "Enter a date like 2026-05-31."
    assert names(view) == ["ERP 实施"]
    dates.high.setText("2026-01-01")
    qtbot.keyClick(dates.high, Qt.Key.Key_Return)
    assert dates.problem == "The range starts after it ends."
    dates.high.clear()  # the clear button applies at once
    assert dates.problem == "" and names(view) == ["ERP 实施", "CRM 升级"]
    view.clear_filters()
    assert dates.low.text() == "" and dates.value() == (None, None)
    assert len(names(view)) == 4


def test_nothing_in_the_range_says_so_with_clear_filters(
        qtbot, make_list, context: Context, projects: dict[str, Record]) -> None:
    view = make_list(context)
    view.range_filters["start_date"].set_value("2030-01-01", None)
    assert view.stack.currentWidget() is view.empty
    assert view.empty_label.text() == "No projects match these filters."
    view.empty_clear.click()
    assert len(names(view)) == 4


def test_the_lists_own_search_box_finds_code_name_and_pinyin(
        qtbot, make_list, context: Context, projects: dict[str, Record]) -> None:
    view = make_list(context)
    box = view.search_box
    assert box.placeholderText() == "Search projects..."
    box.setText("cangchu")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert names(view) == ["仓储改造"]
    box.setText("P000004")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert names(view) == ["Port scheduling"]
    view.clear_filters()
    assert box.text() == "" and len(names(view)) == 4


def test_a_salesperson_lists_the_projects_of_own_customers_only(
        make_list, make_context, projects: dict[str, Record], sales1: Actor) -> None:
    view = make_list(make_context(sales1))
    assert names(view) == ["ERP 实施", "CRM 升级", "仓储改造"]
    customer = view.filter_combos["customer"]
    assert customer.count() == 2  # "All" and their own customer


def test_enter_opens_the_project_and_new_opens_an_empty_one(
        qtbot, make_list, context: Context, projects: dict[str, Record]) -> None:
    view = make_list(context)
    view.show()
    view.focus_table()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    [form] = open_forms()
    assert isinstance(form, ProjectForm) and form.record is not None
    assert form.record.code == "P000001"
    again = view.open_project(projects["erp"].id)
    assert again is form and len(open_forms()) == 1  # raised, not opened twice
    new = view.new_record()
    assert isinstance(new, ProjectForm) and new.record is None
    assert len(open_forms()) == 2


def test_a_project_saved_elsewhere_is_redrawn(make_list, context: Context,
                                              projects: dict[str, Record]) -> None:
    view = make_list(context)
    erp = projects["erp"]
    changed = context.services.projects.update_project(context.actor, erp.id, erp.version,
                                                       {"name": "ERP 二期"})
    context.hub.broadcast(changed)
    assert "ERP 二期" in names(view)
