"""Customers' screens: the list and the form. The module's public API."""

from app.logic.kit.fields import Label
from app.ui.customers.form import CustomerForm
from app.ui.customers.list_view import CustomerListView
from app.ui.shell.registry import UiModule

__all__ = ["MODULE", "CustomerForm", "CustomerListView"]

MODULE = UiModule("customers", Label("Customers", "客户"), ("customers", "view"),
                  CustomerListView, searchable=True,
                  creates=Label("&New customer", "新建客户(&N)"))
