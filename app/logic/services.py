"""The set of services a front end (GUI or CLI) receives from the composition root."""

from __future__ import annotations

from dataclasses import dataclass, fields

from app.logic.audit import AuditService
from app.logic.auth import AuthService
from app.logic.base import Service, UowFactory
from app.logic.contacts import ContactService
from app.logic.customers import CustomerService
from app.logic.departments import DepartmentService
from app.logic.roles import RoleService
from app.logic.settings import SettingsService
from app.logic.users import UserService


@dataclass(frozen=True)
class Services:
    auth: AuthService
    customers: CustomerService
    contacts: ContactService
    users: UserService
    roles: RoleService
    departments: DepartmentService
    audit: AuditService
    settings: SettingsService
    database_label: str = ""

    @classmethod
    def build(cls, uow: UowFactory, database_label: str = "") -> Services:
        return cls(auth=AuthService(uow), customers=CustomerService(uow),
                   contacts=ContactService(uow), users=UserService(uow), roles=RoleService(uow),
                   departments=DepartmentService(uow), audit=AuditService(uow),
                   settings=SettingsService(uow), database_label=database_label)

    def all(self) -> dict[str, Service]:
        return {f.name: getattr(self, f.name) for f in fields(self)
                if isinstance(getattr(self, f.name), Service)}
