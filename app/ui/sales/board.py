"""The pipeline board: the stages as columns, each headed by its count, amount and weighted
amount, the opportunities as cards (the largest first). A card moves to another stage by
drag and drop, by the buttons, or from the keyboard (Ctrl+Right and Ctrl+Left: the next and
the previous stage; Enter opens it). Lost asks for the reason; won offers a draft order. The
board is narrowed by owner, team and expected close month, and follows changes made
anywhere (the change hub)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Changed, Record
from app.logic.sales import OPEN_STAGES, OPPORTUNITY, STAGES, Filter, Pipeline
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.language import ui_language
from app.ui.kit.opener import open_record
from app.ui.kit.settings_group import SettingsGroupDialog
from app.ui.sales.opportunity_form import offer_order
from app.ui.sales.order_form import user_items

CARD_MIME = "application/x-kehu-opportunity"
ID_ROLE = Qt.ItemDataRole.UserRole
STAGE_NAMES = tuple(s for s, _, _ in STAGES)
# Ctrl+Right from each stage (negotiation is won next); Ctrl+Left back.
NEXT = dict(zip(OPEN_STAGES, (*OPEN_STAGES[1:], "won"), strict=True))
PREVIOUS = {b: a for a, b in pairwise(OPEN_STAGES)}


def months_around(today: date, before: int = 12, after: int = 12) -> list[str]:
    """YYYY-MM from ``before`` months ago to ``after`` months ahead."""
    start = today.year * 12 + today.month - 1 - before
    return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(start, start + before + after + 1)]


class StageColumn(QListWidget):
    """One stage's cards; a card dropped here asks to move to this stage."""

    sig_dropped = Signal(int, str)  # opportunity id, this stage

    def __init__(self, stage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setObjectName(f"stage_{stage}")
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(3)
        self.setStyleSheet("QListWidget::item { border: 1px solid palette(mid); "
                           "border-radius: 4px; padding: 4px; }")

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        data = QMimeData()
        ids = ",".join(str(i.data(ID_ROLE)) for i in items)
        data.setData(CARD_MIME, QByteArray(ids.encode()))
        return data

    def mimeTypes(self) -> list[str]:
        return [CARD_MIME]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CARD_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(CARD_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """The board moves the card (and shows it where the service put it): the list
        itself keeps its items."""
        data = event.mimeData()
        if not data.hasFormat(CARD_MIME):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        for text in bytes(data.data(CARD_MIME).data()).decode().split(","):
            if text.strip().isdigit():
                self.sig_dropped.emit(int(text), self.stage)


class PipelineBoard(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipelineBoard")
        self.context = context
        self._language = ui_language()
        self.cards: dict[int, Record] = {}
        self.ask_reason: Any = None  # tests answer the lost reason
        self.ask_order: Any = None  # tests answer the draft order's question
        self._build()
        context.hub.sig_changed.connect(self.on_changed)
        self.load_choices()
        self.reload()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.owner = QComboBox()
        self.owner.setObjectName("boardOwner")
        self.team = QComboBox()
        self.team.setObjectName("boardTeam")
        self.month = QComboBox()
        self.month.setObjectName("boardMonth")
        self.month.addItem(self.tr("Any month"), "")
        for month in months_around(date.today()):
            self.month.addItem(month, month)
        for combo in (self.owner, self.team, self.month):
            combo.currentIndexChanged.connect(self.reload)
        self.summary = QLabel()
        self.summary.setObjectName("boardSummary")
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setToolTip("F5")
        refresh.clicked.connect(self.reload)
        bar = QHBoxLayout()
        for text, combo in ((self.tr("Owner:"), self.owner), (self.tr("Team:"), self.team),
                            (self.tr("Expected close:"), self.month)):
            label = QLabel(text)
            label.setBuddy(combo)
            bar.addWidget(label)
            bar.addWidget(combo)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        bar.addWidget(refresh)
        self.probabilities_button = QPushButton(self.tr("Probabilities..."))
        self.probabilities_button.setObjectName("probabilitiesButton")
        self.probabilities_button.setToolTip(self.tr(
            "The chance of winning each stage gives a new or moved opportunity"))
        self.probabilities_button.clicked.connect(self.open_probabilities)
        bar.addWidget(self.probabilities_button)
        self.columns: dict[str, StageColumn] = {}
        self.headers: dict[str, QLabel] = {}
        board = QHBoxLayout()
        words = {v: (en, zh) for v, en, zh in STAGES}
        for stage in STAGE_NAMES:
            box = QVBoxLayout()
            header = QLabel()
            header.setObjectName(f"header_{stage}")
            header.setFrameShape(QFrame.Shape.StyledPanel)
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            header.setProperty("stageWord", words[stage][1 if self._language.startswith("zh")
                                                         else 0])
            column = StageColumn(stage)
            column.sig_dropped.connect(self.move_card)
            column.itemActivated.connect(self.on_activated)
            box.addWidget(header)
            box.addWidget(column, 1)
            board.addLayout(box, 1)
            self.columns[stage], self.headers[stage] = column, header
        self.next_button = QPushButton(self.tr("Next stage"))
        self.next_button.setToolTip(self.tr("Move the chosen card to the next stage "
                                            "(Ctrl+Right)"))
        self.next_button.clicked.connect(lambda: self.step(NEXT))
        self.back_button = QPushButton(self.tr("Previous stage"))
        self.back_button.setToolTip(self.tr("Move the chosen card back a stage (Ctrl+Left)"))
        self.back_button.clicked.connect(lambda: self.step(PREVIOUS))
        self.won_button = QPushButton(self.tr("Won"))
        self.won_button.clicked.connect(lambda: self.move_chosen("won"))
        self.lost_button = QPushButton(self.tr("Lost..."))
        self.lost_button.clicked.connect(lambda: self.move_chosen("lost"))
        self.status = QLabel()
        self.status.setObjectName("boardStatus")
        moves = QHBoxLayout()
        for button in (self.back_button, self.next_button, self.won_button, self.lost_button):
            button.setAutoDefault(False)
            moves.addWidget(button)
        moves.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(board, 1)
        layout.addLayout(moves)
        for keys, slot in (("Ctrl+Right", lambda: self.step(NEXT)),
                           ("Ctrl+Left", lambda: self.step(PREVIOUS)),
                           ("F5", self.reload)):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)

    # --- loading --------------------------------------------------------------------------
    def load_choices(self) -> None:
        service, actor = self.context.services.opportunities, self.context.actor

        def choices() -> tuple[list[tuple[str, Any]], list[str]]:
            return user_items(service.owner_choices(actor)), service.team_choices(actor)

        self.context.runner.run(choices, self.on_choices, lambda _error: None, context=self)

    def on_choices(self, found: tuple[list[tuple[str, Any]], list[str]]) -> None:
        owners, teams = found
        for combo, items in ((self.owner, owners), (self.team, [(t, t) for t in teams])):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("Everyone"), None)
            for text, value in items:
                combo.addItem(text, value)
            combo.blockSignals(False)

    def narrowed(self) -> Filter:
        return Filter(owner=self.owner.currentData(), team=self.team.currentData(),
                      month=self.month.currentData() or None)

    def reload(self, *_args: Any) -> None:
        service, actor, narrow = self.context.services.opportunities, self.context.actor, \
            self.narrowed()
        self.context.runner.run(lambda: (service.pipeline(actor, narrow),
                                         service.board(actor, narrow)),
                                self.on_loaded, self.on_failed, context=self)

    def on_loaded(self, loaded: tuple[Pipeline, dict[str, list[Record]]]) -> None:
        pipeline, board = loaded
        chosen = self.chosen()
        self.cards = {}
        weighted = self.tr("weighted")
        for stage in pipeline.stages:
            header = self.headers[stage.stage]
            header.setText(f"<b>{header.property('stageWord')}</b><br>"
                           f"{stage.count} · {stage.amount:,.2f}<br>"
                           f"<span style='color: palette(placeholder-text)'>"
                           f"{weighted} {stage.weighted:,.2f}</span>")
            column = self.columns[stage.stage]
            column.clear()
            for record in board.get(stage.stage, []):
                self.cards[record.id] = record
                item = QListWidgetItem(self.card_text(record))
                item.setData(ID_ROLE, record.id)
                item.setToolTip(self.card_text(record))
                item.setSizeHint(QSize(0, column.fontMetrics().lineSpacing() * 3 + 14))
                column.addItem(item)
                if chosen is not None and record.id == chosen.id:
                    column.setCurrentItem(item)
        self.summary.setText(self.tr("Open pipeline, weighted: %1").replace(
            "%1", f"{pipeline.weighted:,.2f}"))

    def card_text(self, record: Record) -> str:
        customer = record.get("customer")
        close = record.get("expected_close")
        return (f"{record.get('number')}  {record.get('name')}\n"
                f"{getattr(customer, 'label', '') or ''}\n"
                f"{record.get('amount'):,.2f} · {record.get('probability')}%"
                + (f" · {close.isoformat()}" if close else ""))

    def on_failed(self, error: Exception) -> None:
        self.status.setText(str(error))

    def on_changed(self, changed: Changed) -> None:
        if changed.touches(OPPORTUNITY.name):
            self.reload()

    # --- moving ---------------------------------------------------------------------------
    def chosen(self) -> Record | None:
        """The card chosen in the column that has the focus (else in any column)."""
        columns = sorted(self.columns.values(), key=lambda c: not c.hasFocus())
        for column in columns:
            item = column.currentItem()
            if item in column.selectedItems():
                return self.cards.get(int(item.data(ID_ROLE)))
        return None

    def step(self, moves: dict[str, str]) -> None:
        record = self.chosen()
        if record is not None and record.get("stage") in moves:
            self.move_card(record.id, moves[str(record.get("stage"))])

    def move_chosen(self, stage: str) -> None:
        record = self.chosen()
        if record is not None:
            self.move_card(record.id, stage)

    def move_card(self, opportunity_id: int, stage: str) -> None:
        """Move the opportunity to ``stage`` (lost: with the reason asked for)."""
        record = self.cards.get(opportunity_id)
        if record is None or record.get("stage") == stage:
            return
        reason = None
        if stage == "lost":
            reason = self.ask_lost_reason(record)
            if not reason:
                return
        service, actor = self.context.services.opportunities, self.context.actor
        self.status.setText(self.tr("Saving..."))
        self.context.runner.run(
            lambda: service.move_to(actor, record.id, record.version, stage, reason),
            self.on_moved, self.on_move_failed, context=self)

    def ask_lost_reason(self, record: Record) -> str:
        if self.ask_reason is not None:
            return str(self.ask_reason(record) or "")
        text, ok = QInputDialog.getText(self, self.tr("Lost"), self.tr(
            "Why was %1 lost?").replace("%1", str(record.get("number"))))
        return text.strip() if ok else ""

    def on_moved(self, changed: Changed) -> None:
        self.status.clear()
        self.context.hub.broadcast(changed)  # the board reloads from it too
        if changed.action == "win" and changed.record is not None:
            offer_order(self.context, changed.record, self, self.ask_order)

    def on_move_failed(self, error: Exception) -> None:
        self.status.clear()
        show_error(self, error)
        self.reload()

    def on_activated(self, item: QListWidgetItem) -> None:
        self.open_card(int(item.data(ID_ROLE)))

    def open_probabilities(self) -> SettingsGroupDialog:
        """The default probability per stage (an administrator changes it; others read)."""
        dialog = SettingsGroupDialog(self.context, "sales_settings", self)
        dialog.open()
        return dialog

    def open_card(self, opportunity_id: int) -> Any:
        return open_record(self.context, "opportunity", opportunity_id, self)
