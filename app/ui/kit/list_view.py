"""Any entity's list: filter bar, total, a lazily filled table whose columns the user picks,
a word when nothing matches, and export of what is shown to Excel; opened from a figure
elsewhere (``show_drill``), the filters the bar lacks are pinned and shown as "Filtered: ...".

The filters, columns, widths and words come from the field declarations; a module names
which fields to filter by and, for those that are no choice field (an owner, a city), how
to load their values. A date filters by a range (from, to).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Changed, ListQuery
from app.logic.kit.entity import Entity
from app.logic.kit.errors import InvalidSearch
from app.logic.kit.export import ExportSpec
from app.logic.kit.fields import Field, Label
from app.logic.kit.validation import check_search
from app.ui.kit import persist
from app.ui.kit.context import Context
from app.ui.kit.errors import search_problem, show_error
from app.ui.kit.export import ExportRun, announce, ask_export_path, export_outcome
from app.ui.kit.import_dialog import ImportDialog
from app.ui.kit.language import in_sentence, ui_language
from app.ui.kit.range_filter import RangeFilter
from app.ui.kit.table_model import ID_ROLE, RecordTableModel

# Loads the (label, value) choices of a filter that is not a choice field, in the background.
ChoiceLoader = Callable[[Context], list[tuple[str, Any]]]


@dataclass(frozen=True)
class ListView:
    """A named view of a list, chosen above it: "My open tickets" is the filters
    ``assignee`` = the signed-in user and ``open`` = yes, on top of those the bar sets."""

    label: Label
    filters: Callable[[Context], tuple[tuple[str, Any], ...]]
    right: tuple[str, str] | None = None  # (module, action) the user needs to see it
FILTERS_ON_ONE_ROW = 4  # more filters than this go on a row below the search and buttons
RANGE_WEIGHT = 2  # a from-to range takes the room of two filters
WIDTHS = {"code": 90, "choice": 90, "money": 110, "integer": 80, "boolean": 50,
          "datetime": 130, "date": 100, "reference": 140, "phone": 130, "email": 190,
          "text": 130, "tax_id": 170, "website": 160, "postal_code": 80}


def column_width(entity: Entity, f: Field, late_field: str = "") -> int:
    if f.name == entity.title:
        return 260
    if f.name == late_field:  # "⚠ Overdue", "⚠ 逾期"
        return 100
    return WIDTHS.get(f.kind, 130)


class RecordListView(QWidget):
    sig_open = Signal(int)  # the id of the record to open
    sig_total_changed = Signal(int)

    def __init__(self, context: Context, service: str, entity: Entity, *,
                 filters: Sequence[str] = (), loaders: Mapping[str, ChoiceLoader] | None = None,
                 reload_on: Mapping[str, Sequence[str]] | None = None,
                 search_box: bool = False, late_field: str | None = None,
                 views: Sequence[ListView] = (), view: int = 0,
                 parent: QWidget | None = None) -> None:
        """``late_field``: the listed yes/no field whose rows stand out as late (dark red,
        bold, the field's column in words); None: the entity's ``extra["late_field"]``.
        ``views``: named views chosen above the filters (the first: everything), ``view``
        the one shown first."""
        super().__init__(parent)
        self.setObjectName(f"{entity.name}List")
        self.context = context
        self.entity = entity
        self._service = service
        self._language = ui_language()
        self._loaders = dict(loaders or {})
        # entity changed -> filters whose choices to load again (a new user: the owners)
        self._reload_on = {k: tuple(v) for k, v in (reload_on or {}).items()}
        self._search = ""
        self._refused = False  # the search box holds a search the lists refuse
        # Filters and ranges a drill set that the bar has no control for (an invoice's
        # "overdue"), kept until removed; every field ever pinned, dropped from the query
        # when no longer pinned.
        self.pinned: tuple[tuple[str, Any], ...] = ()
        self.pinned_ranges: tuple[tuple[str, Any, Any], ...] = ()
        self._pinned_names: set[str] = set()
        self.settings_key = f"{entity.module}/{entity.name}/list"
        self.model = RecordTableModel(context, service, entity, self, late_field)
        self.model.sig_total_changed.connect(self.on_total_changed)
        self.model.sig_failed.connect(self.on_failed)
        self.model.sig_first_page.connect(self.on_first_page)
        self.export_run: ExportRun | None = None
        self.ask_path: Callable[[], str] = self.choose_export_path
        self.views = tuple(v for v in views if v.right is None or context.can(*v.right))
        self._build(filters, search_box)
        if self.views:
            self.view_combo.setCurrentIndex(min(max(0, view), len(self.views) - 1))
        context.hub.sig_changed.connect(self.on_changed)
        self.apply_filters()
        self.load_choices()

    # --- layout ---------------------------------------------------------------------------
    def _build(self, filters: Sequence[str], search_box: bool) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        bar = self.bar = self._build_bar(filters)
        if search_box:
            bar.insertWidget(0, self._build_search_box())
        if self.views:
            bar.insertWidget(0, self._build_views())
        layout.addLayout(bar)
        if self.filter_row is not None:
            self.filter_row.setContentsMargins(0, 0, 0, 0)
            self.filter_row.addStretch(1)
            layout.addLayout(self.filter_row)
        # A row of its own, shown only while filters are pinned: the bar keeps its width.
        pinned_row = QHBoxLayout()
        pinned_row.setContentsMargins(0, 0, 0, 0)
        pinned_row.addWidget(self._build_pinned())
        pinned_row.addStretch(1)
        layout.addLayout(pinned_row)
        self.empty = self._build_empty()
        self.table = self._build_table()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

    def _build_bar(self, names: Sequence[str]) -> QHBoxLayout:
        bar = QHBoxLayout()
        # Many filters go on a row of their own, so the page fits a 1280-pixel screen.
        room = sum(RANGE_WEIGHT if self.entity.field(n).kind in ("date", "datetime") else 1
                   for n in names)
        self.filter_row = QHBoxLayout() if room > FILTERS_ON_ONE_ROW else None
        row = self.filter_row if self.filter_row is not None else bar
        bar.setContentsMargins(0, 0, 0, 0)
        self.filter_combos: dict[str, QComboBox] = {}
        self.range_filters: dict[str, RangeFilter] = {}
        for name in names:
            f = self.entity.field(name)
            if f.kind in ("date", "datetime"):  # from - to
                ranged = RangeFilter(self.entity, name, self._language)
                ranged.sig_changed.connect(self.apply_filters)
                row.addWidget(ranged)
                self.range_filters[name] = ranged
                continue
            combo = QComboBox()
            combo.setObjectName(f"{name}Filter")
            combo.addItem(self.tr("All: %1").replace("%1", f.caption(self._language)), None)
            for choice in f.choices:
                combo.addItem(choice.label.text(self._language), choice.value)
            if f.kind == "boolean":  # an active flag: yes or no
                for value in (True, False):
                    combo.addItem(f.display(value, self._language), value)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.setToolTip(f.caption(self._language))
            combo.setAccessibleName(f.caption(self._language))
            combo.currentIndexChanged.connect(self.apply_filters)
            row.addWidget(combo)
            self.filter_combos[name] = combo
        self.archived = QCheckBox(self.tr("Archived too"))
        self.archived.setObjectName("showArchived")
        self.archived.setVisible(self.entity.archivable)
        self.archived.toggled.connect(self.apply_filters)
        bar.addWidget(self.archived)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear_filters)
        bar.addWidget(self.clear_button)
        bar.addStretch(1)
        self.import_button: QPushButton | None = None
        if self.context.can(self.entity.module, "import"):
            self.import_button = QPushButton(self.tr("Import..."))
            self.import_button.setObjectName("importList")
            self.import_button.clicked.connect(self.on_import)
            bar.addWidget(self.import_button)
        self.export_button = QPushButton(self.tr("Export to Excel..."))
        self.export_button.setObjectName("exportList")
        can_export = self.context.can(self.entity.module, "export")
        self.export_button.setEnabled(can_export)
        if not can_export:
            self.export_button.setToolTip(self.tr("You do not have the right to export "
                                                  "this list."))
        self.export_button.clicked.connect(self.on_export)
        bar.addWidget(self.export_button)
        self.total_label = QLabel()
        self.total_label.setObjectName("listTotal")
        self.total_label.setContentsMargins(12, 0, 8, 0)  # clear of the window's edge
        bar.addWidget(self.total_label)
        return bar

    def _build_pinned(self) -> QWidget:
        """The chip of the pinned filters: "Filtered: Overdue" and a button removing them."""
        chip = self.pinned_chip = QWidget()
        chip.setObjectName("pinnedFilters")
        chip.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        chip.setStyleSheet("QWidget#pinnedFilters { background: palette(alternate-base); "
                           "border: 1px solid palette(mid); border-radius: 10px; }")
        box = QHBoxLayout(chip)
        box.setContentsMargins(8, 1, 2, 1)
        box.setSpacing(2)
        self.pinned_label = QLabel()
        self.pinned_label.setObjectName("pinnedLabel")
        self.pinned_label.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.pinned_label)
        self.unpin_button = QToolButton()
        self.unpin_button.setObjectName("removePinned")
        self.unpin_button.setText("✕")
        self.unpin_button.setAutoRaise(True)
        self.unpin_button.setToolTip(self.tr("Remove this filter"))
        self.unpin_button.setAccessibleName(self.tr("Remove this filter"))
        self.unpin_button.clicked.connect(self.remove_pinned)
        box.addWidget(self.unpin_button)
        chip.setVisible(False)
        return chip

    def add_to_bar(self, widget: QWidget) -> None:
        """A module's own control in the filter bar, before Export (the SLA's button)."""
        self.bar.insertWidget(self.bar.indexOf(self.export_button), widget)

    def _build_views(self) -> QComboBox:
        combo = self.view_combo = QComboBox()
        combo.setObjectName("listViews")
        combo.setAccessibleName(self.tr("View"))
        for view in self.views:
            combo.addItem(view.label.text(self._language))
        combo.currentIndexChanged.connect(self.apply_filters)
        return combo

    def view_filters(self) -> tuple[tuple[str, Any], ...]:
        """The filters of the chosen view (none without views)."""
        if not self.views:
            return ()
        return self.views[max(0, self.view_combo.currentIndex())].filters(self.context)

    def _build_search_box(self) -> QLineEdit:
        """A search of this list's own, for a list the window's search box does not serve
        (that one searches the customers)."""
        box = self.search_box = QLineEdit()
        box.setObjectName("listSearch")
        box.setPlaceholderText(self.tr("Search %1...").replace("%1", in_sentence(
            self.entity.plural)))
        box.setClearButtonEnabled(True)
        box.setMaxLength(200)
        box.setMinimumWidth(box.fontMetrics().horizontalAdvance("M") * 14)
        # Bound methods, not lambdas holding widgets (see the customers' list view).
        timer = self._search_timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(250)
        timer.timeout.connect(self.on_search_typed)
        box.textChanged.connect(timer.start)
        box.returnPressed.connect(self.on_search_entered)
        self.sig_search_cleared.connect(self.on_search_box_cleared)
        return box

    def on_search_typed(self) -> None:
        self.set_search(self.search_box.text())

    def on_search_entered(self) -> None:
        self._search_timer.stop()
        self.set_search(self.search_box.text())
        self.focus_table()

    def on_search_box_cleared(self) -> None:
        self._search_timer.stop()
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName(f"{self.entity.name}Table")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.on_header_menu)
        shown = set(self.entity.list_columns or (f.name for f in self.entity.listed))
        for column, f in enumerate(self.model.fields):
            header.resizeSection(column, column_width(self.entity, f, self.model.late_field))
            header.setSectionHidden(column, f.name not in shown)
        for position, name in enumerate(self.entity.list_columns):
            column = self.model.column_of(name)
            if column >= 0:
                header.moveSection(header.visualIndex(column), position)
        # The model starts sorted by the default sort: showing it there queries nothing.
        header.setSortIndicator(self.model.column_of(self.entity.default_sort),
                                Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self.on_sort_indicator)
        table.activated.connect(self.on_activated)
        return table

    def _build_empty(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("emptyList")
        box = QVBoxLayout(panel)
        box.addStretch(1)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyText")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.empty_label)
        self.empty_clear = QPushButton(self.tr("Clear filters"))
        self.empty_clear.setObjectName("emptyClear")
        self.empty_clear.clicked.connect(self.clear_filters)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.empty_clear)
        row.addStretch(1)
        box.addLayout(row)
        box.addStretch(2)
        return panel

    # --- columns --------------------------------------------------------------------------
    def on_header_menu(self, point: QPoint) -> None:
        self.column_menu().popup(self.table.horizontalHeader().mapToGlobal(point))

    def column_menu(self) -> QMenu:
        """Show or hide columns; at least one stays."""
        menu = QMenu(self)
        header = self.table.horizontalHeader()
        for column, f in enumerate(self.model.fields):
            action = QAction(f.caption(self._language), menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: self.show_column(c, on))
            menu.addAction(action)
        return menu

    def show_column(self, column: int, shown: bool) -> None:
        header = self.table.horizontalHeader()
        if not shown and header.count() - header.hiddenSectionCount() <= 1:
            return
        header.setSectionHidden(column, not shown)

    def on_sort_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        """A click on a column that cannot sort: the arrow goes back where the list is
        sorted (the model ignored the click)."""
        if 0 <= column < len(self.model.fields) and self.model.fields[column].sortable:
            return
        query = self.model.query
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(self.model.column_of(query.sort), Qt.SortOrder.DescendingOrder
                                if query.descending else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)
        header.viewport().update()

    def visible_columns(self) -> tuple[str, ...]:
        """The shown columns' fields, in the order the user sees them."""
        header = self.table.horizontalHeader()
        order = sorted((header.visualIndex(c), c) for c in range(header.count())
                       if not header.isSectionHidden(c))
        return tuple(self.model.fields[c].name for _, c in order)

    # --- filters and search ---------------------------------------------------------------
    def set_search(self, text: str) -> None:
        """List what ``text`` finds; a search the lists refuse (too long, too many words)
        is said where the rows would be, and the database is not asked."""
        try:
            search = check_search(text)
        except InvalidSearch as error:
            self._refused = True
            self._show_empty(search_problem(error), clear=True)
            self.total_label.clear()  # the count of rows no longer shown would mislead
            return
        if search != self._search or self._refused:
            self._search = search
            self.apply_filters()

    def current_query(self) -> ListQuery:
        query = replace(self.model.query, search=self._search,
                        include_archived=self.archived.isChecked())
        for name in self._pinned_names:  # a pin removed leaves no filter behind
            query = query.with_filter(name, None).with_range(name, None, None)
        for view in self.views:  # the view chosen before leaves no filter behind
            for name, _value in view.filters(self.context):
                query = query.with_filter(name, None)
        for name, combo in self.filter_combos.items():
            query = query.with_filter(name, combo.currentData())
        for name, ranged in self.range_filters.items():
            query = query.with_range(name, *ranged.value())
        for name, value in self.view_filters():
            if name not in dict(query.filters):  # the bar's own choice comes first
                query = query.with_filter(name, value)
        for name, value in self.pinned:
            query = query.with_filter(name, value)
        for name, low, high in self.pinned_ranges:
            query = query.with_range(name, low, high)
        return query

    def apply_filters(self) -> None:
        query = self.current_query()
        refused, self._refused = self._refused, False
        if query != self.model.query or self.model.total is None:
            self.model.set_query(query)
        elif refused:  # back to the search the list shows: show its rows again
            self.on_first_page(self.model.rowCount())
            self.on_total_changed(self.model.total)

    def clear_filters(self) -> None:
        self._reset_filters()
        self.apply_filters()

    def _reset_filters(self) -> None:
        """Every filter back to none (the pinned ones too), without asking for rows."""
        self._pin((), (), None)
        for combo in self.filter_combos.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for ranged in self.range_filters.values():
            ranged.blockSignals(True)
            ranged.clear()
            ranged.blockSignals(False)
        self.archived.blockSignals(True)
        self.archived.setChecked(False)
        self.archived.blockSignals(False)
        if self._search or self._refused:
            self._search = ""
            self.sig_search_cleared.emit()

    def show_drill(self, filters: Sequence[tuple[str, Any]],
                   ranges: Sequence[tuple[str, Any, Any]] = (), label: str | None = None
                   ) -> None:
        """Show the rows a figure elsewhere counts: every filter cleared (the first view
        chosen), then ``filters`` (field, value) and ``ranges`` (field, from, to) set in
        the bar where it has them; the others pinned: kept in the query and shown as
        "Filtered: ..." (``label``, else the fields and values) with a button that removes
        them, as Clear filters does."""
        self._reset_filters()
        if self.views:
            self.view_combo.blockSignals(True)
            self.view_combo.setCurrentIndex(0)
            self.view_combo.blockSignals(False)
        pinned: list[tuple[str, Any]] = []
        pinned_ranges: list[tuple[str, Any, Any]] = []
        for name, value in filters:
            combo = self.filter_combos.get(name)
            index = combo.findData(value) if combo is not None and value is not None else -1
            if combo is not None and index > 0:
                combo.blockSignals(True)
                combo.setCurrentIndex(index)
                combo.blockSignals(False)
            else:
                pinned.append((name, value))
        pinned = self._view_for(pinned)
        for name, low, high in ranges:
            ranged = self.range_filters.get(name)
            if ranged is not None:
                ranged.blockSignals(True)
                ranged.set_value(low, high)
                ranged.blockSignals(False)
            else:
                pinned_ranges.append((name, low, high))
        self._pin(tuple(pinned), tuple(pinned_ranges), label)
        self.apply_filters()

    def _view_for(self, wanted: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """Choose the named view whose filters are among ``wanted`` (the most of them:
        "Overdue invoices" for overdue=True), so the list says what it shows in its own
        words; the filters it does not cover are left to pin."""
        best, covered = 0, frozenset[tuple[str, Any]]()
        for number, view in enumerate(self.views):
            filters = frozenset(view.filters(self.context))
            if filters and filters <= set(wanted) and len(filters) > len(covered):
                best, covered = number, filters
        if covered:
            self.view_combo.blockSignals(True)
            self.view_combo.setCurrentIndex(best)
            self.view_combo.blockSignals(False)
        return [f for f in wanted if f not in covered]

    def remove_pinned(self) -> None:
        """Drop the pinned filters; the bar's stay."""
        self._pin((), (), None)
        self.apply_filters()

    def _pin(self, filters: tuple[tuple[str, Any], ...],
             ranges: tuple[tuple[str, Any, Any], ...], label: str | None) -> None:
        self.pinned, self.pinned_ranges = filters, ranges
        self._pinned_names.update(name for name, *_ in (*filters, *ranges))
        shown = bool(filters or ranges)
        if shown:
            self.pinned_label.setText(self.tr("Filtered: %1").replace(
                "%1", label or self.pinned_words()))
        self.pinned_chip.setVisible(shown)

    def pinned_words(self) -> str:
        """The pinned filters as read: "Overdue", "Created: from 2026-05-01"."""
        words: list[str] = []
        language = self._language
        for name, value in self.pinned:
            if not self.entity.has(name):
                words.append(f"{name}: {value}")
                continue
            f = self.entity.field(name)
            if f.kind == "boolean" and value is True:
                words.append(f.caption(language))
            else:
                words.append(f"{f.caption(language)}: {f.display(value, language)}")
        for name, low, high in self.pinned_ranges:
            caption = self.entity.field(name).caption(language) if self.entity.has(name) \
                else name
            if low is not None and high is not None:
                ends = f"{low} – {high}"
            elif low is not None:
                ends = self.tr("from %1").replace("%1", str(low))
            else:
                ends = self.tr("up to %1").replace("%1", str(high))
            words.append(f"{caption}: {ends}")
        return ", ".join(words)

    sig_search_cleared = Signal()

    def reload(self) -> None:
        self.model.reload()
        self.load_choices()

    def load_choices(self, names: Sequence[str] | None = None) -> None:
        for name, loader in self._loaders.items():
            if name in self.filter_combos and (names is None or name in names):
                self.context.runner.run(partial(loader, self.context),
                                        partial(self.on_choices, name), self.on_failed,
                                        context=self)

    def on_choices(self, name: str, items: list[tuple[str, Any]]) -> None:
        combo = self.filter_combos[name]
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for label, data in items:
            combo.addItem(label, data)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
        combo.blockSignals(False)

    # --- what changed elsewhere -----------------------------------------------------------
    def on_changed(self, changed: Changed) -> None:
        """Redraw an edited record where it is; read the list again when records came or
        went; load filter choices again when what they list changed."""
        if changed.entity == self.entity.name:
            if changed.action in ("update", "unlock", "enable", "disable") and changed.ids:
                for record_id in changed.ids:
                    self.model.refresh_record(record_id)
            else:
                self.model.reload()
        reload = self._reload_on.get(changed.entity)
        if reload:
            self.load_choices(reload)

    # --- outcomes -------------------------------------------------------------------------
    def on_total_changed(self, total: int) -> None:
        self.total_label.setText(self.tr("%1: %2").replace(
            "%1", self.entity.plural.text(self._language)).replace("%2", f"{total:,}"))
        self.sig_total_changed.emit(total)

    def on_first_page(self, rows: int) -> None:
        if self._refused:  # a page asked for before the search was refused
            return
        if rows:
            self.stack.setCurrentWidget(self.table)
            return
        plural = in_sentence(self.entity.plural)
        query = self.model.query
        if self._search:
            text = self.tr("No %1 match “%2”.").replace("%1", plural).replace(
                "%2", self._search)
        elif query.is_filtered:
            text = self.tr("No %1 match these filters.").replace("%1", plural)
        else:
            text = self.tr("No %1 yet.").replace("%1", plural)
        self._show_empty(text, clear=query.is_filtered)

    def _show_empty(self, text: str, clear: bool) -> None:
        self.empty_label.setText(text)
        self.empty_clear.setVisible(clear)
        self.stack.setCurrentWidget(self.empty)

    def on_failed(self, error: Exception) -> None:
        show_error(self, error)

    def on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sig_open.emit(int(index.data(ID_ROLE)))

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def focus_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    # --- export ---------------------------------------------------------------------------
    def choose_export_path(self) -> str:
        return ask_export_path(self, self.tr("Export to Excel"),
                               self.entity.plural.en.lower().replace(" ", "-"))

    def on_export(self) -> ExportRun | None:
        if not self.context.can(self.entity.module, "export") or self.export_run is not None:
            return None
        path = self.ask_path()
        if not path:
            return None
        spec = ExportSpec(self.model.query, self.visible_columns(), self._language)
        service, actor = self.context.service(self._service), self.context.actor
        total = self.model.total or 0
        run = self.export_run = ExportRun(self.context.runner,
                                          self.tr("Exporting to %1...").replace("%1", path),
                                          self)
        run.sig_finished.connect(lambda count: self.on_exported(path, count))
        run.sig_failed.connect(self.on_export_failed)
        self.export_button.setEnabled(False)
        run.start(lambda report: service.export(actor, spec, path,
                                                lambda done: report(done, total)))
        return run

    def on_exported(self, path: str, count: int) -> None:
        self.export_run = None
        self.export_button.setEnabled(True)
        announce(self, export_outcome(path, count))

    def on_export_failed(self, error: Exception) -> None:
        self.export_run = None
        self.export_button.setEnabled(True)
        show_error(self, error)

    # --- import ---------------------------------------------------------------------------
    def on_import(self) -> ImportDialog | None:
        """The import dialog; the list reloads through the hub when an import wrote."""
        if not self.context.can(self.entity.module, "import"):
            return None
        dialog = ImportDialog(self.context, self.context.service(self._service), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- memory ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        persist.save_header(settings, self.settings_key, self.table.horizontalHeader())

    def restore_state(self, settings: QSettings) -> None:
        persist.restore_header(settings, self.settings_key, self.table.horizontalHeader())


__all__ = ["ChoiceLoader", "ListView", "QKeySequence", "RecordListView", "column_width"]
