"""Mark an activity done: what came of it (the outcome) and, if there is to be one, the date
of the follow-up, which becomes the next activity (the same customer, contact, kind and
owner) in the same save. A refused value is shown beneath its field; nothing is saved."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Changed, Record
from app.logic.kit.errors import ConflictError, ValidationError
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.field_set import ERROR_STYLE
from app.ui.kit.messages import Messages


class DoneDialog(QDialog):
    sig_done = Signal(object)  # Changed

    def __init__(self, context: Context, record: Record, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("activityDoneDialog")
        self.context, self.record = context, record
        self.messages = Messages(self)
        self.changed: Changed | None = None
        self.setWindowTitle(self.tr("Mark done"))
        heading = QLabel(str(record.get("subject") or ""))
        heading.setStyleSheet("font-weight: 600;")
        heading.setWordWrap(True)
        self.outcome = QPlainTextEdit()
        self.outcome.setObjectName("doneOutcome")
        self.outcome.setTabChangesFocus(True)
        self.outcome.setPlaceholderText(self.tr("What came of it"))
        self.outcome.setFixedHeight(self.outcome.fontMetrics().lineSpacing() * 4 + 12)
        self.next_date = QLineEdit()
        self.next_date.setObjectName("doneNext")
        self.next_date.setMaxLength(10)
        self.next_date.setPlaceholderText(self.tr("YYYY-MM-DD (none: no follow-up)"))
        self.errors = {name: self._error_label() for name in ("outcome", "next_date")}
        form = QFormLayout()
        form.addRow(self.tr("&Outcome:"), self.outcome)
        form.addRow("", self.errors["outcome"])
        form.addRow(self.tr("&Follow-up on:"), self.next_date)
        form.addRow("", self.errors["next_date"])
        self.problem = self._error_label()
        self.problem.setObjectName("doneProblem")
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("&Done"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("doneOk")
        self.ok_button.setDefault(True)
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.on_ok)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.outcome.setFocus()

    @staticmethod
    def _error_label() -> QLabel:
        label = QLabel()
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    def values(self) -> tuple[str | None, str | None]:
        outcome = self.outcome.toPlainText().strip() or None
        typed = self.next_date.text().strip()
        return outcome, typed or None

    def on_ok(self) -> None:
        for label in (*self.errors.values(), self.problem):
            label.hide()
        outcome, next_date = self.values()
        service, actor, record = self.context.services.activities, self.context.actor, \
            self.record
        self.ok_button.setEnabled(False)
        self.context.runner.run(
            lambda: service.mark_done(actor, record.id, record.version, outcome, next_date),
            self.on_done, self.on_failed, context=self)

    def on_done(self, changed: Changed) -> None:
        self.changed = changed
        self.context.hub.broadcast(changed)
        self.sig_done.emit(changed)
        self.accept()

    def on_failed(self, error: Exception) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(error, ValidationError):
            for name, problem in error.errors.items():
                label = self.errors.get("next_date" if name in ("next_date", "next_follow_up")
                                        else name, self.problem)
                label.setText(self.messages.field_error(problem))
                label.show()
            self.problem.setText(self.tr("Nothing was saved."))
            self.problem.show()
        elif isinstance(error, ConflictError):
            self.reject()
            show_error(self.parentWidget(), error)
        else:
            show_error(self, error)
