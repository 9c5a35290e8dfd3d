"""Security settings: password length, lockout after failed sign-ins, idle lock."""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Actor
from app.logic.admin import SecuritySettings
from app.logic.services import Services
from app.logic.admin import SECURITY
from app.ui.admin.errors import show_admin_error
from app.ui.admin.labels import AdminLabels
from app.ui.kit.tasks import Runner


class SecurityTab(QWidget):
    def __init__(self, services: Services, actor: Actor, runner: Runner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("securityTab")
        self._services, self._actor, self._runner = services, actor, runner
        self.current: SecuritySettings | None = None
        self.spins: dict[str, QSpinBox] = {}
        labels = AdminLabels(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for name, (low, high) in ((f.name, (f.low, f.high)) for f in SECURITY.fields):
            spin = QSpinBox()
            spin.setObjectName(name)
            spin.setRange(low, high)
            spin.setMinimumWidth(100)
            self.spins[name] = spin
            form.addRow(f"{labels.field(name) or name}:", spin)
        note = QLabel(self.tr("Changes apply to the next sign-in; every change is recorded in "
                              "the audit log."))
        note.setWordWrap(True)
        self.save_button = QPushButton(self.tr("&Save settings"))
        self.save_button.setObjectName("saveSecurity")
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_button.clicked.connect(self.on_save)
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(bar)
        layout.addStretch(1)
        self._set_editable(False)
        self.reload()

    def reload(self) -> None:
        self._runner.run(lambda: self._services.settings.get_security_settings(self._actor),
                         self.on_loaded, lambda exc: show_admin_error(self, exc), context=self)

    def on_loaded(self, settings: SecuritySettings) -> None:
        self.current = settings
        for name, value in asdict(settings).items():
            if name in self.spins:
                self.spins[name].setValue(value)
        self._set_editable(self._actor.can("admin", "edit"))

    def _set_editable(self, editable: bool) -> None:
        for spin in self.spins.values():
            spin.setReadOnly(not editable)
            spin.setButtonSymbols(QSpinBox.ButtonSymbols.UpDownArrows if editable
                                  else QSpinBox.ButtonSymbols.NoButtons)
            spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.save_button.setEnabled(editable)

    def values(self) -> dict[str, int]:
        return {name: spin.value() for name, spin in self.spins.items()}

    def on_save(self) -> None:
        if not self._actor.can("admin", "edit"):
            return
        values = self.values()
        self._runner.run(
            lambda: self._services.settings.update_security_settings(
                self._actor, self.current.version if self.current else 1, **values
            ).extra["settings"],
            self.on_loaded, lambda exc: show_admin_error(self, exc), context=self)
