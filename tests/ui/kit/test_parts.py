"""Parts: what one module adds to another's form (tabs, overview sections), and opening any
record's form from a link. The customer form is the host: its Overview shows the customers'
own sections, the other modules' sections join it without the form naming them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from app.logic.kit.dto import Record
from app.logic.kit.fields import Label
from app.ui.customers import MODULE as CUSTOMERS
from app.ui.customers import CustomerForm
from app.ui.kit.context import Context
from app.ui.kit.opener import open_record
from app.ui.kit.parts import FormPart, OverviewSection
from app.ui.kit.registry import Part, UiModule, parts_for


def _customer(context: Context, **values: Any) -> int:
    changed = context.services.customers.create_customer(
        context.actor, {"name": "上海申达贸易有限公司", "province": "上海", "city": "上海",
                        "phone": "021-55551234", **values})
    return changed.ids[0]


def test_the_customer_form_has_an_overview_with_key_facts_and_primary_contact(
        qtbot, context: Context) -> None:
    customer_id = _customer(context, credit_limit="50000")
    context.services.contacts.add_contact(context.actor, customer_id,
                                          {"name": "王芳", "position": "采购经理"})
    form = CustomerForm(context, customer_id)
    qtbot.addWidget(form)
    assert form.overview is not None
    assert form.tabs.indexOf(form.overview) == 1
    facts = form.findChild(QLabel, "overviewBody")
    assert facts is not None
    texts = [w.text() for w in form.overview.findChildren(QLabel, "overviewBody")]
    assert any("50,000.00" in t and "021-55551234" in t for t in texts)
    assert any("王芳" in t and "采购经理" in t for t in texts)


def test_the_primary_contact_section_follows_a_contact_saved_elsewhere(
        qtbot, context: Context) -> None:
    customer_id = _customer(context)
    form = CustomerForm(context, customer_id)
    qtbot.addWidget(form)
    section = form.findChild(OverviewSection, "customerPrimaryContact")
    assert section is not None
    assert "No contact yet" in section.body.text()
    changed = context.services.contacts.add_contact(context.actor, customer_id,
                                                    {"name": "李雷", "mobile": "13800138000"})
    context.hub.broadcast(changed)
    assert "李雷" in section.body.text() and "13800138000" in section.body.text()


def test_a_new_customer_has_no_overview_until_saved(qtbot, context: Context) -> None:
    form = CustomerForm(context, None)
    qtbot.addWidget(form)
    assert form.overview is not None
    assert not form.tabs.isTabVisible(form.tabs.indexOf(form.overview))


class _Probe(OverviewSection):
    shown: list[int | None] = []

    def set_parent(self, record: Record | None) -> None:
        super().set_parent(record)
        _Probe.shown.append(self.parent_id)
        if record is not None:
            self.show_links([(f"Link to {record.code}", "customer", record.id)],
                            empty="none", more=2)


class _Tab(FormPart):
    pass


def _probe_module() -> UiModule:
    return UiModule("probe", Label("Probe", "探针"), ("customers", "view"), QWidget,
                    parts=(Part("customer", Label("Probe", "探针"), _Probe, place="overview"),
                           Part("customer", Label("Tab", "页"), _Tab, order=1),
                           Part("customer", Label("Admins", "管理"), _Tab,
                                right=("admin", "nonexistent")),
                           Part("product", Label("Else", "别的"), _Tab)))


def test_parts_are_found_by_entity_and_place_in_order_and_by_right(context: Context) -> None:
    modules = (CUSTOMERS, _probe_module())
    overview = parts_for("customer", "overview", context, modules)
    assert [p.caption.en for p in overview] == ["Key facts", "Primary contact", "Probe"]
    assert [p.caption.en for p in parts_for("customer", "tab", context, modules)] == ["Tab"]
    assert [p.caption.en for p in parts_for("product", "tab", context, modules)] == ["Else"]


def test_a_part_has_a_known_place() -> None:
    with pytest.raises(ValueError, match="place"):
        Part("customer", Label("x", "x"), _Tab, place="sidebar")


def test_a_link_opens_the_record_once_and_raises_it_again(qtbot, context: Context) -> None:
    customer_id = _customer(context)
    opened: list[tuple[int | None, Mapping[str, Any]]] = []

    def factory(ctx: Context, record_id: int | None, parent: QWidget | None,
                values: Mapping[str, Any]) -> QDialog:
        opened.append((record_id, values))
        return QDialog(parent)  # the host owns it; the opener deletes it when it closes

    modules = (UiModule("probe", Label("P", "P"), ("customers", "view"), QWidget,
                        forms={"customer": factory}),)
    host = QWidget()
    qtbot.addWidget(host)
    first = open_record(context, "customer", customer_id, host, modules=modules)
    again = open_record(context, "customer", customer_id, host, modules=modules)
    assert first is again and opened == [(customer_id, {})]
    new = open_record(context, "customer", None, host, {"city": "北京"}, modules=modules)
    assert new is not first and opened[-1] == (None, {"city": "北京"})
    assert open_record(context, "nothing", 1, host, modules=modules) is None
    first.done(0)
    qtbot.waitUntil(lambda: open_record(context, "customer", customer_id, host,
                                        modules=modules) is not first)
    assert len(opened) == 3


def test_overview_links_open_the_named_record(qtbot, context: Context) -> None:
    customer_id = _customer(context)
    section = _Probe(context)
    qtbot.addWidget(section)
    record = context.services.customers.get(context.actor, customer_id)
    section.set_parent(record)
    assert "and 2 more" in section.body.text()
    assert section.links == [(f"Link to {record.code}", "customer", customer_id)]
    with qtbot.waitSignal(section.sig_link) as signal:
        section.on_link(f"customer:{customer_id}")
    assert signal.args == ["customer", customer_id]
    opened = [w for w in section.window().findChildren(CustomerForm)] or \
        [w for w in QWidget.topLevelWidgets() if isinstance(w, CustomerForm)]
    assert any(f.record_id == customer_id for f in opened)
    for form in opened:
        form.done(0)
