"""The customer's editable fields, laid out in three groups, in keyboard (tab) order."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QWidget

from app.logic.customers import CREDIT_RATINGS, KINDS, OWNERSHIPS, SIZE_BANDS, STATUSES, TIERS
from app.ui.field_set import FieldSet

BASIC = ("name", "short_name", "code", "kind", "status", "tier", "owner_id", "industry",
         "ownership", "size_band", "source", "tags")
ADDRESS = ("province", "city", "address", "postal_code", "phone", "fax", "email", "website")
FINANCE = ("tax_id", "credit_rating", "credit_limit", "payment_terms_days", "bank_name",
           "bank_account")


class DetailsPage(QWidget):
    """Builds the customer editors into ``fields`` and lays them out."""

    def __init__(self, fields: FieldSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = fields
        self._build_editors()
        grid = QGridLayout(self)
        grid.addWidget(self._group(self.tr("Basic information"), BASIC), 0, 0, 2, 1)
        grid.addWidget(self._group(self.tr("Address and phone"), ADDRESS), 0, 1)
        grid.addWidget(self._group(self.tr("Finance"), FINANCE), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)

    def _build_editors(self) -> None:
        f = self.fields
        f.add_text("name", 200, self.tr("Full registered name"))
        f.add_text("short_name", 100)
        f.add_text("code", 20, self.tr("Generated when saved"))
        f.add_choice("kind", KINDS)
        f.add_choice("status", STATUSES)
        f.add_choice("tier", TIERS)
        f.add_check("tier_override", self.tr("Set by hand"))
        f.add_items("owner_id", [(self.tr("(nobody)"), None)])
        f.add_text("industry", 64)
        f.add_choice("ownership", OWNERSHIPS, allow_empty=True)
        f.add_choice("size_band", SIZE_BANDS, allow_empty=True)
        f.add_text("source", 32)
        f.add_text("tags", 500, self.tr("Comma separated"))
        for name, length in (("province", 64), ("city", 64), ("address", 300),
                             ("postal_code", 16), ("phone", 40), ("fax", 40), ("email", 254),
                             ("website", 254), ("tax_id", 32)):
            f.add_text(name, length)
        f.add_items("credit_rating", [("", "")] + [(r, r) for r in CREDIT_RATINGS])
        f.add_text("credit_limit", 20, "0.00", money=True)
        f.add_number("payment_terms_days", 0, 3650)
        f.add_text("bank_name", 128)
        f.add_text("bank_account", 64)
        f.add_notes("notes")

    def _group(self, title: str, names: tuple[str, ...]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            form.addRow(self.fields.label(name, self._caption(name)), self._row(name))
        return box

    def _row(self, name: str) -> QWidget:
        if name != "tier":
            return self.fields.row(name)
        pair = QWidget()
        line = QHBoxLayout(pair)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.fields.row("tier"), 1)
        line.addWidget(self.fields.row("tier_override"))
        return pair

    def _caption(self, name: str) -> str:
        text = self.fields.caption(name)
        return f"{text} *" if name == "name" else text

    def tab_order(self) -> list[QWidget]:
        names = (*BASIC[:6], "tier_override", *BASIC[6:], *ADDRESS, *FINANCE)
        return [self.fields.editor(name) for name in names]
