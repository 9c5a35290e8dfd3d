"""The permission matrix of one role: a check box per module and action, a scope per module."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QWidget

from app.logic.admin import RoleDetail
from app.logic.kit.permissions import ACTIONS, MODULES, SCOPES, extra_actions
from app.ui.admin.labels import AdminLabels
from app.ui.kit.language import ui_language

Right = tuple[str, str]


class RoleMatrix(QWidget):
    """Rows are modules, columns the actions, then the record scope of that module and the
    rights only that module has."""

    sig_changed = Signal()

    def __init__(self, labels: AdminLabels, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roleMatrix")
        self.boxes: dict[Right, QCheckBox] = {}
        # A module's own rights (projects.reopen), each a box with its word in that
        # module's row, in one more column.
        self.extra_boxes: dict[Right, QCheckBox] = {}
        self.scope_combos: dict[str, QComboBox] = {}
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(14)
        grid.addWidget(self._header(self.tr("Module")), 0, 0)
        for column, action in enumerate(ACTIONS, start=1):
            grid.addWidget(self._header(labels.action(action)), 0, column,
                           Qt.AlignmentFlag.AlignHCenter)
        grid.addWidget(self._header(self.tr("Record scope")), 0, len(ACTIONS) + 1)
        if extra_actions():
            grid.addWidget(self._header(self.tr("Other rights")), 0, len(ACTIONS) + 2)
        for row, module in enumerate(MODULES, start=1):
            self._add_module_row(grid, row, module, labels)
        grid.setColumnStretch(len(ACTIONS) + 3, 1)
        grid.setRowStretch(len(MODULES) + 1, 1)

    @staticmethod
    def _header(text: str) -> QLabel:
        label = QLabel(f"<b>{text}</b>")
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    def _add_module_row(self, grid: QGridLayout, row: int, module: str,
                        labels: AdminLabels) -> None:
        grid.addWidget(QLabel(labels.module(module)), row, 0)
        for column, action in enumerate(ACTIONS, start=1):
            box = QCheckBox()
            box.setObjectName(f"right_{module}_{action}")
            box.setAccessibleName(f"{labels.module(module)}: {labels.action(action)}")
            box.setToolTip(box.accessibleName())
            box.toggled.connect(self.sig_changed)
            self.boxes[(module, action)] = box
            grid.addWidget(box, row, column, Qt.AlignmentFlag.AlignHCenter)
        combo = QComboBox()
        combo.setObjectName(f"scope_{module}")
        combo.setAccessibleName(self.tr("Record scope of %1").replace("%1",
                                                                       labels.module(module)))
        for scope in SCOPES:
            combo.addItem(labels.scope(scope), scope)
        combo.currentIndexChanged.connect(self.sig_changed)
        self.scope_combos[module] = combo
        grid.addWidget(combo, row, len(ACTIONS) + 1)
        for offset, (action, label) in enumerate(extra_actions().get(module, {}).items()):
            box = QCheckBox(label.text(ui_language()))
            box.setObjectName(f"right_{module}_{action}")
            box.setAccessibleName(f"{labels.module(module)}: {box.text()}")
            box.setToolTip(box.accessibleName())
            box.toggled.connect(self.sig_changed)
            self.extra_boxes[(module, action)] = box
            grid.addWidget(box, row, len(ACTIONS) + 2 + offset)

    def set_role(self, role: RoleDetail | None) -> None:
        self.blockSignals(True)
        scopes = dict(role.scopes) if role is not None else {}
        for right, box in self.all_boxes().items():
            box.setChecked(role is not None and right in role.rights)
        for module, combo in self.scope_combos.items():
            combo.setCurrentIndex(max(combo.findData(scopes.get(module, "own")), 0))
        self.blockSignals(False)

    def set_editable(self, editable: bool) -> None:
        for widget in [*self.all_boxes().values(), *self.scope_combos.values()]:
            widget.setEnabled(editable)

    def all_boxes(self) -> dict[Right, QCheckBox]:
        return {**self.boxes, **self.extra_boxes}

    def rights(self) -> set[Right]:
        return {right for right, box in self.all_boxes().items() if box.isChecked()}

    def scopes(self) -> dict[str, str]:
        return {module: combo.currentData() for module, combo in self.scope_combos.items()}
