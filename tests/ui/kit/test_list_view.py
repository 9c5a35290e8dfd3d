"""The kit's list and a search it refuses: the search box takes at most what the lists
accept, and a search over the limits (too many words, a control character) is said where
the rows would be, in the user's language, without an error dialog or a query."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from app.logic.kit.errors import InvalidQuery, InvalidSearch
from app.logic.kit.validation import SEARCH_MAX_CHARS, SEARCH_MAX_TERMS, check_search
from app.ui.customers import CustomerListView
from app.ui.kit.errors import ErrorDialog
from app.ui.kit.language import ui_language
from app.ui.shell.i18n import Translation
from app.ui.shell.main_window import MainWindow

from ..helpers import type_text

LIMITS = f"A search may have at most {SEARCH_MAX_CHARS} characters and {SEARCH_MAX_TERMS} words."
TOO_MANY = " ".join(["co"] * (SEARCH_MAX_TERMS + 1))


@pytest.fixture
def window(qtbot, services, actor, runner) -> MainWindow:
    for name in ("Alpha Co", "Beta Co"):
        services.customers.create_customer(actor, {"name": name})
    window = MainWindow(services, actor, runner)
    qtbot.addWidget(window)
    window.show()
    return window


def refused(search: str) -> InvalidSearch:
    with pytest.raises(InvalidSearch) as error:
        check_search(search)
    return error.value


def test_the_search_box_takes_no_more_than_a_search_may_have(qtbot, window) -> None:
    assert window.search.maxLength() == SEARCH_MAX_CHARS
    window.search.setText("x" * 50_010)  # as a paste would
    assert window.search.text() == "x" * SEARCH_MAX_CHARS


@pytest.mark.parametrize("search", [TOO_MANY, "co\x00"], ids=["17-words", "nul"])
def test_a_refused_search_is_said_in_place_of_the_rows(qtbot, window, search: str) -> None:
    view: CustomerListView = window.page("customers")
    asked = view.model.query
    type_text(window.search, search)
    window.on_search_done()
    assert QApplication.activeModalWidget() is None  # no error dialog
    assert view.model.query == asked  # the list was not asked
    assert view.stack.currentWidget() is view.empty
    assert view.empty_label.text() == (LIMITS if search == TOO_MANY else
                                        "Remove the control characters from the search.")
    assert view.empty_clear.isVisible()


def test_mending_the_search_shows_rows_again(qtbot, window) -> None:
    view: CustomerListView = window.page("customers")
    shown = view.total_label.text()
    assert shown.endswith(": 2")
    view.set_search(TOO_MANY)
    assert view.stack.currentWidget() is view.empty
    assert view.total_label.text() == ""  # not the count of rows no longer shown
    view.set_search("")  # back to the search the list already shows
    assert view.stack.currentWidget() is view.table
    assert view.model.rowCount() == 2
    assert view.total_label.text() == shown
    view.set_search(TOO_MANY)
    view.set_search("alpha")
    assert view.stack.currentWidget() is view.table
    assert view.model.query.search == "alpha" and view.model.rowCount() == 1


def test_clear_filters_empties_a_refused_search(qtbot, window) -> None:
    view: CustomerListView = window.page("customers")
    type_text(window.search, TOO_MANY)
    window.on_search_done()
    view.empty_clear.click()
    assert window.search.text() == ""
    assert view.stack.currentWidget() is view.table and view.model.rowCount() == 2


def test_a_page_asked_for_before_the_refusal_does_not_hide_it(qtbot, window) -> None:
    view: CustomerListView = window.page("customers")
    view.set_search(TOO_MANY)
    view.on_first_page(2)
    assert view.stack.currentWidget() is view.empty
    assert view.empty_label.text() == LIMITS


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    translation = Translation()
    assert translation.install("zh_CN")
    assert ui_language() == "zh_CN"
    yield
    translation.install("en")


def test_the_refusal_speaks_chinese(qtbot, context, chinese) -> None:
    view = CustomerListView(context)
    qtbot.addWidget(view)
    view.set_search(TOO_MANY)
    assert view.empty_label.text() == "搜索内容最多 200 个字符、16 个词。"


def test_the_error_dialog_tells_a_refused_search_and_other_usage_errors(qtbot) -> None:
    dialog = ErrorDialog(refused("x" * (SEARCH_MAX_CHARS + 1)))
    qtbot.addWidget(dialog)
    assert (dialog.windowTitle(), dialog.text()) == ("Please check your input", LIMITS)
    dialog = ErrorDialog(InvalidQuery("cannot sort customers by 'colour'"))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Please check your input"
    assert dialog.text() == "cannot sort customers by 'colour'"
    assert dialog.detailedText() == ""  # no traceback: the user's input, not a fault
