"""Small helpers shared by the UI tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from app.logic.customers import STATUSES, TIERS
from app.logic.kit.dto import Actor
from app.logic.services import Services

T = TypeVar("T", bound=QWidget)
CITIES = ("北京", "上海", "Shenzhen", "广州", "Hangzhou")
PROVINCES = ("北京", "上海", "广东", "广东", "浙江")  # of each city: required in China


def add_customers(services: Services, actor: Actor, count: int) -> None:
    for n in range(count):
        services.customers.create_customer(actor, {
            "name": f"Customer {n:04d} 公司", "city": CITIES[n % len(CITIES)],
            "province": PROVINCES[n % len(PROVINCES)],
            "status": STATUSES[n % len(STATUSES)][0], "tier": TIERS[n % len(TIERS)][0],
            "phone": f"010-{n:08d}"}, allow_duplicate=True)


def tab_into(widget: QLineEdit) -> None:
    """Focus ``widget`` as the Tab key does: its text (a price's 0.00) selected, so that
    what is typed next replaces it."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    widget.selectAll()


def type_text(widget: QWidget, text: str) -> None:
    """Commit ``text`` through the input method, as a Chinese IME does."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def answer_modal(context: QWidget, handle: Callable[[QWidget], None],
                 expected: type | None = None, delay: int = 0) -> list[QWidget]:
    """Once a modal dialog is up, pass it to ``handle``; returns the dialogs seen."""
    seen: list[QWidget] = []

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or (expected is not None and not isinstance(dialog, expected)):
            QTimer.singleShot(10, context, check)
            return
        seen.append(dialog)
        handle(dialog)

    QTimer.singleShot(delay, context, check)
    return seen


def show_form(qtbot: Any, form: T) -> T:
    """Show ``form`` active (its shortcuts, Ctrl+S, work in the active window), closed
    after the test without asking about unsaved changes."""
    qtbot.addWidget(form, before_close_func=lambda w: w.fields.mark_clean())
    form.show()
    with qtbot.waitActive(form):
        form.activateWindow()
    return form
