"""The audit log page the main window hosts: filters, lazy list, entry detail, export, verify.

The detail pane follows the list: a reload or a filter change clears it, and shows the same
entry again only if it is still listed. Any change reported on the hub (a new entry was
written) reloads the list and drops an earlier "chain intact" verdict, which no longer
covers every entry."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.logic.admin import UserRow
from app.logic.audit import AuditFilter, ChainReport, describe_finding
from app.logic.kit.dto import Changed
from app.ui.audit.detail import AuditDetail
from app.ui.audit.filter_bar import AuditFilterBar
from app.ui.audit.labels import fill
from app.ui.audit.model import ROW_ROLE, AuditLogModel
from app.ui.kit import persist
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.export import ExportRun, ask_export_path
from app.ui.kit.language import ui_language

SETTINGS_KEY = "audit/page"
WIDTHS = (60, 140, 90, 110, 100, 250)


class AuditLogPage(QWidget):
    """Without the right audit.view it only says so; the services refuse anyway."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditLogPage")
        self.context = context
        self._services, self._actor, self._runner = (context.services, context.actor,
                                                     context.runner)
        self.ask_export_path: Callable[[], str] = self.choose_export_path
        self.export: ExportRun | None = None
        self.export_path = ""
        self.report: ChainReport | None = None
        self._shown_id: int | None = None  # the entry on show when the list was reset
        self._stale = False  # changed while hidden: reload when shown
        self.table: QTableView | None = None
        self.model = AuditLogModel(context, self)
        self.model.sig_total_changed.connect(self.on_total_changed)
        self.model.sig_failed.connect(self.on_failed)
        layout = QVBoxLayout(self)
        if not context.can("audit", "view"):
            notice = QLabel(self.tr("You do not have the right to view the audit log."))
            notice.setObjectName("noAccess")
            notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(notice)
            return
        self._build(layout)
        self.model.modelAboutToBeReset.connect(self.on_about_to_reset)
        self.model.modelReset.connect(self.on_reset)
        self.model.rowsInserted.connect(self.on_rows_arrived)
        self.model.sig_first_page.connect(self.on_first_page)
        context.hub.sig_changed.connect(self.on_changed)
        self.model.set_filters(AuditFilter())
        self.load_users()

    # --- layout ---------------------------------------------------------------------------
    def _build(self, layout: QVBoxLayout) -> None:
        self.filter_bar = AuditFilterBar()
        self.filter_bar.sig_filters_changed.connect(self.on_filters_changed)
        self.table = table = QTableView()
        table.setObjectName("auditTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.setWordWrap(False)
        table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(WIDTHS):
            table.setColumnWidth(column, width)
        table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.detail = AuditDetail()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("auditSplitter")
        self.splitter.addWidget(table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addLayout(self._build_toolbar())
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self._build_status())

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.refresh_button = self._button("refreshAudit", self.tr("&Refresh"), self.reload)
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.verify_button = self._button("verifyChain", self.tr("&Verify chain"),
                                          self.on_verify)
        self.export_button = self._button("exportAudit", self.tr("E&xport to Excel..."),
                                          self.on_export)
        self.export_button.setEnabled(self._actor.can("audit", "export"))
        if not self._actor.can("audit", "export"):
            self.export_button.setToolTip(self.tr("You do not have the right to export the "
                                                  "audit log."))
        for button in (self.refresh_button, self.verify_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        return bar

    def _build_status(self) -> QWidget:
        self.total_label = QLabel()
        self.total_label.setObjectName("auditTotal")
        self.chain_label = QLabel()
        self.chain_label.setObjectName("chainStatus")
        self.chain_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label = QLabel()
        self.status_label.setObjectName("auditStatus")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        status = QWidget()
        row = QHBoxLayout(status)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.total_label)
        row.addWidget(self.status_label, 1)
        row.addWidget(self.chain_label)
        return status

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # --- the list -------------------------------------------------------------------------
    def load_users(self) -> None:
        services, actor = self._services, self._actor

        def load() -> list[UserRow]:
            users: list[UserRow] = []
            if actor.can("admin", "view"):
                users = services.users.list_all_users(actor)
            elif actor.can("customers", "view"):
                users = services.auth.list_users(actor)
            return users

        self._runner.run(load, self.filter_bar.set_users, self.on_failed, context=self)

    def reload(self) -> None:
        """Read the list again (new entries may exist): an earlier verdict on the chain
        does not cover them."""
        self._stale = False
        self.forget_verdict()
        self.model.reload()

    def on_changed(self, changed: Changed) -> None:
        """Something was written, and with it an audit entry."""
        self.forget_verdict()
        if self.table is None:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True
        if changed.entity == "user":
            self.load_users()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.table is not None:
            self.reload()

    def on_filters_changed(self, filters: AuditFilter) -> None:
        self.model.set_filters(filters)

    def on_total_changed(self, total: int) -> None:
        self.total_label.setText(self.tr("%1 entries").replace("%1", f"{total:,}"))

    def on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection
                             ) -> None:
        if self.table is None:
            return
        rows = self.table.selectionModel().selectedRows()
        entry = rows[0].data(ROW_ROLE) if rows else None
        self.detail.show_entry(entry, self.model.names(entry) if entry is not None else None)

    def on_about_to_reset(self) -> None:
        entry = self.detail.entry
        self._shown_id = entry.id if entry is not None else self._shown_id

    def on_reset(self) -> None:
        """A reset drops the selection without a signal: nothing stale may stay."""
        self.detail.show_entry(None)

    def on_first_page(self, rows: int) -> None:
        if not rows:  # nothing matches: the entry shown before is not listed
            self._shown_id = None

    def on_rows_arrived(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        """The first rows after a reset: show the entry again if it is still listed."""
        shown, self._shown_id = self._shown_id, None
        row = self.model.row_of(shown) if shown is not None else -1
        if row >= 0 and self.table is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def on_failed(self, error: Exception) -> None:
        show_error(self, error)

    # --- verify ---------------------------------------------------------------------------
    def forget_verdict(self) -> None:
        self.report = None
        if self.table is not None:
            self.chain_label.clear()

    def on_verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.chain_label.setStyleSheet("")
        self.chain_label.setText(self.tr("Verifying..."))
        self._runner.run(lambda: self._services.audit.verify_audit_chain(self._actor),
                         self.on_verified, self.on_verify_failed, context=self)

    def on_verified(self, report: ChainReport) -> None:
        self.verify_button.setEnabled(True)
        self.report = report
        if report.intact:
            text = self.tr("Chain intact: %1 entries checked.").replace(
                "%1", f"{report.checked:,}")
            colour = "darkgreen"
        else:
            first = report.findings[0]
            text = fill(self.tr("Chain broken at entry %1: %2"), first.entry_id,
                        describe_finding(first, ui_language()))
            colour = "darkred"
        # Every finding, one a line (a wiped log has several: no genesis, no head, ...).
        self.chain_label.setToolTip("\n".join(
            fill(self.tr("Chain broken at entry %1: %2"), f.entry_id,
                 describe_finding(f, ui_language())) for f in report.findings))
        self.chain_label.setText(text)
        self.chain_label.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def on_verify_failed(self, error: Exception) -> None:
        self.verify_button.setEnabled(True)
        self.chain_label.clear()
        show_error(self, error)

    # --- export ---------------------------------------------------------------------------
    def choose_export_path(self) -> str:
        return ask_export_path(self, self.tr("Export the audit log"), "audit-log")

    def on_export(self) -> ExportRun | None:
        if not self._actor.can("audit", "export") or self.export is not None:
            return None
        path = self.ask_export_path()
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.export_path = path
        self.export = export = ExportRun(self._runner, self.tr("Exporting the audit log..."),
                                         self)
        export.sig_finished.connect(self.on_exported)
        export.sig_failed.connect(self.on_export_failed)
        self.export_button.setEnabled(False)
        audit, actor, filters, language = (self._services.audit, self._actor,
                                           self.model.filters, ui_language())
        export.start(lambda report: audit.export_audit_entries(actor, filters, path, report,
                                                               language))
        return export

    def on_exported(self, count: int) -> None:
        path, self.export = self.export_path, None
        self.export_button.setEnabled(True)
        if count < 0:
            self.status_label.setText(self.tr("Export cancelled; no file was written."))
            return
        self.reload()  # the export wrote an entry of its own
        self.status_label.setText(fill(self.tr("Exported %1 entries to %2."), f"{count:,}",
                                       path))

    def on_export_failed(self, error: Exception) -> None:
        self.export = None
        self.export_button.setEnabled(True)
        show_error(self, error)

    # --- memory ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        if self.table is not None:
            persist.save_header(settings, SETTINGS_KEY, self.table.horizontalHeader())
            persist.save_splitter(settings, SETTINGS_KEY, self.splitter)

    def restore_state(self, settings: QSettings) -> None:
        if self.table is not None:
            persist.restore_header(settings, SETTINGS_KEY, self.table.horizontalHeader())
            persist.restore_splitter(settings, SETTINGS_KEY, self.splitter)
