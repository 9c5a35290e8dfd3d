"""Formatted Excel workbooks (openpyxl, streaming write-only mode)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from app.logic.dto import AuditRow

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2F5597")


class AuditWorkbook:
    COLUMNS = (("ID", 10), ("Time (UTC)", 22), ("User", 16), ("Action", 14),
               ("Entity", 14), ("Entity id", 12), ("Changes", 100))

    def __init__(self) -> None:
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("Audit log")
        for index, (_, width) in enumerate(self.COLUMNS, start=1):
            self.sheet.column_dimensions[chr(64 + index)].width = width
        self.sheet.freeze_panes = "A2"
        self.sheet.append([self._header(title) for title, _ in self.COLUMNS])
        self.rows = 0

    def _header(self, title: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")
        return cell

    def add_rows(self, rows: Iterable[AuditRow]) -> None:
        for r in rows:
            at = WriteOnlyCell(self.sheet, value=r.at.replace(tzinfo=None))
            at.number_format = "yyyy-mm-dd hh:mm:ss"
            self.sheet.append([r.id, at, r.username, r.action, r.entity_type, r.entity_id,
                               json.dumps(r.changes, ensure_ascii=False)])
            self.rows += 1

    def discard(self, scratch: Path) -> None:
        """Drop a workbook that will not be kept. openpyxl's streaming writer must be
        finished properly (closing it half-way raises later), so it is saved and removed."""
        self.book.save(scratch)
        scratch.unlink(missing_ok=True)

    def save(self, path: Path) -> None:
        if self.rows:
            self.sheet.auto_filter.ref = f"A1:G{self.rows + 1}"
        self.book.save(path)
