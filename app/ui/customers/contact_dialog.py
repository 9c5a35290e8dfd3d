"""Add or edit one contact person of a customer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from app.logic.contacts import GENDERS
from app.logic.dto import ContactDetail
from app.logic.errors import ValidationError
from app.ui.errors import show_error
from app.ui.field_set import FieldSet
from app.ui.messages import Messages
from app.ui.tasks import Runner

FIELDS = ("name", "gender", "position", "department", "phone", "mobile", "email",
          "im_handle", "birthday", "is_primary", "notes")
Save = Callable[[dict[str, Any]], ContactDetail]


class ContactDialog(QDialog):
    """``save`` receives the new values (all for a new contact, the changes otherwise)."""

    def __init__(self, runner: Runner, messages: Messages, save: Save,
                 contact: ContactDetail | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self._runner = runner
        self._save = save
        self._is_new = contact is None
        self.saved: ContactDetail | None = None
        self.fields = FieldSet(messages, self)
        self._build()
        self.setWindowTitle(self.tr("New contact") if contact is None
                            else self.tr("Contact: %1").replace("%1", contact.name))
        self.fields.set_values(self._initial(contact))

    def _build(self) -> None:
        f = self.fields
        f.add_text("name", 100)
        f.add_choice("gender", GENDERS, allow_empty=True)
        for name in ("position", "department", "phone", "mobile", "email", "im_handle"):
            f.add_text(name, 254 if name == "email" else 100)
        f.add_text("birthday", 10, self.tr("YYYY-MM-DD"))
        f.add_check("is_primary", self.tr("Primary contact of this customer"))
        f.add_notes("notes").setFixedHeight(70)
        form = QFormLayout()
        for name in FIELDS:
            caption = f.caption(name) + (" *" if name == "name" else "")
            form.addRow(f.label(name, "" if name == "is_primary" else caption), f.row(name))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    @staticmethod
    def _initial(contact: ContactDetail | None) -> dict[str, Any]:
        if contact is None:
            return {name: "" for name in FIELDS if name != "is_primary"}
        values = {name: getattr(contact, name) for name in FIELDS}
        if isinstance(values["birthday"], date):
            values["birthday"] = values["birthday"].isoformat()
        return values

    def on_save(self) -> None:
        values = self.fields.values() if self._is_new else self.fields.changes()
        if not values:
            self.reject()
            return
        self._runner.run(lambda: self._save(values), self.on_saved, self.on_failed,
                         context=self)

    def on_saved(self, contact: ContactDetail) -> None:
        self.saved = contact
        self.fields.mark_clean()
        self.accept()

    def on_failed(self, error: Exception) -> None:
        if isinstance(error, ValidationError):
            self.fields.show_errors(error.errors)
            first = self.fields.first_error()
            if first:
                self.fields.editor(first).setFocus()
            return
        show_error(self, error)
