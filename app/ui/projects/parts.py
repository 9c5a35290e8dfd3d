"""What projects add to the customer form (registered as ``Part``s in ``MODULE``): a
Projects tab listing the customer's projects, and an "Open projects" section on its
Overview. Both follow projects saved anywhere (the change hub)."""

from __future__ import annotations

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
from app.logic.projects import PROJECT
from app.ui.kit.context import Context
from app.ui.kit.list_view import column_width
from app.ui.kit.opener import open_record
from app.ui.kit.parts import FormPart, OverviewSection
from app.ui.kit.table_model import ID_ROLE, RecordTableModel

TAB_COLUMNS = ("code", "name", "stage", "budget", "start_date", "end_date")


class ProjectsTab(FormPart):
    """The customer's projects (the newest first): Add opens a new project of this
    customer, Open or Enter opens the chosen one."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("customerProjectsTab")
        self.model = RecordTableModel(context, "projects", PROJECT, self)
        self.model.sig_total_changed.connect(self.on_total)
        self.model.rowsInserted.connect(self.on_rows)
        self._build()
        context.hub.sig_changed.connect(self.on_changed)

    def _build(self) -> None:
        table = self.table = QTableView()
        table.setObjectName("customerProjectsTable")
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
            header.setSectionHidden(column, f.name not in TAB_COLUMNS)
            header.resizeSection(column, min(column_width(PROJECT, f), 200))
        for position, name in enumerate(TAB_COLUMNS):
            header.moveSection(header.visualIndex(self.model.column_of(name)), position)
        table.activated.connect(self.on_activated)
        table.selectionModel().selectionChanged.connect(self.update_buttons)
        self.model.modelReset.connect(self.update_buttons)
        self.add_button = self._button("addProject", self.tr("&Add..."), self.on_add, "Ins")
        self.open_button = self._button("openProject", self.tr("&Open..."), self.on_open, "")
        self.total = QLabel()
        self.total.setObjectName("projectsTotal")
        self.hint = QLabel()
        self.hint.setObjectName("projectsHint")
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
        if record is None:
            self.hint.setText(self.tr("Save the customer first; then add its projects here."))
            self.hint.show()
            self.total.clear()
            self.model.set_query(ListQuery(filters=(("customer", -1),)))
        else:
            self.hint.hide()
            self.model.set_query(ListQuery(filters=(("customer", record.id),), sort="code",
                                           descending=True))
        self.update_buttons()

    def on_total(self, total: int) -> None:
        if self.parent_id is not None:
            self.total.setText(self.tr("Projects: %1").replace("%1", f"{total:,}"))

    def on_rows(self, *_args: Any) -> None:
        """The first page came: the first project is the chosen one."""
        if not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.update_buttons()

    def update_buttons(self) -> None:
        saved = self.parent_id is not None
        self.add_button.setEnabled(saved and self.context.can("projects", "create"))
        self.open_button.setEnabled(saved and self.current_id() is not None)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    # --- opening ---------------------------------------------------------------------------
    def on_add(self) -> QDialog | None:
        if self.parent_id is None or not self.context.can("projects", "create"):
            return None
        return open_record(self.context, "project", None, self,
                           {"customer": self.parent_id})

    def on_open(self) -> QDialog | None:
        project_id = self.current_id()
        if project_id is None:
            return None
        return open_record(self.context, "project", project_id, self)

    def on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            open_record(self.context, "project", int(index.data(ID_ROLE)), self)

    def on_changed(self, changed: Changed) -> None:
        """A project saved anywhere: read the customer's projects again (one of them, or
        one that came or went)."""
        if self.parent_id is None or changed.entity != "project":
            return
        if changed.action in ("update", "reopen") and changed.ids and \
                all(i in self.model.ids() for i in changed.ids) and changed.record is not None \
                and changed.record.ref_id("customer") == self.parent_id:
            for project_id in changed.ids:
                self.model.refresh_record(project_id)
            return
        self.model.reload()


class OpenProjectsSection(OverviewSection):
    """The customer's open projects (lead, proposal, in progress), each a link to it."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("customerOpenProjects")
        context.hub.sig_changed.connect(self.on_changed)

    def set_parent(self, record: Record | None) -> None:
        super().set_parent(record)
        if record is None:
            self.show_text([])
            return
        self.load(record.id)

    def load(self, customer_id: int) -> None:
        service, actor = self.context.services.projects, self.context.actor
        self.context.runner.run(lambda: service.open_projects_of(actor, customer_id),
                                lambda found: self.on_loaded(customer_id, found),
                                self.on_failed, context=self)

    def on_loaded(self, customer_id: int, found: tuple[list[Record], int]) -> None:
        if customer_id != self.parent_id:
            return
        projects, total = found
        stage = PROJECT.field("stage")
        self.show_links([(f"{p.code}  {p.name} · {stage.choice_label(p.stage, self.language)}",
                          "project", p.id) for p in projects],
                        empty=self.tr("No open projects"), more=total - len(projects))

    def on_failed(self, _error: Exception) -> None:
        """The form itself reports a customer that is gone."""

    def on_changed(self, changed: Changed) -> None:
        if self.parent_id is not None and changed.entity == "project":
            self.load(self.parent_id)
