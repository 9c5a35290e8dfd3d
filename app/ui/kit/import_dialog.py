"""Import a file into any list (导入): choose an .xlsx or .csv, say which column fills which
field (named mappings kept between sessions), preview what every row would do, import it
for real, save the problems, and undo an import as a whole.

The work runs in ``ImportService`` (``app/logic/kit/importing.py``) through the module's
own write path; here it runs in the background behind a progress dialog whose Cancel
stops it with nothing written (the service raises ``Cancelled``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Changed
from app.logic.kit.entity import Entity
from app.logic.kit.errors import FieldError, KehuError
from app.logic.kit.fields import Field
from app.logic.kit.importing import (
    Cancelled,
    ImportResult,
    ImportRun,
    Problem,
    UndoRefused,
    import_entity,
    match_headers,
    write_problems,
)
from app.logic.kit.reading import UnreadableFile, open_table
from app.logic.kit.service import RecordService
from app.ui.kit.context import Context
from app.ui.kit.errors import ErrorDialog, show_error
from app.ui.kit.export import documents_folder
from app.ui.kit.language import in_sentence, ui_language
from app.ui.kit.messages import Messages
from app.ui.kit.progress import ProgressDialog
from app.ui.kit.tasks import Runner

Index = QModelIndex | QPersistentModelIndex
ACTIONS = ("create", "update", "unchanged", "skip", "error")
ERROR_BACKGROUND = QColor("#fde8e8")
ERROR_FOREGROUND = QColor("#a11b1b")
ROUND_TRIP_PREFIX = "kehu:"  # an export's hidden columns: read by the import, not mapped


def read_headers(path: str) -> tuple[str, ...]:
    """The header row of an import file (``UnreadableFile`` when it cannot be read)."""
    with open_table(path) as table:
        return table.headers


@dataclass(frozen=True)
class OutcomeLine:
    """One line of the preview: a row's outcome, or one of its problems."""

    row: int
    action: str
    key: str = ""
    column: str = ""
    value: str = ""
    message: str = ""


def outcome_lines(result: ImportResult, words: Callable[[Problem], str] = lambda p: p.message
                  ) -> list[OutcomeLine]:
    """Each row's outcome; an error row once per problem (a record with lines: its lines'
    problems below its first row), each problem in ``words`` (the user's language)."""
    problems = sorted(result.problems, key=lambda p: p.row)
    outcomes = result.outcomes
    lines: list[OutcomeLine] = []
    at = 0
    for n, outcome in enumerate(outcomes):
        upto = outcomes[n + 1].row if n + 1 < len(outcomes) else None
        while at < len(problems) and problems[at].row < outcome.row:
            at += 1  # a problem before the first outcome's row: shown with nothing
        mine = []
        while at < len(problems) and (upto is None or problems[at].row < upto):
            mine.append(problems[at])
            at += 1
        if outcome.action != "error" or not mine:
            lines.append(OutcomeLine(outcome.row, outcome.action, outcome.key))
            continue
        for p in mine:
            lines.append(OutcomeLine(p.row, "error", outcome.key, p.column, p.value,
                                     words(p)))
    return lines


class OutcomeModel(QAbstractTableModel):
    """The preview's lines: row, action, key, column, value, problem; errors stand out."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: list[OutcomeLine] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def headers(self) -> list[str]:
        return [self.tr("Row"), self.tr("Action"), self.tr("Key"), self.tr("Column"),
                self.tr("Value"), self.tr("Problem")]

    def action_word(self, action: str) -> str:
        return {"create": self.tr("Create"), "update": self.tr("Update"),
                "unchanged": self.tr("Unchanged"), "skip": self.tr("Skip"),
                "error": self.tr("Error")}.get(action, action)

    def set_lines(self, lines: list[OutcomeLine]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def data(self, index: Index,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line = self.lines[index.row()]
        error = line.action == "error"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (str(line.row), self.action_word(line.action), line.key, line.column,
                    line.value, line.message)[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return line.action
        if error and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(ERROR_FOREGROUND)
        if error and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(ERROR_BACKGROUND)
        if error and role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < 6:
            return self.headers()[section]
        return None


class ImportJob(QObject):
    """One import or preview in the background. ``sig_finished(result)``;
    ``sig_failed(error)`` (``Cancelled`` when the user cancelled: nothing written)."""

    sig_progress = Signal(int)
    sig_finished = Signal(object)
    sig_failed = Signal(object)

    def __init__(self, runner: Runner, label: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._cancel = threading.Event()
        self._label = label
        dialog = ProgressDialog(label, parent)
        dialog.setObjectName("importProgress")
        dialog.canceled.connect(self.cancel)
        self.dialog: ProgressDialog | None = dialog
        self.sig_progress.connect(self.on_progress)

    def start(self, work: Callable[[Callable[[int], bool]], ImportResult]) -> None:
        self._runner.run(lambda: work(self.progress), self.on_done, self.on_failed,
                         context=self)

    def progress(self, done: int) -> bool:
        """Called on the worker thread: report, and say whether to go on."""
        self.sig_progress.emit(done)
        return not self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()
        self.dialog = None

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def on_progress(self, done: int) -> None:
        if self.dialog is not None and not self.cancelled:
            self.dialog.setLabelText(f"{self._label}\n{done:,}")

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.finish()
            self.dialog = None

    def on_done(self, result: ImportResult) -> None:
        self._close_dialog()
        self.sig_finished.emit(result)
        self.deleteLater()

    def on_failed(self, error: Exception) -> None:
        self._close_dialog()
        self.sig_failed.emit(error)
        self.deleteLater()


class ImportDialog(QDialog):
    """Import a file into ``service``'s records. Broadcasts on the context's hub what an
    import or an undo wrote, so the lists refresh."""

    sig_imported = Signal(object)  # the ImportResult of an import that wrote

    def __init__(self, context: Context, service: RecordService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.context = context
        self.service = service
        self.entity: Entity = import_entity(service)  # with a payment's invoice, say
        self.lines: Entity | None = service.line_entity
        self._language = ui_language()
        self.settings_key = f"{self.entity.module}/{self.entity.name}/import"
        self.path = ""
        self.headers: tuple[str, ...] = ()
        self.job: ImportJob | None = None
        self.last_result: ImportResult | None = None
        self._preview_shown = False
        self._again = False  # the mapping changed while a preview ran: preview again
        # Asked of the user; tests replace them.
        self.ask_file: Callable[[], str] = self.choose_file_path
        self.ask_problems_path: Callable[[], str] = self.choose_problems_path
        self.ask_mapping_name: Callable[[], str] = self.choose_mapping_name
        self.confirm: Callable[[str], bool] = self.ask_confirmation
        self.setWindowTitle(self.tr("Import %1").replace("%1", in_sentence(
            self.entity.plural)))
        self._build()
        self._restore_size()
        self.load_saved_names()
        self._update_buttons()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        file_row = QHBoxLayout()
        file_label = QLabel(self.tr("&File:"))
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("importFile")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("An Excel workbook (.xlsx) or a CSV file"))
        file_label.setBuddy(self.file_edit)
        self.choose_button = QPushButton(self.tr("&Choose file..."))
        self.choose_button.setObjectName("chooseFile")
        self.choose_button.clicked.connect(self.on_choose_file)
        file_row.addWidget(file_label)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        layout.addLayout(file_row)

        top = QWidget()
        top_box = QVBoxLayout(top)
        top_box.setContentsMargins(0, 0, 0, 0)
        top_box.addWidget(QLabel(self.tr("Which column fills which field:")))
        self.mapping_table = QTableWidget(0, 2)
        self.mapping_table.setObjectName("importMapping")
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Column in the file"),
                                                      self.tr("Imported into")])
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.mapping_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 240)
        header.setStretchLastSection(True)
        mapping_rows = self.mapping_table.verticalHeader()
        mapping_rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        mapping_rows.setDefaultSectionSize(QComboBox().sizeHint().height() + 2)
        top_box.addWidget(self.mapping_table, 1)
        saved_row = QHBoxLayout()
        saved_label = QLabel(self.tr("Saved &mappings:"))
        self.saved_combo = QComboBox()
        self.saved_combo.setObjectName("savedMappings")
        self.saved_combo.setMinimumContentsLength(22)
        self.saved_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        saved_label.setBuddy(self.saved_combo)
        self.saved_combo.activated.connect(self.on_saved_chosen)
        self.save_mapping_button = QPushButton(self.tr("&Save mapping..."))
        self.save_mapping_button.setObjectName("saveMapping")
        self.save_mapping_button.clicked.connect(self.on_save_mapping)
        saved_row.addWidget(saved_label)
        saved_row.addWidget(self.saved_combo)
        saved_row.addWidget(self.save_mapping_button)
        saved_row.addStretch(1)
        top_box.addLayout(saved_row)
        options = QHBoxLayout()
        duplicates_label = QLabel(self.tr("&Duplicates (the key names a record):"))
        self.duplicates = QComboBox()
        self.duplicates.setObjectName("onDuplicate")
        self.duplicates.addItem(self.tr("Stop: count them as errors"), "error")
        self.duplicates.addItem(self.tr("Skip them"), "skip")
        self.duplicates.addItem(self.tr("Update the records"), "update")
        duplicates_label.setBuddy(self.duplicates)
        self.duplicates.currentIndexChanged.connect(self.on_options_changed)
        self.skip_invalid = QCheckBox(self.tr("Import the &valid rows, list the others"))
        self.skip_invalid.setObjectName("skipInvalid")
        self.skip_invalid.toggled.connect(self.on_options_changed)
        options.addWidget(duplicates_label)
        options.addWidget(self.duplicates)
        options.addSpacing(16)
        options.addWidget(self.skip_invalid)
        options.addStretch(1)
        top_box.addLayout(options)

        bottom = QWidget()
        bottom_box = QVBoxLayout(bottom)
        bottom_box.setContentsMargins(0, 0, 0, 0)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("importCounts")
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label = QLabel()
        self.status_label.setObjectName("importStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        bottom_box.addWidget(self.counts_label)
        bottom_box.addWidget(self.status_label)
        self.outcomes = OutcomeModel(self)
        self.outcome_table = QTableView()
        self.outcome_table.setObjectName("importOutcomes")
        self.outcome_table.setModel(self.outcomes)
        self.outcome_table.verticalHeader().hide()
        self.outcome_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.outcome_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outcome_table.setWordWrap(False)
        rows = self.outcome_table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.outcome_table.fontMetrics().height() + 8)
        out_header = self.outcome_table.horizontalHeader()
        out_header.setStretchLastSection(True)
        for column, width in enumerate((60, 90, 110, 130, 150)):
            out_header.resizeSection(column, width)
        bottom_box.addWidget(self.outcome_table, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([330, 300])
        layout.addWidget(self.splitter, 1)

        buttons = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("&Undo an import..."))
        self.undo_button.setObjectName("undoImport")
        self.undo_button.clicked.connect(self.open_undo)
        self.problems_button = QPushButton(self.tr("Save the p&roblems..."))
        self.problems_button.setObjectName("saveProblems")
        self.problems_button.clicked.connect(self.on_save_problems)
        self.preview_button = QPushButton(self.tr("&Preview"))
        self.preview_button.setObjectName("previewImport")
        self.preview_button.setToolTip(self.tr("Check every row; nothing is written (Ctrl+P)"))
        self.preview_button.clicked.connect(self.on_preview)
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setObjectName("runImport")
        self.import_button.setToolTip(self.tr("Import the file (Ctrl+Enter)"))
        self.import_button.clicked.connect(self.on_import)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeImport")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        for button in (self.problems_button, self.preview_button, self.import_button,
                       self.close_button):
            buttons.addWidget(button)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in the dialog imports nothing by surprise
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+P"), self, self.on_preview)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.on_import)

    # --- size -----------------------------------------------------------------------------
    def _restore_size(self) -> None:
        size = QSettings().value(f"{self.settings_key}/size")
        self.resize(size if isinstance(size, QSize) and not size.isEmpty()
                    else QSize(920, 660))

    def done(self, result: int) -> None:
        if self.job is not None:  # closed while working: stop it, nothing written
            self.job.cancel()
        QSettings().setValue(f"{self.settings_key}/size", self.size())
        super().done(result)

    # --- the file and its columns ---------------------------------------------------------
    def choose_file_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the file to import"), str(documents_folder()),
            self.tr("Excel or CSV files (*.xlsx *.csv)"))
        return path

    def on_choose_file(self) -> None:
        path = self.ask_file()
        if path:
            self.load(path)

    def load(self, path: str | Path) -> None:
        """Read the file's header row (in the background) and show its columns."""
        path = str(path)
        self.context.runner.run(lambda: read_headers(path),
                                lambda headers: self.on_headers(path, headers),
                                self.on_failed, context=self)

    def on_headers(self, path: str, headers: tuple[str, ...]) -> None:
        self.path = path
        self.headers = headers
        self.file_edit.setText(path)
        self.last_result = None
        self._preview_shown = False
        self.outcomes.set_lines([])
        self.counts_label.clear()
        self.status_label.clear()
        self._fill_mapping(self.matched())
        self._update_buttons()

    def shown_headers(self) -> list[str]:
        """The file's columns the user maps (an export's hidden columns are not)."""
        return [h for h in self.headers if h and not h.startswith(ROUND_TRIP_PREFIX)]

    def field_choices(self) -> list[tuple[str, str]]:
        """(label, value) of every field a column may fill; a line's as ``line.field``."""
        language = self._language
        state = self.entity.workflow.field if self.entity.workflow is not None else ""
        choices = [(f.caption(language), f.name) for f in self.entity.fields
                   if f.editable or f.name == state]
        if self.lines is not None:
            lines = self.lines
            name = lines.label.text(language)
            choices += [(self.tr("%1: %2").replace("%1", name).replace(
                "%2", f.caption(language)), f"{lines.name}.{f.name}")
                for f in lines.fields if self._line_field(f)]
        return choices

    def _line_field(self, f: Field) -> bool:
        return f.editable and not (f.kind == "reference" and f.ref == self.entity.name)

    def matched(self) -> dict[str, str]:
        """Header -> field as the import would match it without a mapping ("" none)."""
        shown = [h if not h.startswith(ROUND_TRIP_PREFIX) else "" for h in self.headers]
        columns, _ = match_headers(self.entity, shown)
        found = {shown[i]: n for i, n in columns.items()}
        if self.lines is not None:
            rest = [h if i not in columns else "" for i, h in enumerate(shown)]
            line_columns, _ = match_headers(
                self.lines, rest,
                labels=not self.lines.extra.get("import_by_synonyms_only", False))
            found.update({rest[i]: f"{self.lines.name}.{n}" for i, n in line_columns.items()})
        return {h: found.get(h, "") for h in self.shown_headers()}

    def _fill_mapping(self, mapping: dict[str, str]) -> None:
        table = self.mapping_table
        table.setRowCount(0)
        choices = self.field_choices()
        for row, header in enumerate(self.shown_headers()):
            table.insertRow(row)
            item = QTableWidgetItem(header)
            item.setToolTip(header)
            table.setItem(row, 0, item)
            combo = QComboBox()
            combo.setObjectName(f"mapping{row}")
            combo.setAccessibleName(header)
            combo.addItem(self.tr("(not imported)"), "")
            for label, value in choices:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(header, ""))))
            combo.currentIndexChanged.connect(self.on_options_changed)
            table.setCellWidget(row, 1, combo)

    def mapping_combo(self, header: str) -> QComboBox:
        for row in range(self.mapping_table.rowCount()):
            item = self.mapping_table.item(row, 0)
            if item is not None and item.text() == header:
                widget = self.mapping_table.cellWidget(row, 1)
                assert isinstance(widget, QComboBox)
                return widget
        raise KeyError(header)

    def mapping(self) -> dict[str, str]:
        """Header -> field (a line's ``line.field``; "" not imported), as the table says."""
        return {h: self.mapping_combo(h).currentData() or "" for h in self.shown_headers()}

    def set_mapping(self, mapping: dict[str, str]) -> None:
        """Set the columns named in ``mapping``; the others keep their choice."""
        for header in self.shown_headers():
            if header in mapping:
                combo = self.mapping_combo(header)
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(mapping[header])))
                combo.blockSignals(False)
        self.on_options_changed()

    def problem_words(self, problem: Problem) -> str:
        """A problem in the user's language, by its code (the English sentence, with its
        details, when the code has no words of its own)."""
        if not problem.code:
            return problem.message
        return self.messages.field_error(FieldError(problem.code, problem.message))

    @cached_property
    def messages(self) -> Messages:
        return Messages(self)

    def given(self) -> dict[str, str]:
        """The mapping as the service takes it: a column "(not imported)" as
        ``Header=`` (left out, though its header would match a field)."""
        return dict(self.mapping())

    # --- named mappings -------------------------------------------------------------------
    def saved_mappings(self) -> dict[str, dict[str, str]]:
        raw = QSettings().value(f"{self.settings_key}/mappings")
        try:
            loaded = json.loads(str(raw)) if raw else {}
        except ValueError:
            return {}
        if not isinstance(loaded, dict):
            return {}
        return {str(k): {str(h): str(n) for h, n in v.items()} for k, v in loaded.items()
                if isinstance(v, dict)}

    def load_saved_names(self, current: str = "") -> None:
        self.saved_combo.clear()
        self.saved_combo.addItem(self.tr("(choose a saved mapping)"), "")
        for name in sorted(self.saved_mappings()):
            self.saved_combo.addItem(name, name)
        self.saved_combo.setCurrentIndex(max(0, self.saved_combo.findData(current)))

    def choose_mapping_name(self) -> str:
        name, ok = QInputDialog.getText(self, self.tr("Save mapping"),
                                        self.tr("Name of the mapping:"),
                                        text=self.saved_combo.currentData() or "")
        return name.strip() if ok else ""

    def on_save_mapping(self) -> None:
        if not self.headers:
            return
        name = self.ask_mapping_name()
        if name:
            self.save_mapping(name)

    def save_mapping(self, name: str) -> None:
        saved = self.saved_mappings()
        saved[name] = self.mapping()
        QSettings().setValue(f"{self.settings_key}/mappings",
                             json.dumps(saved, ensure_ascii=False))
        self.load_saved_names(name)
        self.status_label.setText(self.tr("Mapping “%1” saved.").replace("%1", name))

    def on_saved_chosen(self, index: int) -> None:
        name = self.saved_combo.itemData(index)
        if name:
            self.apply_mapping(name)

    def apply_mapping(self, name: str) -> None:
        """Set the columns as the saved mapping ``name`` says."""
        mapping = self.saved_mappings().get(name)
        if mapping is None:
            return
        self.saved_combo.setCurrentIndex(max(0, self.saved_combo.findData(name)))
        self.set_mapping(mapping)

    # --- preview and import ---------------------------------------------------------------
    def on_options_changed(self) -> None:
        """A preview on show follows the mapping and options."""
        if not self._preview_shown:
            return
        if self.job is not None:
            self._again = True
            return
        self.on_preview()

    def on_preview(self) -> ImportJob | None:
        return self._run(dry_run=True)

    def on_import(self) -> ImportJob | None:
        return self._run(dry_run=False)

    def _run(self, dry_run: bool) -> ImportJob | None:
        if not self.path or self.job is not None:
            return None
        service, actor, path = self.service, self.context.actor, self.path
        options = {"mapping": self.given(), "dry_run": dry_run,
                   "on_duplicate": self.duplicates.currentData(),
                   "skip_invalid": self.skip_invalid.isChecked()}
        label = (self.tr("Checking %1...") if dry_run else self.tr("Importing %1...")
                 ).replace("%1", Path(path).name)
        job = self.job = ImportJob(self.context.runner, label, self)
        job.sig_finished.connect(self.on_result)
        job.sig_failed.connect(self.on_job_failed)
        self._update_buttons()
        importer = self.context.services.importer
        job.start(lambda report: importer.import_file(actor, service, path, progress=report,
                                                      **options))
        return job

    def on_result(self, result: ImportResult) -> None:
        self.job = None
        self.last_result = result
        self._preview_shown = result.dry_run
        self.outcomes.set_lines(outcome_lines(result, self.problem_words))
        self.counts_label.setText(self.counts_text(result))
        self.status_label.setText(self.outcome_text(result))
        self._update_buttons()
        if result.written:
            self.context.hub.broadcast(Changed(self.entity.name, (), action="import",
                                               extra={"import_id": result.import_id}))
            self.sig_imported.emit(result)
        if self._again:
            self._again = False
            self.on_options_changed()

    def on_job_failed(self, error: Exception) -> None:
        self.job = None
        self._again = False
        self._update_buttons()
        if isinstance(error, Cancelled):
            self.status_label.setText(self.tr("Cancelled: nothing was written."))
            return
        self.on_failed(error)

    def counts_text(self, result: ImportResult) -> str:
        words = self.outcomes
        parts = [self.tr("%1: %2").replace("%1", words.action_word(a)).replace(
            "%2", f"{result.count(a):,}") for a in ACTIONS]
        return self.tr("%1 rows — %2").replace(
            "%1", f"{sum(result.counts.values()):,}").replace("%2", "   ".join(parts))

    def outcome_text(self, result: ImportResult) -> str:
        lines = []
        if result.dry_run:
            lines.append(self.tr("Preview: nothing was written."))
            if result.errors and not self.skip_invalid.isChecked():
                lines.append(self.tr("While rows have errors the import writes nothing: fix "
                                     "them, or import the valid rows and list the others."))
        elif result.written:
            lines.append(self.tr("Imported: %1 created, %2 updated.").replace(
                "%1", f"{result.count('create'):,}").replace(
                "%2", f"{result.count('update'):,}"))
        elif result.errors:
            lines.append(self.tr("Nothing was written: %1 rows have errors.").replace(
                "%1", f"{result.errors:,}"))
        else:
            lines.append(self.tr("Nothing to write: every row is unchanged or skipped."))
        if result.ignored:
            lines.append(self.tr("Columns not imported: %1").replace(
                "%1", ", ".join(result.ignored)))
        return "\n".join(lines)

    def _update_buttons(self) -> None:
        idle = self.job is None
        has_file = bool(self.path)
        self.preview_button.setEnabled(idle and has_file)
        self.import_button.setEnabled(idle and has_file)
        self.choose_button.setEnabled(idle)
        self.save_mapping_button.setEnabled(has_file)
        self.problems_button.setEnabled(idle and self.last_result is not None
                                        and bool(self.last_result.problems))
        self.undo_button.setEnabled(idle)

    # --- the problems ---------------------------------------------------------------------
    def choose_problems_path(self) -> str:
        stem = Path(self.path).stem if self.path else "import"
        suggested = documents_folder() / f"{stem}-problems.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the problems"),
                                              str(suggested),
                                              self.tr("Excel workbook (*.xlsx)"))
        if path and not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        return path

    def on_save_problems(self) -> None:
        result = self.last_result
        if result is None or not result.problems:
            return
        path = self.ask_problems_path()
        if not path:
            return
        self.context.runner.run(lambda: write_problems(path, result),
                                lambda count: self.status_label.setText(
                                    self.tr("%1 problems saved to %2.").replace(
                                        "%1", f"{count:,}").replace("%2", path)),
                                self.on_failed, context=self)

    # --- undo -----------------------------------------------------------------------------
    def open_undo(self) -> UndoImportsDialog:
        dialog = UndoImportsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.reload()
        return dialog

    def recent(self, on_done: Callable[[list[ImportRun]], None]) -> None:
        service, actor = self.service, self.context.actor
        self.context.runner.run(lambda: self.context.services.importer.recent(actor, service),
                                on_done, self.on_failed, context=self)

    def ask_confirmation(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Undo the import"), text)
        return answer == QMessageBox.StandardButton.Yes

    def undo(self, run: ImportRun, on_done: Callable[[int], None] | None = None) -> None:
        """Undo ``run`` as a whole, once the user confirmed it."""
        if run.undone_at is not None:
            return
        text = self.tr("Undo the import of %1 (%2)? The records it created are removed and "
                       "those it updated get their values back.").replace(
            "%1", run.source).replace("%2", run.at.astimezone().strftime("%Y-%m-%d %H:%M"))
        if not self.confirm(text):
            return
        services, actor = self.context.services, self.context.actor

        def undone(count: int) -> None:
            self.status_label.setText(self.tr("Import of %1 undone: %2 records put back as "
                                              "they were.").replace("%1", run.source)
                                      .replace("%2", f"{count:,}"))
            self.context.hub.broadcast(Changed(self.entity.name, (), action="import_undo",
                                               extra={"import_id": run.id}))
            if on_done is not None:
                on_done(count)

        self.context.runner.run(lambda: services.importer.undo(actor, run.id,
                                                               services.for_entity),
                                undone, self.on_failed, context=self)

    # --- errors ---------------------------------------------------------------------------
    def on_failed(self, error: Exception) -> None:
        self.show_failure(error)

    def show_failure(self, error: Exception) -> QMessageBox:
        """The kit's error dialog; a file that cannot be read and an undo refused are said
        as the service words them."""
        if isinstance(error, UnreadableFile | UndoRefused) or (
                isinstance(error, KehuError) and ErrorDialog.is_unexpected(error)):
            title = self.tr("Cannot undo the import") if isinstance(error, UndoRefused) \
                else self.tr("Cannot import the file")
            box = QMessageBox(QMessageBox.Icon.Warning, title, str(error),
                              QMessageBox.StandardButton.Ok, self)
            box.setObjectName("errorDialog")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return box
        return show_error(self, error)


class UndoImportsDialog(QDialog):
    """The recent imports into the list (file, user, time, counts, undone); Undo undoes
    the chosen one after asking."""

    def __init__(self, owner: ImportDialog) -> None:
        super().__init__(owner)
        self.setObjectName("undoImports")
        self.owner = owner
        self.runs: list[ImportRun] = []
        self.setWindowTitle(self.tr("Undo an import"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Recent imports, newest first:")))
        self.table = QTableWidget(0, 8)
        self.table.setObjectName("recentImports")
        self.table.setHorizontalHeaderLabels([
            self.tr("File"), self.tr("User"), self.tr("Time"), self.tr("Created"),
            self.tr("Updated"), self.tr("Unchanged"), self.tr("Errors"), self.tr("Undone")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((200, 100, 130, 70, 70, 70, 70)):
            header.resizeSection(column, width)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.undo_button = QPushButton(self.tr("&Undo this import"))
        self.undo_button.setObjectName("undoChosen")
        self.undo_button.clicked.connect(self.on_undo)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.resize(880, 360)
        self._update_buttons()

    def reload(self) -> None:
        self.owner.recent(self.show_runs)

    def show_runs(self, runs: list[ImportRun]) -> None:
        self.runs = runs
        self.table.setRowCount(0)
        for row, run in enumerate(runs):
            self.table.insertRow(row)
            counts = run.counts
            undone = run.undone_at.astimezone().strftime("%Y-%m-%d %H:%M") \
                if run.undone_at is not None else ""
            cells: Sequence[str] = (
                run.source, run.username, run.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                f"{counts.get('created', 0):,}", f"{counts.get('updated', 0):,}",
                f"{counts.get('unchanged', 0):,}", f"{counts.get('errors', 0):,}", undone)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 3 <= column <= 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if run.undone_at is not None:
                    item.setForeground(QBrush(QColor("#777777")))
                self.table.setItem(row, column, item)
        self._update_buttons()

    def chosen(self) -> ImportRun | None:
        rows = self.table.selectionModel().selectedRows()
        return self.runs[rows[0].row()] if rows and rows[0].row() < len(self.runs) else None

    def _update_buttons(self) -> None:
        run = self.chosen()
        self.undo_button.setEnabled(run is not None and run.undone_at is None)

    def on_undo(self) -> None:
        run = self.chosen()
        if run is not None:
            self.owner.undo(run, lambda _count: self.reload())


__all__ = ["ImportDialog", "ImportJob", "OutcomeLine", "OutcomeModel", "UndoImportsDialog",
           "outcome_lines", "read_headers"]
