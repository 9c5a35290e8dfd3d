"""The sales screens on real records: the pipeline board (sums per stage, the record scope,
moving a card by keyboard, by drag and drop, lost with its reason, won offering a draft
order) and the order form (lines typed with live totals by the one rule, saved exactly, the
credit check refusing with its figures and the manager's override with a reason)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt
from PySide6.QtGui import QDropEvent

from app.logic.kit.dto import Actor, ListQuery, Record
from app.logic.services import Services
from app.ui.kit.context import Context
from app.ui.sales import OrderForm, PipelineBoard
from app.ui.sales.board import CARD_MIME


def forget_edits(form: OrderForm) -> None:
    """Closed after the test without asking about unsaved fields or lines."""
    form.fields.mark_clean()
    form._lines_dirty = False


def cards(board: PipelineBoard, stage: str) -> list[str]:
    column = board.columns[stage]
    return [column.item(i).text().split()[0] for i in range(column.count())]


def choose(board: PipelineBoard, record: Record) -> None:
    column = board.columns[str(board.cards[record.id].get("stage"))]
    for i in range(column.count()):
        if column.item(i).text().startswith(str(record.get("number"))):
            column.setFocus()
            column.setCurrentRow(i)
            return
    raise AssertionError(f"no card {record.get('number')}")


def test_the_board_sums_each_stage_within_the_record_scope(
        qtbot, make_context: Callable[[Actor], Context], context: Context,
        team: dict[str, Actor], opportunities: dict[str, Record]) -> None:
    mine = PipelineBoard(make_context(team["sales1"]))
    qtbot.addWidget(mine)
    assert cards(mine, "qualification") == [opportunities["q"].number]
    assert cards(mine, "proposal") == [opportunities["p"].number]
    header = mine.headers["negotiation"].text()
    assert "1 · 4,000.00" in header and "3,000.00" in header  # 75% of 4,000
    # the open pipeline, weighted: 10% of 1,000 + 50% of 2,000 + 75% of 4,000
    assert "4,100.00" in mine.summary.text()
    boss = PipelineBoard(make_context(team["manager"]))  # the team's: sales1's, not sales2's
    qtbot.addWidget(boss)
    assert cards(boss, "qualification") == [opportunities["q"].number]
    everyone = PipelineBoard(context)  # the administrator sees sales2's as well
    qtbot.addWidget(everyone)
    assert sorted(cards(everyone, "qualification")) == sorted(
        [opportunities["q"].number, opportunities["other"].number])
    assert "2 · 9,000.00" in everyone.headers["qualification"].text()
    everyone.owner.setCurrentIndex(everyone.owner.findData(team["sales2"].user_id))
    assert cards(everyone, "qualification") == [opportunities["other"].number]
    assert cards(everyone, "proposal") == []


def test_a_card_moves_by_keyboard_and_by_drag_and_drop(
        qtbot, make_context: Callable[[Actor], Context], services: Services,
        team: dict[str, Actor], opportunities: dict[str, Record]) -> None:
    board = PipelineBoard(make_context(team["sales1"]))
    qtbot.addWidget(board)
    board.show()
    with qtbot.waitActive(board):
        board.activateWindow()
    choose(board, opportunities["q"])
    qtbot.keyClick(board.columns["qualification"], Qt.Key.Key_Right,
                   Qt.KeyboardModifier.ControlModifier)
    moved = services.opportunities.get(team["sales1"], opportunities["q"].id)
    assert moved.stage == "needs_analysis" and moved.probability == 25
    assert cards(board, "needs_analysis") == [opportunities["q"].number]
    data = QMimeData()
    data.setData(CARD_MIME, QByteArray(str(opportunities["p"].id).encode()))
    target = board.columns["negotiation"]
    drop = QDropEvent(QPoint(5, 5), Qt.DropAction.MoveAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    target.dropEvent(drop)
    dropped = services.opportunities.get(team["sales1"], opportunities["p"].id)
    assert dropped.stage == "negotiation" and dropped.weighted == 1500  # 75% of 2,000
    assert sorted(cards(board, "negotiation")) == sorted(
        [opportunities["p"].number, opportunities["n"].number])


def test_lost_asks_the_reason_and_won_offers_a_draft_order(
        qtbot, make_context: Callable[[Actor], Context], services: Services,
        team: dict[str, Actor], opportunities: dict[str, Record],
        customers: dict[str, Record]) -> None:
    board = PipelineBoard(make_context(team["sales1"]))
    qtbot.addWidget(board)
    board.ask_reason = lambda record: ""  # the user cancels: nothing moves
    board.move_card(opportunities["q"].id, "lost")
    assert services.opportunities.get(team["sales1"], opportunities["q"].id).stage == \
        "qualification"
    board.ask_reason = lambda record: "价格高于竞争对手"
    board.move_card(opportunities["q"].id, "lost")
    lost = services.opportunities.get(team["sales1"], opportunities["q"].id)
    assert (lost.stage, lost.lost_reason, lost.probability) == ("lost", "价格高于竞争对手", 0)
    questions: list[str] = []
    board.ask_order = lambda question: questions.append(question) or True
    choose(board, opportunities["n"])
    board.won_button.click()
    assert services.opportunities.get(team["sales1"], opportunities["n"].id).stage == "won"
    assert questions and opportunities["n"].number in questions[0]
    orders = services.orders.list_page(team["sales1"], ListQuery(), None, 10).rows
    assert len(orders) == 1
    order = services.orders.get(team["sales1"], orders[0].id)
    assert order.status == "draft" and order.customer.id == customers["probe"].id
    assert order.opportunity.id == opportunities["n"].id


def type_line(form: OrderForm, row: int, values: dict[str, str]) -> None:
    from app.ui.sales.lines import COLUMNS

    for name, text in values.items():
        form.lines.table.item(row, COLUMNS.index(name)).setText(text)


def test_an_order_typed_line_by_line_is_exact_and_stopped_by_the_credit_check(
        qtbot, make_context: Callable[[Actor], Context], context: Context, services: Services,
        team: dict[str, Actor], customers: dict[str, Record], product: Record) -> None:
    form = OrderForm(make_context(team["sales1"]))
    qtbot.addWidget(form, before_close_func=forget_edits)
    form.show()
    combo = form.fields.editor("customer")
    combo.setCurrentIndex(combo.findData(customers["probe"].id))
    assert form.lines.table.rowCount() == 1  # a new order starts on its first line
    type_line(form, 0, {"product": "g3333"})  # what the product gives fills in
    assert form.lines.text(0, "unit_price") == "33.33"
    assert form.lines.text(0, "tax_rate") == "13%"
    type_line(form, 0, {"quantity": "3", "discount": "10%"})
    assert (form.lines.text(0, "net"), form.lines.text(0, "tax"),
            form.lines.text(0, "gross")) == ("89.99", "11.70", "101.69")
    assert "101.69" in form.lines.totals.text()
    form.lines.table.setFocus()
    form.lines.table.setCurrentCell(0, 2)
    qtbot.keyClick(form.lines.table, Qt.Key.Key_Return)  # Enter on the last line: a new one
    assert form.lines.table.rowCount() == 2
    form.lines.table.setCurrentCell(1, 2)
    form.lines.table.editItem(form.lines.table.item(1, 2))
    editor = form.lines.table.focusWidget()
    assert editor is not form.lines.table
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter ending an edit on the last line too
    qtbot.waitUntil(lambda: form.lines.table.rowCount() == 3)  # the delegate's close is queued
    form.on_save()
    saved = form.record
    assert saved is not None, form.status.text()
    order = services.orders.get(team["sales1"], saved.id)
    assert (order.net, order.tax, order.gross) == (order.net.__class__("89.99"),
                                                   order.net.__class__("11.70"),
                                                   order.net.__class__("101.69"))
    assert len(order.children["lines"]) == 1  # the empty line is no line
    form.moves.buttons["confirm"].click()  # one cent over 101.68
    assert "101.68" in form.status.text() and "0.01" in form.status.text()
    assert services.orders.get(team["sales1"], saved.id).status == "draft"
    boss = OrderForm(make_context(team["manager"]), saved.id)  # the team's manager
    qtbot.addWidget(boss, before_close_func=forget_edits)
    asked: list[str] = []
    boss.moves.ask_override_reason = lambda text: asked.append(text) or "Paid by guarantee"
    boss.moves.buttons["confirm"].click()
    assert asked and "101.68" in asked[0]
    confirmed = services.orders.get(team["manager"], saved.id)
    assert confirmed.status == "confirmed"
    assert confirmed.credit_override_reason == "Paid by guarantee"
    history = services.orders.history(team["manager"], saved.id)
    assert any(h.action == "credit_override" and
               h.changes.get("reason") == [None, "Paid by guarantee"] for h in history), \
        history
    assert boss.lines.read_only  # a confirmed order's lines are not edited


def test_a_bad_line_is_marked_and_nothing_is_saved(
        qtbot, make_context: Callable[[Actor], Context], services: Services,
        team: dict[str, Actor], customers: dict[str, Record], product: Record) -> None:
    form = OrderForm(make_context(team["sales1"]))
    qtbot.addWidget(form, before_close_func=forget_edits)
    combo = form.fields.editor("customer")
    combo.setCurrentIndex(combo.findData(customers["big"].id))
    type_line(form, 0, {"product": "G3333", "quantity": "1.2345"})
    form.on_save()
    assert form.record is None
    from app.ui.sales.lines import COLUMNS, ERROR_BRUSH

    cell = form.lines.table.item(0, COLUMNS.index("quantity"))
    assert cell.background() == ERROR_BRUSH and "decimal places" in cell.toolTip()
    assert not services.orders.list_page(team["sales1"], ListQuery(), None, 10).rows


def test_an_administrator_sets_the_stages_probabilities_from_the_board(
        qtbot, context: Context, services: Services, team: dict[str, Actor],
        opportunities: dict[str, Record]) -> None:
    board = PipelineBoard(context)
    qtbot.addWidget(board)
    dialog = board.open_probabilities()
    spin = dialog.fields.editor("proposal_probability")
    assert spin.value() == 50
    spin.setValue(40)
    dialog.on_save()
    assert services.opportunities.probabilities(context.actor)["proposal"] == 40
    moved = services.opportunities.move_to(team["sales1"], opportunities["q"].id,
                                           opportunities["q"].version, "proposal").saved
    assert moved.probability == 40  # a later move takes the new default
    dialog.close()
