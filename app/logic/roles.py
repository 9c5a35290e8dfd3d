"""Roles: the permission matrix (module x action) and record scope per module."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.data.models import Role, RolePermission, RoleScope
from app.data.uow import UnitOfWork
from app.logic.base import Service
from app.logic.clock import now
from app.logic.conversions import conflict_of
from app.logic.dto import Actor, Changed, RoleDetail
from app.logic.errors import FieldError, NotFound, ValidationError
from app.logic.permissions import ACTIONS, MODULES, SCOPES, require
from app.logic.validation import Checker

ADMIN_RIGHTS = frozenset(("admin", a) for a in ("view", "create", "edit", "delete"))


def role_detail(uow: UnitOfWork, role: Role) -> RoleDetail:
    return RoleDetail(id=role.id, code=role.code, name=role.name, description=role.description,
                      rights=frozenset((p.module, p.action) for p in role.permissions),
                      scopes=tuple(sorted((s.module, s.scope) for s in role.scopes)),
                      members=uow.roles.member_count(role.id), version=role.version)


def _check_matrix(rights: Iterable[tuple[str, str]], scopes: Mapping[str, str]
                  ) -> tuple[set[tuple[str, str]], dict[str, str]]:
    rights = set(rights)
    bad = [f"{m}.{a}" for m, a in rights if m not in MODULES or a not in ACTIONS]
    if bad:
        raise ValidationError({"rights": FieldError("unknown_right",
                                                    f"unknown: {', '.join(sorted(bad))}")})
    wrong = [m for m, s in scopes.items() if m not in MODULES or s not in SCOPES]
    if wrong:
        raise ValidationError({"scopes": FieldError("invalid_scope",
                                                    f"invalid scope for {', '.join(wrong)}")})
    return rights, {m: scopes.get(m, "all") for m in MODULES}


def _name(value: str, field: str = "name", max_len: int = 100) -> str:
    c = Checker()
    text = c.text(field, value, max_len, required=field == "name")
    if c.errors:
        raise ValidationError(c.errors)
    return text


class RoleService(Service):
    def list_roles(self, actor: Actor) -> list[RoleDetail]:
        require(actor, "admin", "view")
        with self._open(actor, write=False) as uow:
            return [role_detail(uow, r) for r in uow.roles.all()]

    def get_role(self, actor: Actor, code: str) -> RoleDetail:
        require(actor, "admin", "view")
        with self._open(actor, write=False) as uow:
            role = uow.roles.by_code(code)
            if role is None:
                raise NotFound("role", code)
            return role_detail(uow, role)

    def create_role(self, actor: Actor, code: str, name: str, description: str = "",
                    copy_from: str | None = None) -> RoleDetail:
        """A new role, empty or a copy of another role's rights and scopes."""
        require(actor, "admin", "create")
        code = _name(code, "code", 32).lower()
        if not code or not all(ch.isalnum() or ch == "_" for ch in code):
            raise ValidationError({"code": FieldError("invalid_code",
                                                      "may use letters, digits and _")})
        with self._open(actor) as uow:
            if uow.roles.by_code(code) is not None:
                raise ValidationError({"code": FieldError("duplicate_code", "is already used")})
            rights: set[tuple[str, str]] = set()
            scopes: dict[str, str] = dict.fromkeys(MODULES, "own")
            if copy_from:
                source = uow.roles.by_code(copy_from)
                if source is None:
                    raise NotFound("role", copy_from)
                rights = {(p.module, p.action) for p in source.permissions}
                scopes = {s.module: s.scope for s in source.scopes}
            role = Role(code=code, name=_name(name), description=_name(description,
                                                                       "description", 500),
                        created_by=actor.user_id, updated_by=actor.user_id)
            _apply(role, rights, scopes)
            uow.roles.add(role)
            uow.flush()
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="create",
                             entity_type="role", entity_id=role.code,
                             changes={"name": [None, role.name], "copy_from": [None, copy_from],
                                      "rights": [None, sorted(f"{m}.{a}" for m, a in rights)]})
            uow.commit()
            return role_detail(uow, role)

    def update_role(self, actor: Actor, code: str, expected_version: int,
                    name: str | None = None, description: str | None = None,
                    rights: Iterable[tuple[str, str]] | None = None,
                    scopes: Mapping[str, str] | None = None) -> RoleDetail:
        require(actor, "admin", "edit")
        with self._open(actor) as uow:
            role = uow.roles.by_code(code)
            if role is None:
                raise NotFound("role", code)
            if role.version != expected_version:
                raise conflict_of(uow, "role", code, role, expected_version)
            before = role_detail(uow, role)
            new_rights, new_scopes = _check_matrix(
                before.rights if rights is None else rights,
                dict(before.scopes) if scopes is None else scopes)
            if role.code == "admin" and not new_rights >= ADMIN_RIGHTS:
                raise ValidationError({"rights": FieldError(
                    "last_admin", "the Administrator role must keep the admin rights")})
            changes = _role_changes(before, name, description, new_rights, new_scopes)
            if not changes:
                return before
            role.name = _name(name) if name is not None else role.name
            role.description = (_name(description, "description", 500)
                                if description is not None else role.description)
            _apply(role, new_rights, new_scopes)
            role.updated_by = actor.user_id
            role.updated_at = now()  # the matrix lives in child rows: this bumps the version
            uow.flush()
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="update",
                             entity_type="role", entity_id=role.code, changes=changes)
            uow.commit()
            return role_detail(uow, role)

    def delete_role(self, actor: Actor, code: str, expected_version: int) -> Changed:
        require(actor, "admin", "delete")
        with self._open(actor) as uow:
            role = uow.roles.by_code(code)
            if role is None:
                raise NotFound("role", code)
            if role.version != expected_version:
                raise conflict_of(uow, "role", code, role, expected_version)
            if role.code == "admin" or uow.roles.member_count(role.id):
                raise ValidationError({"role": FieldError(
                    "in_use", "is in use (or is the Administrator role) and cannot be deleted")})
            uow.roles.delete(role)
            uow.flush()
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="delete",
                             entity_type="role", entity_id=code, changes={"name": [role.name,
                                                                                  None]})
            uow.commit()
            return Changed("role", (role.id,))


def _apply(role: Role, rights: set[tuple[str, str]], scopes: Mapping[str, str]) -> None:
    current = {(p.module, p.action): p for p in role.permissions}
    role.permissions = [current.get(r) or RolePermission(module=r[0], action=r[1])
                        for r in sorted(rights)]
    existing = {s.module: s for s in role.scopes}
    new_scopes = []
    for module in MODULES:
        row = existing.get(module) or RoleScope(module=module)
        row.scope = scopes.get(module, "own")
        new_scopes.append(row)
    role.scopes = new_scopes


def _role_changes(before: RoleDetail, name: str | None, description: str | None,
                  rights: set[tuple[str, str]], scopes: Mapping[str, str]) -> dict[str, list]:
    changes: dict[str, list] = {}
    if name is not None and name.strip() != before.name:
        changes["name"] = [before.name, name.strip()]
    if description is not None and description.strip() != before.description:
        changes["description"] = [before.description, description.strip()]
    added = sorted(f"{m}.{a}" for m, a in rights - before.rights)
    removed = sorted(f"{m}.{a}" for m, a in before.rights - rights)
    if added or removed:
        changes["rights"] = [removed, added]
    old_scopes = dict(before.scopes)
    diff = {m: [old_scopes.get(m), s] for m, s in scopes.items() if old_scopes.get(m) != s}
    if diff:
        changes["scopes"] = [{m: v[0] for m, v in diff.items()}, {m: v[1] for m, v in diff.items()}]
    return changes
