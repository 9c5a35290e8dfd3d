"""A tab of another record's form listing the records that belong to it: a customer's
projects, tickets, activities. One class, so each module only says which entity, which
columns and how they sort.

Add (Ins) opens a new record with the parent filled in, Open or Enter opens the chosen one;
the list follows records of its entity saved anywhere (the change hub). Late rows stand out
as in the module's own list when the entity names a ``late_field`` (``extra``) or the tab
is given one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Changed, ListQuery, Record
from app.logic.kit.entity import Entity
from app.ui.kit.context import Context
from app.ui.kit.list_view import column_width
from app.ui.kit.opener import open_record
from app.ui.kit.parts import FormPart
from app.ui.kit.table_model import ID_ROLE, RecordTableModel


class ChildRecordsTab(FormPart):
    """The records of ``entity`` whose ``parent_field`` is the form's record, newest first
    by ``sort``; ``columns`` shown in that order."""

    def __init__(self, context: Context, module: str, entity: Entity,
                 columns: Sequence[str], parent_field: str = "customer", sort: str = "",
                 parent_label: str = "", parent: QWidget | None = None,
                 late_field: str | None = None) -> None:
        super().__init__(context, parent)
        self.module, self.entity = module, entity
        self.columns, self.parent_field = tuple(columns), parent_field
        self.sort = sort or entity.default_sort
        self.parent_label = parent_label or self.tr("record")
        self.setObjectName(f"{entity.name}ChildTab")
        self.model = RecordTableModel(context, module, entity, self, late_field)
        self.model.sig_total_changed.connect(self.on_total)
        self.model.rowsInserted.connect(self.on_rows)
        self._build()
        context.hub.sig_changed.connect(self.on_changed)

    def _build(self) -> None:
        table = self.table = QTableView()
        table.setObjectName(f"{self.entity.name}ChildTable")
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for column, f in enumerate(self.model.fields):
            header.setSectionHidden(column, f.name not in self.columns)
            header.resizeSection(column, min(column_width(self.entity, f,
                                                          self.model.late_field), 200))
        for position, name in enumerate(self.columns):
            header.moveSection(header.visualIndex(self.model.column_of(name)), position)
        table.activated.connect(self.on_activated)
        table.selectionModel().selectionChanged.connect(self.update_buttons)
        self.model.modelReset.connect(self.update_buttons)
        self.add_button = self._button("addChild", self.tr("&Add..."), self.on_add, "Ins")
        self.open_button = self._button("openChild", self.tr("&Open..."), self.on_open, "")
        self.total = QLabel()
        self.total.setObjectName("childTotal")
        self.hint = QLabel()
        self.hint.setObjectName("childHint")
        self.hint.setWordWrap(True)
        buttons = QVBoxLayout()
        for widget in (self.add_button, self.open_button, self.total):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.hint)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(buttons)
        self.update_buttons()

    def _button(self, name: str, text: str, slot: Any, key: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        if key:
            button.setToolTip(key)
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        return button

    # --- content ---------------------------------------------------------------------------
    def set_parent(self, record: Record | None) -> None:
        super().set_parent(record)
        plural = self.entity.plural.text(self.language)
        if record is None:
            self.hint.setText(self.tr("Save the %1 first; then add its %2 here.")
                              .replace("%1", self.parent_label)
                              .replace("%2", plural.lower()))
            self.hint.show()
            self.total.clear()
            self.model.set_query(ListQuery(filters=((self.parent_field, -1),)))
        else:
            self.hint.hide()
            self.model.set_query(ListQuery(filters=((self.parent_field, record.id),),
                                           sort=self.sort, descending=True))
        self.update_buttons()

    def on_total(self, total: int) -> None:
        if self.parent_id is not None:
            plural = self.entity.plural.text(self.language)
            self.total.setText(self.tr("%1: %2").replace("%1", plural)
                               .replace("%2", f"{total:,}"))

    def on_rows(self, *_args: Any) -> None:
        """The first page came: the first record is the chosen one."""
        if not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.update_buttons()

    def update_buttons(self) -> None:
        saved = self.parent_id is not None
        self.add_button.setEnabled(saved and self.context.can(self.entity.module, "create"))
        self.open_button.setEnabled(saved and self.current_id() is not None)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    # --- opening ---------------------------------------------------------------------------
    def on_add(self) -> QDialog | None:
        if self.parent_id is None or not self.context.can(self.entity.module, "create"):
            return None
        return open_record(self.context, self.entity.name, None, self,
                           {self.parent_field: self.parent_id})

    def on_open(self) -> QDialog | None:
        record_id = self.current_id()
        if record_id is None:
            return None
        return open_record(self.context, self.entity.name, record_id, self)

    def on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            open_record(self.context, self.entity.name, int(index.data(ID_ROLE)), self)

    def on_changed(self, changed: Changed) -> None:
        """A record of the entity saved anywhere: one shown here is redrawn; one that came
        or went (or moved to another parent) reloads the list."""
        if self.parent_id is None or changed.entity != self.entity.name:
            return
        if changed.action not in ("create", "delete", "archive", "restore") and changed.ids \
                and all(i in self.model.ids() for i in changed.ids) \
                and changed.record is not None \
                and changed.record.ref_id(self.parent_field) == self.parent_id:
            for record_id in changed.ids:
                self.model.refresh_record(record_id)
            return
        self.model.reload()
