"""The lazy customer table model: pages, sorting, filters, and Qt's model contract."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.logic.dto import CustomerQuery
from app.ui.customers.list_model import COLUMNS, ID_ROLE, PAGE_SIZE, CustomerListModel
from app.ui.kit.tasks import TaskRunner

NAME, STATUS, PHONE = 1, 2, 5


@pytest.fixture
def model(many, runner, messages):
    services, actor = many
    model = CustomerListModel(services, actor, runner, messages)
    model.set_query(CustomerQuery())
    return model


def names(model: CustomerListModel) -> list[str]:
    return [model.index(r, NAME).data() for r in range(model.rowCount())]


def test_an_empty_list_passes_the_model_tester(qtmodeltester, services, actor, runner,
                                               messages):
    model = CustomerListModel(services, actor, runner, messages)
    model.set_query(CustomerQuery())
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
    assert model.index(0, NAME).data() == "Customer 0000 公司"
    assert model.index(0, STATUS).data() == "Prospect"
    assert isinstance(model.index(0, 0).data(ID_ROLE), int)
    assert model.headerData(NAME, Qt.Orientation.Horizontal) == "Name"
    assert model.data(QModelIndex()) is None


def test_sorting_by_a_column_queries_again(model):
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "name"
    assert model.query.descending
    assert names(model)[0] == "Customer 0449 公司"
    model.sort(PHONE, Qt.SortOrder.AscendingOrder)  # not sortable: stays as it was
    assert model.query.sort == "name"
    assert [key for _, key in COLUMNS if key] == ["code", "name", "status", "tier", "city",
                                                 "owner", "updated"]


def test_filters_narrow_the_rows_and_the_total(model):
    model.set_query(replace(model.query, status="active", city="北京"))
    assert model.total == len(names(model)) > 0
    assert {model.index(r, STATUS).data() for r in range(model.rowCount())} == {"Active"}


def test_the_threaded_runner_fills_the_model_in_the_background(qtbot, many, messages):
    services, actor = many
    runner = TaskRunner()
    model = CustomerListModel(services, actor, runner, messages)
    with qtbot.waitSignal(model.sig_total_changed):
        model.set_query(CustomerQuery(search="Customer 01"))
    qtbot.waitUntil(lambda: model.rowCount() == min(model.total, PAGE_SIZE))
    assert model.total > 0
    assert all(model.index(r, NAME).data().startswith("Customer")
               for r in range(model.rowCount()))
    runner.shutdown()
