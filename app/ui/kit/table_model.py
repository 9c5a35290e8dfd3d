"""A lazy table of any entity's records: keyset pages fetched in the background as the
view scrolls, one column per listed field, values read as the field declares.

Late rows stand out: with a ``late_field`` (a listed yes/no field such as a ticket's
"overdue"; by default the entity's ``extra["late_field"]``), a row where it is true is
dark red and bold, and that field's column says so in words ("⚠ Overdue"), not by colour
alone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QColor, QFont

from app.logic.kit.dto import ListQuery, Record
from app.logic.kit.entity import Entity
from app.logic.kit.fields import Field
from app.ui.kit.context import Context
from app.ui.kit.language import ui_language
from app.ui.kit.paged_model import Index, PagedTableModel, PageResult

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)
LATE_COLOUR = "#8b0000"  # dark red: readable on white and on the alternate row colour


def late_field_of(entity: Entity, late_field: str | None = None) -> str:
    """The yes/no field marking a late row: ``late_field`` when given ("" for none), else
    the entity's ``extra["late_field"]``; it must be a listed boolean field."""
    name = str(entity.extra.get("late_field", "")) if late_field is None else late_field
    if name and not any(f.name == name and f.kind == "boolean" for f in entity.listed):
        raise ValueError(f"{entity.name}: the late field {name!r} is no listed yes/no field")
    return name


class RecordTableModel(PagedTableModel):
    def __init__(self, context: Context, service: str, entity: Entity,
                 parent: QObject | None = None, late_field: str | None = None) -> None:
        super().__init__(context.runner, parent)
        self._context = context
        self._service = service
        self.entity = entity
        self.fields: tuple[Field, ...] = entity.listed
        self._language = ui_language()
        self.late_field = late_field_of(entity, late_field)
        self._late_font = QFont()
        self._late_font.setBold(True)
        self._query = ListQuery(sort=entity.default_sort if entity.has(entity.default_sort)
                                else "")

    # --- what to show ---------------------------------------------------------------------
    @property
    def query(self) -> ListQuery:
        return self._query

    def set_query(self, query: ListQuery) -> None:
        """Show the records matching ``query`` from the first page on."""
        self._query = query
        self.restart()

    def reload(self) -> None:
        self.restart()

    def ids(self) -> list[int]:
        return [row.id for row in self._rows]

    def refresh_record(self, record_id: int) -> None:
        """A record was saved: redraw its line where it is, so the list keeps its place (a
        renamed record moves to its sorted place at the next reload). One not shown yet
        (a new one) reloads the list."""
        if record_id not in self.ids():
            self.restart()
            return
        service, actor = self._context.service(self._service), self._context.actor
        generation = self._generation

        def gone(_error: Exception) -> None:
            """Out of view now (given to another owner, removed): read the list again."""
            if generation == self._generation:
                self.restart()

        self._runner.run(lambda: service.get(actor, record_id),
                         lambda record: self.on_record(generation, record), gone,
                         context=self)

    def on_record(self, generation: int, record: Record) -> None:
        if generation != self._generation:
            return
        fresh = self.entity.row_type(id=record.id, version=record.version,
                                     **{f.name: record.values.get(f.name)
                                        for f in self.fields})
        for number, row in enumerate(self._rows):
            if row.id == fresh.id:
                self._rows[number] = fresh
                self.dataChanged.emit(self.index(number, 0),
                                      self.index(number, len(self.fields) - 1))
                return

    def page_task(self, cursor: Any) -> Callable[[], PageResult]:
        service, actor = self._context.service(self._service), self._context.actor
        query = self._query

        def task() -> PageResult:
            page = service.list_page(actor, query, after=cursor, limit=PAGE_SIZE)
            return page.rows, page.next_key

        return task

    def count_task(self) -> Callable[[], int]:
        service, actor, query = self._context.service(self._service), self._context.actor, \
            self._query
        return lambda: int(service.count(actor, query))

    # --- the table ------------------------------------------------------------------------
    def field_at(self, column: int) -> Field:
        return self.fields[column]

    def column_of(self, name: str) -> int:
        return next((i for i, f in enumerate(self.fields) if f.name == name), -1)

    def is_late(self, row_number: int) -> bool:
        """Whether the row at ``row_number`` is marked late."""
        return bool(self.late_field) and 0 <= row_number < len(self._rows) and \
            bool(getattr(self._rows[row_number], self.late_field, False))

    def late_word(self) -> str:
        """What a late row's late column says: "⚠ Overdue" (the field's caption)."""
        return "⚠ " + self.entity.field(self.late_field).caption(self._language)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            f = self.fields[index.column()]
            if f.name == self.late_field:
                return self.late_word() if getattr(row, f.name) else ""
            if f.kind == "boolean":
                text = "✓" if getattr(row, f.name) else ""
            else:
                text = f.display(getattr(row, f.name), self._language)
            if role == Qt.ItemDataRole.ToolTipRole and self.is_late(index.row()):
                # Why the row stands out, wherever the pointer rests (its column may be
                # hidden: a customer at risk of churn).
                return f"{text}\n{self.late_word()}" if text else self.late_word()
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            kind = self.fields[index.column()].kind
            return RIGHT if kind in ("money", "integer") else CENTRE if kind == "boolean" \
                else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(LATE_COLOUR) if self.is_late(index.row()) else None
        if role == Qt.ItemDataRole.FontRole:
            return self._late_font if self.is_late(index.row()) else None
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole
                or not 0 <= section < len(self.fields)):
            return None
        return self.fields[section].caption(self._language)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.fields) or not self.fields[column].sortable:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        name = self.fields[column].name
        if (name, descending) != (self._query.sort, self._query.descending):
            self.set_query(replace(self._query, sort=name, descending=descending))
