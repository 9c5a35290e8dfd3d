"""Ask before saving a customer that looks like one already on file."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from typing import Any

SHOWN = 8


class DuplicatePrompt(QMessageBox):
    """Accepted (``save_button`` clicked) means: save anyway."""

    def __init__(self, matches: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatePrompt")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Possible duplicate"))
        self.setText(self.tr("Customers with the same name, tax ID or phone already exist:"))
        lines = [f"{m.code}  {m.name}  {m.city}  {m.phone}".strip() for m in matches[:SHOWN]]
        if len(matches) > SHOWN:
            lines.append(self.tr("... and %1 more").replace("%1", str(len(matches) - SHOWN)))
        lines += ["", self.tr("Save this customer anyway?")]
        self.setInformativeText("\n".join(lines))
        self.save_button = self.addButton(self.tr("&Save anyway"),
                                          QMessageBox.ButtonRole.AcceptRole)
        cancel = self.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(cancel)
        self.setEscapeButton(cancel)

    def confirmed(self) -> bool:
        self.exec()
        return self.clickedButton() is self.save_button
