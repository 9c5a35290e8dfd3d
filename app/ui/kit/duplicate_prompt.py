"""Ask before saving a record that looks like one already on file (a customer with the
same name, tax ID or phone)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from app.logic.kit.dto import Record
from app.logic.kit.entity import Entity
from app.logic.kit.errors import PossibleDuplicate
from app.ui.kit.language import in_sentence, ui_language

SHOWN = 8


class DuplicatePrompt(QMessageBox):
    """Accepted (``save_button`` clicked) means: save anyway."""

    def __init__(self, entity: Entity, error: PossibleDuplicate,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatePrompt")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Possible duplicate"))
        matches = error.matches
        lines: list[str] = []
        if matches:
            self.setText(self.tr("These %1 look like the one you are saving:").replace(
                "%1", in_sentence(entity.plural)))
            lines = [self.line(entity, m) for m in matches[:SHOWN]]
            if len(matches) > SHOWN:
                lines.append(self.tr("... and %1 more").replace("%1",
                                                                 str(len(matches) - SHOWN)))
        if error.hidden_fields:
            # Records outside the user's scope: which values they share, nothing else.
            hidden = self.hidden(entity, error.hidden_fields)
            if matches:
                lines += ["", hidden]
            else:
                self.setText(hidden)
        lines += ["", self.tr("Save this %1 anyway?").replace("%1", in_sentence(entity.label))]
        self.setInformativeText("\n".join(lines).strip("\n"))
        self.save_button = self.addButton(self.tr("&Save anyway"),
                                          QMessageBox.ButtonRole.AcceptRole)
        cancel = self.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(cancel)
        self.setEscapeButton(cancel)

    def hidden(self, entity: Entity, fields: Sequence[str]) -> str:
        language = ui_language()
        joiner = " and " if language == "en" else "、"
        shared = joiner.join(in_sentence(entity.field(n).label) for n in fields)
        return self.tr("A %1 with this %2 already exists that you cannot see; ask your "
                       "manager.").replace("%1", in_sentence(entity.label)).replace("%2", shared)

    @staticmethod
    def line(entity: Entity, match: Record) -> str:
        """The match's key and title, then what made it look alike (city, phone...)."""
        language = ui_language()
        names = [n for n in (entity.key, entity.title, *entity.duplicate_fields)
                 if n and entity.has(n)]
        shown = dict.fromkeys(names)  # in order, once each
        return "  ".join(text for n in shown
                         if (text := entity.field(n).display(match.get(n), language)))

    def confirmed(self) -> bool:
        self.exec()
        return self.clickedButton() is self.save_button
