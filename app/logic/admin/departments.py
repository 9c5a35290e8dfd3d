"""Departments (sales teams) with a manager, on the kit's write path; a manager's team
scope covers its members."""

from __future__ import annotations

from typing import Any

from app.data.admin import Department, DepartmentRepository, UserRepository
from app.data.kit.uow import UnitOfWork
from app.logic.admin.dto import DepartmentRow
from app.logic.admin.fields import DEPARTMENT
from app.logic.kit.dto import Actor, Changed
from app.logic.kit.errors import FieldError, ValidationError
from app.logic.kit.permissions import require
from app.logic.kit.service import RecordService

UNCHANGED: Any = ""


def department_row(uow: UnitOfWork, dept: Department) -> DepartmentRow:
    names = uow.get(UserRepository).names([dept.manager_id])
    return DepartmentRow(dept.id, dept.name, dept.manager_id,
                         names.get(dept.manager_id or 0, ""),
                         uow.get(DepartmentRepository).member_count(dept.id), dept.version)


class DepartmentService(RecordService):
    entity = DEPARTMENT
    repository = DepartmentRepository

    def list_departments(self, actor: Actor) -> list[DepartmentRow]:
        require(actor, "admin", "view")
        with self._open(actor, write=False) as uow:
            return [department_row(uow, d) for d in uow.get(DepartmentRepository).all()]

    def create_department(self, actor: Actor, name: str, manager_id: int | None = None
                          ) -> Changed:
        return self.create(actor, {"name": name, "manager": manager_id})

    def update_department(self, actor: Actor, department_id: int, expected_version: int,
                          name: str | None = None, manager_id: int | str | None = UNCHANGED
                          ) -> Changed:
        """Rename or change the manager ("" leaves the manager as it is)."""
        changes: dict[str, Any] = {}
        if name is not None:
            changes["name"] = name
        if manager_id != UNCHANGED:
            changes["manager"] = manager_id
        return self.update(actor, department_id, expected_version, changes)

    def delete_department(self, actor: Actor, department_id: int, expected_version: int
                          ) -> Changed:
        return self.delete(actor, department_id, expected_version)

    def check(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
              record: Any | None) -> None:
        name = values.get("name")
        if name is not None:
            other = uow.get(DepartmentRepository).by_name(name)
            if other is not None and (record is None or other.id != record.id):
                raise ValidationError({"name": FieldError("duplicate_name", "is already used")})

    def check_delete(self, uow: UnitOfWork, actor: Actor, record: Any) -> None:
        if uow.get(DepartmentRepository).member_count(record.id):
            raise ValidationError({"department": FieldError(
                "in_use", "still has members; move them first")})
