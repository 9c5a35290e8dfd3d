"""Preferences: for now, the language of the user interface."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.ui.shell.i18n import LANGUAGE_KEY

# Each language is named in itself, so anyone can find their own.
LANGUAGE_NAMES = (("en", "English"), ("zh_CN", "简体中文"))


class SettingsDialog(QDialog):
    sig_language_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("Same as the system"), "")
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        saved = str(QSettings().value(LANGUAGE_KEY, "") or "")
        self.language.setCurrentIndex(max(0, self.language.findData(saved)))
        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Open customer forms close when the language changes.")))
        layout.addWidget(buttons)

    def accept(self) -> None:
        choice = self.language.currentData()
        settings = QSettings()
        if choice:
            settings.setValue(LANGUAGE_KEY, choice)
        else:
            settings.remove(LANGUAGE_KEY)
        super().accept()
        self.sig_language_changed.emit(choice)
