"""The set of services a front end (GUI or CLI) receives from the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from app.logic.auth import AuthService
from app.logic.contacts import ContactService
from app.logic.customers import CustomerService, UowFactory


@dataclass(frozen=True)
class Services:
    auth: AuthService
    customers: CustomerService
    contacts: ContactService
    database_label: str = ""

    @classmethod
    def build(cls, uow: UowFactory, database_label: str = "") -> Services:
        return cls(auth=AuthService(uow), customers=CustomerService(uow),
                   contacts=ContactService(uow), database_label=database_label)
