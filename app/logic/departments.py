"""Departments (sales teams) with a manager; a manager's team scope covers its members."""

from __future__ import annotations

from app.data.models import Department
from app.data.uow import UnitOfWork
from app.logic.base import Service
from app.logic.conversions import conflict_of
from app.logic.dto import Actor, Changed, DepartmentRow
from app.logic.errors import FieldError, NotFound, ValidationError
from app.logic.permissions import require
from app.logic.validation import Checker


def _row(uow: UnitOfWork, dept: Department) -> DepartmentRow:
    names = uow.users.names([dept.manager_id])
    return DepartmentRow(dept.id, dept.name, dept.manager_id, names.get(dept.manager_id or 0, ""),
                         uow.departments.member_count(dept.id), dept.version)


def _clean_name(value: str) -> str:
    c = Checker()
    name = c.text("name", value, 100, required=True)
    if c.errors:
        raise ValidationError(c.errors)
    return name


class DepartmentService(Service):
    def list_departments(self, actor: Actor) -> list[DepartmentRow]:
        require(actor, "admin", "view")
        with self._open(actor, write=False) as uow:
            return [_row(uow, d) for d in uow.departments.all()]

    def create_department(self, actor: Actor, name: str, manager_id: int | None = None
                          ) -> DepartmentRow:
        require(actor, "admin", "create")
        name = _clean_name(name)
        with self._open(actor) as uow:
            if uow.departments.by_name(name) is not None:
                raise ValidationError({"name": FieldError("duplicate_name", "is already used")})
            self._check_manager(uow, manager_id)
            dept = Department(name=name, manager_id=manager_id, created_by=actor.user_id,
                              updated_by=actor.user_id)
            uow.departments.add(dept)
            uow.flush()
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="create",
                             entity_type="department", entity_id=dept.id,
                             changes={"name": [None, name], "manager_id": [None, manager_id]})
            uow.commit()
            return _row(uow, dept)

    def update_department(self, actor: Actor, department_id: int, expected_version: int,
                          name: str | None = None, manager_id: int | str | None = ""
                          ) -> DepartmentRow:
        """Rename or change the manager ("" leaves the manager as it is)."""
        require(actor, "admin", "edit")
        with self._open(actor) as uow:
            dept = self._load(uow, department_id, expected_version)
            changes: dict[str, list] = {}
            if name is not None and _clean_name(name) != dept.name:
                clean = _clean_name(name)
                other = uow.departments.by_name(clean)
                if other is not None and other.id != dept.id:
                    raise ValidationError({"name": FieldError("duplicate_name",
                                                              "is already used")})
                changes["name"] = [dept.name, clean]
                dept.name = clean
            if manager_id != "" and manager_id != dept.manager_id:
                self._check_manager(uow, manager_id)  # type: ignore[arg-type]
                changes["manager_id"] = [dept.manager_id, manager_id]
                dept.manager_id = manager_id  # type: ignore[assignment]
            if changes:
                dept.updated_by = actor.user_id
                uow.flush()
                uow.audit.append(user_id=actor.user_id, username=actor.username,
                                 action="update", entity_type="department", entity_id=dept.id,
                                 changes=changes)
                uow.commit()
            return _row(uow, dept)

    def delete_department(self, actor: Actor, department_id: int, expected_version: int
                          ) -> Changed:
        require(actor, "admin", "delete")
        with self._open(actor) as uow:
            dept = self._load(uow, department_id, expected_version)
            if uow.departments.member_count(dept.id):
                raise ValidationError({"department": FieldError(
                    "in_use", "still has members; move them first")})
            uow.departments.delete(dept)
            uow.flush()
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="delete",
                             entity_type="department", entity_id=department_id,
                             changes={"name": [dept.name, None]})
            uow.commit()
            return Changed("department", (department_id,))

    @staticmethod
    def _load(uow: UnitOfWork, department_id: int, expected_version: int) -> Department:
        dept = uow.departments.get(department_id)
        if dept is None:
            raise NotFound("department", department_id)
        if dept.version != expected_version:
            raise conflict_of(uow, "department", dept.name, dept, expected_version)
        return dept

    @staticmethod
    def _check_manager(uow: UnitOfWork, manager_id: int | None) -> None:
        if manager_id is not None and uow.users.get(manager_id) is None:
            raise ValidationError({"manager_id": FieldError("unknown_user", "is not a user")})
