"""Create, read or edit one product: the kit's record form (a cost above the list price is
warned of as it is typed, and saved all the same), with the categories in use offered as
the user types one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.logic.products import PRODUCT
from app.ui.kit.context import Context
from app.ui.kit.record_form import RecordForm


class ProductForm(RecordForm):
    def __init__(self, context: Context, product_id: int | None = None,
                 parent: QWidget | None = None, initial: dict[str, Any] | None = None
                 ) -> None:
        super().__init__(context, "products", PRODUCT, product_id, parent, initial)
        self._load_categories()

    @property
    def product_id(self) -> int | None:
        return self.record_id

    def _load_categories(self) -> None:
        service, actor = self.context.services.products, self.context.actor
        self.context.runner.run(lambda: service.list_categories(actor),
                                self.on_categories, self.on_categories_failed, context=self)

    def on_categories(self, categories: list[str]) -> None:
        """The categories in use, offered as the user types (any other may be typed)."""
        completer = QCompleter(categories, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        editor: QLineEdit = self.fields.editor("category")
        editor.setCompleter(completer)

    def on_categories_failed(self, _error: Exception) -> None:
        """Without the suggestions a category is typed in full."""

    def default_size(self) -> QSize:
        return QSize(720, 460)
