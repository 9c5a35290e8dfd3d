"""Customers' screens: the list and the form. The module's public API."""

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from app.logic.kit.fields import Label
from app.ui.customers.form import CustomerForm
from app.ui.customers.list_view import CustomerListView
from app.ui.customers.overview import KeyFacts, PrimaryContact
from app.ui.kit.context import Context
from app.ui.shell.registry import Part, UiModule

__all__ = ["MODULE", "CustomerForm", "CustomerListView"]


def customer_form(context: Context, customer_id: int | None, parent: QWidget | None,
                  values: Mapping[str, Any]) -> CustomerForm:
    return CustomerForm(context, customer_id, parent, initial=dict(values))


MODULE = UiModule("customers", Label("Customers", "客户"), ("customers", "view"),
                  CustomerListView, searchable=True,
                  creates=Label("&New customer", "新建客户(&N)"),
                  forms={"customer": customer_form},
                  parts=(Part("customer", Label("Key facts", "关键信息"), KeyFacts,
                              place="overview", order=0),
                         Part("customer", Label("Primary contact", "主要联系人"),
                              PrimaryContact, place="overview", order=1)))
