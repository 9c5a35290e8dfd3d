"""Roles on the kit's write path: the permission matrix (module x action), the record
scope per module, and whether members may own customers (a sales role)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from app.data.admin import Role, RoleRepository
from app.data.kit.uow import UnitOfWork
from app.logic.admin.dto import RoleDetail
from app.logic.admin.fields import ADMIN_ROLE, ROLE
from app.logic.kit.clock import now
from app.logic.kit.dto import Actor, Changed
from app.logic.kit.errors import FieldError, NotFound, ValidationError
from app.logic.kit.permissions import MODULES, SCOPES, is_right, require
from app.logic.kit.service import RecordService

ADMIN_RIGHTS = frozenset(("admin", a) for a in ("view", "create", "edit", "delete"))


def role_detail(uow: UnitOfWork, role: Role) -> RoleDetail:
    return RoleDetail(id=role.id, code=role.code, name=role.name, description=role.description,
                      rights=frozenset((p.module, p.action) for p in role.permissions),
                      scopes=tuple(sorted((s.module, s.scope) for s in role.scopes)),
                      members=uow.get(RoleRepository).member_count(role.id),
                      version=role.version, sales=bool(role.sales))


def _check_matrix(rights: Iterable[tuple[str, str]], scopes: Mapping[str, str]
                  ) -> tuple[set[tuple[str, str]], dict[str, str]]:
    rights = set(rights)
    bad = [f"{m}.{a}" for m, a in rights if not is_right(m, a)]
    if bad:
        raise ValidationError({"rights": FieldError("unknown_right",
                                                    f"unknown: {', '.join(sorted(bad))}")})
    wrong = [m for m, s in scopes.items() if m not in MODULES or s not in SCOPES]
    if wrong:
        raise ValidationError({"scopes": FieldError("invalid_scope",
                                                    f"invalid scope for {', '.join(wrong)}")})
    return rights, {m: scopes.get(m, "all") for m in MODULES}


class RoleService(RecordService):
    entity = ROLE
    repository = RoleRepository

    def list_roles(self, actor: Actor) -> list[RoleDetail]:
        require(actor, "admin", "view")
        with self._open(actor, write=False) as uow:
            return [role_detail(uow, r) for r in uow.get(RoleRepository).all()]

    def get_role(self, actor: Actor, code: str) -> RoleDetail:
        require(actor, "admin", "view")
        with self._open(actor, write=False) as uow:
            role = uow.get(RoleRepository).by_code(code)
            if role is None:
                raise NotFound("role", code)
            return role_detail(uow, role)

    def create_role(self, actor: Actor, code: str, name: str, description: str = "",
                    copy_from: str | None = None, sales: bool | None = None) -> Changed:
        """A new role, empty or a copy of another role's rights and scopes; ``sales``
        (members may own customers) None: as the copied role, else no."""
        require(actor, "admin", "create")
        code = code.strip().lower()
        if not code or not all(ch.isalnum() or ch == "_" for ch in code):
            raise ValidationError({"code": FieldError("invalid_code",
                                                      "may use letters, digits and _")})

        def build(uow: UnitOfWork, role: Any) -> dict[str, list[Any]]:
            roles = uow.get(RoleRepository)
            rights: set[tuple[str, str]] = set()
            scopes: dict[str, str] = dict.fromkeys(MODULES, "own")
            if copy_from:
                source = roles.by_code(copy_from)
                if source is None:
                    raise NotFound("role", copy_from)
                rights = {(p.module, p.action) for p in source.permissions}
                scopes = {s.module: s.scope for s in source.scopes}
                if sales is None:
                    role.sales = bool(source.sales)
            roles.set_matrix(role, rights, scopes, MODULES)
            more: dict[str, list[Any]] = {"copy_from": [None, copy_from],
                                          "rights": [None, sorted(f"{m}.{a}" for m, a in rights)]}
            if role.sales and sales is None:
                more["sales"] = [None, True]
            return more

        return self._create(actor, {"code": code, "name": name, "description": description,
                                    "sales": bool(sales)}, build=build)

    def update_role(self, actor: Actor, code: str, expected_version: int,
                    name: str | None = None, description: str | None = None,
                    rights: Iterable[tuple[str, str]] | None = None,
                    scopes: Mapping[str, str] | None = None,
                    sales: bool | None = None) -> Changed:
        given = {k: v for k, v in (("name", name), ("description", description),
                                   ("sales", sales)) if v is not None}
        clean = ROLE.normalise(given)

        def edit(uow: UnitOfWork, role: Any) -> dict[str, list[Any]] | None:
            before = role_detail(uow, role)
            new_rights, new_scopes = _check_matrix(
                before.rights if rights is None else rights,
                dict(before.scopes) if scopes is None else scopes)
            if role.code == ADMIN_ROLE and not new_rights >= ADMIN_RIGHTS:
                raise ValidationError({"rights": FieldError(
                    "last_admin", "the Administrator role must keep the admin rights")})
            changes = _role_changes(before, clean, new_rights, new_scopes)
            if not changes:
                return None
            for field in ("name", "description", "sales"):
                if field in changes:
                    setattr(role, field, clean[field])
            uow.get(RoleRepository).set_matrix(role, new_rights, new_scopes, MODULES)
            # The matrix lives in child rows: touching the role gives it a new version.
            self._repo(uow).touch(role, actor.user_id, now())
            return changes

        return self._change(actor, self.id_of(actor, code), expected_version, "edit",
                            "update", edit)

    def delete_role(self, actor: Actor, code: str, expected_version: int) -> Changed:
        return self.delete(actor, self.id_of(actor, code), expected_version)

    def check_delete(self, uow: UnitOfWork, actor: Actor, record: Any) -> None:
        if record.code == ADMIN_ROLE or uow.get(RoleRepository).member_count(record.id):
            raise ValidationError({"role": FieldError(
                "in_use", "is in use (or is the Administrator role) and cannot be deleted")})

    def _audit(self, uow: UnitOfWork, actor: Actor, action: str, record: Any,
               changes: Mapping[str, Any], entity_id: object = None) -> Any:
        """Roles are known by their code in the audit log."""
        return super()._audit(uow, actor, action, record, changes, entity_id=record.code)


def _role_changes(before: RoleDetail, clean: Mapping[str, Any],
                  rights: set[tuple[str, str]], scopes: Mapping[str, str]
                  ) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for field, old in (("name", before.name), ("description", before.description),
                       ("sales", before.sales)):
        if field in clean and clean[field] != old:
            changes[field] = [old, clean[field]]
    added = sorted(f"{m}.{a}" for m, a in rights - before.rights)
    removed = sorted(f"{m}.{a}" for m, a in before.rights - rights)
    if added or removed:
        changes["rights"] = [removed, added]
    old_scopes = dict(before.scopes)
    moved = {m: [old_scopes.get(m), s] for m, s in scopes.items() if old_scopes.get(m) != s}
    if moved:
        changes["scopes"] = [{m: v[0] for m, v in moved.items()},
                             {m: v[1] for m, v in moved.items()}]
    return changes
