"""The lazy record table (here of customers): pages, sorting, filters, one line redrawn, and
Qt's model contract."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.logic.customers import CUSTOMER
from app.logic.kit.dto import ListQuery
from app.ui.kit.context import Context
from app.ui.kit.hub import ChangeHub
from app.ui.kit.table_model import ID_ROLE, PAGE_SIZE, RecordTableModel
from app.ui.kit.tasks import TaskRunner


def make_model(context: Context, query: ListQuery | None = None) -> RecordTableModel:
    model = RecordTableModel(context, "customers", CUSTOMER)
    model.set_query(query or ListQuery())
    return model


@pytest.fixture
def many_context(many, runner) -> Context:
    services, actor = many
    return Context(services, actor, runner, ChangeHub())


@pytest.fixture
def model(many_context) -> RecordTableModel:
    return make_model(many_context)


def column(model: RecordTableModel, name: str) -> int:
    found = model.column_of(name)
    assert found >= 0, name
    return found


def names(model: RecordTableModel) -> list[str]:
    return [model.index(r, column(model, "name")).data() for r in range(model.rowCount())]


def test_an_empty_list_passes_the_model_tester(qtmodeltester, context):
    model = make_model(context)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 0
    assert model.total == 0
    assert not model.canFetchMore(QModelIndex())


def test_a_full_list_passes_the_model_tester_while_fetching_more(qtmodeltester, model):
    assert model.rowCount() == PAGE_SIZE
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 450 == model.total


def test_the_first_page_only_is_loaded_until_the_view_asks(model):
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    assert not model.canFetchMore(model.index(0, 0))


def test_cells_show_translated_choices_and_carry_the_id(model):
    assert model.index(0, column(model, "name")).data() == "Customer 0000 公司"
    assert model.index(0, column(model, "status")).data() == "Prospect"
    assert isinstance(model.index(0, 0).data(ID_ROLE), int)
    assert model.headerData(column(model, "name"), Qt.Orientation.Horizontal) == "Name"
    assert model.data(QModelIndex()) is None


def test_sorting_by_a_column_queries_again(model):
    model.sort(column(model, "name"), Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "name"
    assert model.query.descending
    assert names(model)[0] == "Customer 0449 公司"
    model.sort(column(model, "phone"), Qt.SortOrder.AscendingOrder)  # not sortable
    assert (model.query.sort, model.query.descending) == ("name", True)
    sortable = [f.name for f in model.fields if f.sortable]
    assert sortable == ["name", "code", "status", "tier", "owner", "city", "created_at",
                        "updated_at"]


def test_filters_narrow_the_rows_and_the_total(model):
    model.set_query(model.query.with_filter("status", "active").with_filter("city", "北京"))
    assert model.total == len(names(model)) > 0
    assert {model.index(r, column(model, "status")).data()
            for r in range(model.rowCount())} == {"Active"}
    assert {model.index(r, column(model, "city")).data()
            for r in range(model.rowCount())} == {"北京"}


def test_a_saved_record_redraws_its_line_in_place(qtbot, context, services, actor):
    for n in range(3):
        services.customers.create_customer(actor, {"name": f"Line {n}"})
    model = make_model(context, ListQuery(sort="name"))
    middle = model.index(1, 0).data(ID_ROLE)
    record = services.customers.get_customer(actor, middle)
    services.customers.update_customer(actor, middle, record.version, {"name": "Zzz renamed"})
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.refresh_record(middle)
    top, bottom = changed.args[0], changed.args[1]
    assert (top.row(), bottom.row()) == (1, 1)
    assert (top.column(), bottom.column()) == (0, model.columnCount() - 1)
    assert resets == []  # the list keeps its place: the renamed line stays where it was
    assert names(model) == ["Line 0", "Zzz renamed", "Line 2"]


def test_a_record_not_shown_yet_reads_the_list_again(context, services, actor):
    model = make_model(context)
    made = services.customers.create_customer(actor, {"name": "Brand new"}).saved
    assert model.rowCount() == 0
    model.refresh_record(made.id)
    assert names(model) == ["Brand new"]


def test_the_threaded_runner_fills_the_model_in_the_background(qtbot, many):
    services, actor = many
    runner = TaskRunner()
    context = Context(services, actor, runner, ChangeHub())
    model = RecordTableModel(context, "customers", CUSTOMER)
    with qtbot.waitSignal(model.sig_total_changed):
        model.set_query(replace(ListQuery(), search="Customer 01"))
    qtbot.waitUntil(lambda: model.total is not None
                    and model.rowCount() == min(model.total, PAGE_SIZE))
    assert model.total > 0
    assert all(name.startswith("Customer") for name in names(model))
    runner.shutdown()
