"""Security settings: password length, lockout after failed sign-ins, idle lock.

Saving asks first, naming each change from what to what, and says when it saved. The
settings are versioned: of two administrators saving at once the second is told (the kit's
conflict message) and sees the first one's values."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

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

from app.logic.admin import SECURITY, SecuritySettings
from app.logic.kit.dto import Changed
from app.logic.kit.errors import ConflictError
from app.ui.admin.errors import show_admin_error
from app.ui.admin.prompts import Confirm, ask_yes_no
from app.ui.kit.context import Context
from app.ui.kit.language import ui_language


class SecurityTab(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("securityTab")
        self.context = context
        self._services, self._actor, self._runner = (context.services, context.actor,
                                                     context.runner)
        self.current: SecuritySettings | None = None
        self.spins: dict[str, QSpinBox] = {}
        self.confirm: Confirm = ask_yes_no
        self._build()
        self._set_editable(False)
        context.hub.sig_changed.connect(self.on_changed)
        self.reload()

    def _build(self) -> None:
        language = ui_language()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for f in SECURITY.fields:
            spin = QSpinBox()
            spin.setObjectName(f.name)
            spin.setRange(f.low, f.high)
            spin.setMinimumWidth(100)
            self.spins[f.name] = spin
            form.addRow(self.tr("%1:").replace("%1", f.caption(language)), spin)
        note = QLabel(self.tr("Changes apply to the next sign-in; every change is recorded in "
                              "the audit log."))
        note.setWordWrap(True)
        self.save_button = QPushButton(self.tr("&Save settings..."))
        self.save_button.setObjectName("saveSecurity")
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_button.clicked.connect(self.on_save)
        self.status = QLabel()
        self.status.setObjectName("securityStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(bar)
        layout.addStretch(1)

    # --- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        self._runner.run(lambda: self._services.settings.get_security_settings(self._actor),
                         self.on_loaded, self.on_failed, context=self)

    def on_loaded(self, settings: SecuritySettings) -> None:
        self.current = settings
        for name, value in asdict(settings).items():
            if name in self.spins:
                self.spins[name].setValue(value)
        self._set_editable(self._actor.can("admin", "edit"))

    def on_failed(self, error: Exception) -> None:
        show_admin_error(self, error)

    def on_changed(self, changed: Changed) -> None:
        """Saved elsewhere in this window: show it, unless there are edits here (saving
        them then meets the newer version and is refused)."""
        if changed.entity == SECURITY.name and not self.changes():
            self.reload()

    def _set_editable(self, editable: bool) -> None:
        for spin in self.spins.values():
            spin.setReadOnly(not editable)
            spin.setButtonSymbols(QSpinBox.ButtonSymbols.UpDownArrows if editable
                                  else QSpinBox.ButtonSymbols.NoButtons)
            spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.save_button.setEnabled(editable)

    def values(self) -> dict[str, int]:
        return {name: spin.value() for name, spin in self.spins.items()}

    def changes(self) -> dict[str, tuple[int, int]]:
        """name -> (as loaded, as shown) for each setting the user changed."""
        if self.current is None:
            return {}
        loaded = asdict(self.current)
        return {name: (loaded[name], value) for name, value in self.values().items()
                if loaded.get(name) != value}

    # --- saving ---------------------------------------------------------------------------
    def on_save(self) -> None:
        if not self._actor.can("admin", "edit") or self.current is None:
            return
        changes = self.changes()
        if not changes:
            self.status.setText(self.tr("Nothing to save: no setting was changed."))
            return
        if not self.confirm(self, self.tr("Save the security settings"),
                            self.confirmation(changes)):
            return
        values = {name: after for name, (_before, after) in changes.items()}
        settings, actor, version = self._services.settings, self._actor, self.current.version
        self.save_button.setEnabled(False)
        self._runner.run(lambda: settings.update_security_settings(actor, version, **values),
                         self.on_saved, self.on_save_failed, context=self)

    def confirmation(self, changes: dict[str, tuple[int, int]]) -> str:
        language = ui_language()
        lines = [self.tr("%1: %2 → %3").replace("%1", SECURITY.field(name).caption(language))
                 .replace("%2", str(before)).replace("%3", str(after))
                 for name, (before, after) in changes.items()]
        return "\n".join([self.tr("Save these changes? They apply from the next sign-in."),
                          "", *lines])

    def on_saved(self, changed: Changed) -> None:
        self.on_loaded(changed.extra["settings"])
        self.status.setText(self.tr("Saved at %1.").replace(
            "%1", datetime.now().astimezone().strftime("%H:%M:%S")))
        self.context.hub.broadcast(changed)

    def on_save_failed(self, error: Exception) -> None:
        self.save_button.setEnabled(self._actor.can("admin", "edit"))
        self.status.clear()
        show_admin_error(self, error)
        if isinstance(error, ConflictError):  # another administrator saved first: show theirs
            self.status.setText(self.tr("Not saved: another administrator changed the "
                                        "settings. Their values are shown."))
            self.reload()
