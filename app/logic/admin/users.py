"""User administration on the kit's write path: add, edit, disable, enable, delete,
reset password, unlock. Roles and passwords are not fields: each use case sets them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from app.data.admin import RoleRepository, User, UserRepository
from app.data.kit.search import sort_key
from app.data.kit.uow import UnitOfWork
from app.logic.admin.auth import check_username
from app.logic.admin.dto import UserRow
from app.logic.admin.fields import ADMIN_ROLE, USER, role_name
from app.logic.admin.passwords import check_password_policy, hash_password
from app.logic.admin.settings import read_security_settings
from app.logic.kit.clock import now
from app.logic.kit.dto import Actor, Changed, ListQuery
from app.logic.kit.errors import FieldError, InvalidQuery, NotFound, ValidationError
from app.logic.kit.fields import Ref
from app.logic.kit.permissions import require
from app.logic.kit.service import RecordService
from app.logic.kit.validation import check_search

UNCHANGED: Any = ""  # update_user's "leave the department as it is"


def user_row(user: User, departments: dict[int, str] | None = None) -> UserRow:
    locked = user.locked_until is not None and user.locked_until > now()
    return UserRow(user.id, user.username, user.display_name, user.is_active, user.version,
                   department_id=user.department_id,
                   department=(departments or {}).get(user.department_id or 0, ""),
                   roles=user.role_codes, locked=locked,
                   must_change_password=user.must_change_password,
                   last_login_at=user.last_login_at,
                   locked_until=user.locked_until if locked else None)


class UserService(RecordService):
    entity = USER
    repository = UserRepository

    def list_all_users(self, actor: Actor) -> list[UserRow]:
        require(actor, "admin", "view")
        with self._open(actor, write=False) as uow:
            names = {d.id: d.name for d in _departments(uow)}
            return [user_row(u, names) for u in uow.get(UserRepository).list_all()]

    def rows(self, actor: Actor, query: ListQuery, columns: Sequence[str] | None = None,
             batch: int = 2000, language: str = "en") -> Iterator[Any]:
        """The users list (a company has tens or hundreds): filtered, searched and sorted
        here, role names in the user's language."""
        require(actor, "admin", "view")
        text = check_search(query.search).casefold()
        # Checked like every list's: an unknown filter or sort is a usage error.
        filters = {n: USER.filter_value(n, v) for n, v in query.filters}
        sort = USER.sort_value(query.sort)
        with self._open(actor, write=False) as uow:
            names = {d.id: d.name for d in _departments(uow)}
            department = filters.get("department")
            if isinstance(department, str):  # by name: --filter department=销售一部
                department = next((i for i, n in names.items() if n == department), None)
                if department is None:
                    raise InvalidQuery(f"department: there is no department "
                                       f"{filters['department']!r}")
            users = [u for u in uow.get(UserRepository).list_all()
                     if (not text or text in f"{u.username} {u.display_name}".casefold())
                     and (department is None or u.department_id == department)]
            made = [self._row(u, names, language) for u in users]
        made.sort(key=lambda r: sort_key(str(getattr(r, sort) or "")),
                  reverse=query.descending)
        yield from made

    @staticmethod
    def _row(user: User, departments: dict[int, str], language: str) -> Any:
        dept = user.department_id
        locked = user.locked_until is not None and user.locked_until > now()
        return USER.row_type(
            id=user.id, version=user.version, username=user.username,
            display_name=user.display_name,
            department=None if dept is None else Ref(dept, departments.get(dept, ""),
                                                      departments.get(dept, "")),
            roles=", ".join(role_name(r.code, r.name, language) for r in user.roles),
            is_active=user.is_active,
            locked_until=user.locked_until if locked else None,  # an old lock has ended
            must_change_password=user.must_change_password,
            last_login_at=user.last_login_at)

    # --- writes -----------------------------------------------------------------------
    def add_user(self, actor: Actor, username: str, password: str, display_name: str = "",
                 roles: Sequence[str] = (), department_id: int | str | None = None
                 ) -> Changed:
        """A new user whose initial ``password`` must be changed at the first sign-in;
        ``department_id``: an id or a department's name."""
        require(actor, "admin", "create")
        name = check_username(username)
        values = {"username": name, "display_name": display_name or name,
                  "department": department_id}

        def build(uow: UnitOfWork, user: Any) -> dict[str, list[Any]]:
            if uow.get(UserRepository).by_username(name) is not None:
                raise ValidationError({"username": FieldError("duplicate_username",
                                                              "is already taken")})
            check_password_policy(password, read_security_settings(uow).password_min_length,
                                  name)
            user.password_hash = hash_password(password)
            user.must_change_password = True
            user.roles = _roles(uow, roles)
            return {"roles": [None, sorted(r.code for r in user.roles)]}

        return self._create(actor, values, build=build)

    def update_user(self, actor: Actor, user_id: int, expected_version: int,
                    display_name: str | None = None, roles: Sequence[str] | None = None,
                    department_id: int | str | None = UNCHANGED) -> Changed:
        """Change a user's display name, roles or department ("" leaves it as it is)."""
        changes: dict[str, Any] = {}
        if display_name is not None:
            changes["display_name"] = display_name
        if department_id != UNCHANGED:
            changes["department"] = department_id
        clean = USER.normalise(changes)

        def edit(uow: UnitOfWork, user: Any) -> dict[str, list[Any]] | None:
            resolved = self._resolve(uow, actor, clean, user)
            done: dict[str, list[Any]] = {}
            if "display_name" in resolved and resolved["display_name"] != user.display_name:
                if not resolved["display_name"]:
                    raise ValidationError({"display_name": FieldError("required",
                                                                      "is required")})
                done["display_name"] = [user.display_name, resolved["display_name"]]
                user.display_name = resolved["display_name"]
            if "department" in resolved and resolved["department"] != user.department_id:
                done["department"] = [user.department_id, resolved["department"]]
                user.department_id = resolved["department"]
            if roles is not None:
                new_roles = _roles(uow, roles)
                before, after = sorted(user.role_codes), sorted(r.code for r in new_roles)
                if before != after:
                    if ADMIN_ROLE in before and ADMIN_ROLE not in after:
                        _keep_an_admin(uow, user)
                    user.roles = new_roles
                    done["roles"] = [before, after]
            if done:
                # Touched, not only updated_by set: a change of roles alone (rows of
                # user_roles) by whoever changed the user last left the users row as it was,
                # so its version stayed and a stale copy was accepted again.
                self._repo(uow).touch(user, actor.user_id, now())
            return done

        return self._change(actor, user_id, expected_version, "edit", "update", edit)

    def disable_user(self, actor: Actor, user_id: int, expected_version: int) -> Changed:
        def edit(uow: UnitOfWork, user: Any) -> dict[str, list[Any]] | None:
            if not user.is_active:
                return None
            if user.id == actor.user_id:
                raise ValidationError({"user": FieldError("self",
                                                          "you cannot disable yourself")})
            _keep_an_admin(uow, user)
            user.is_active = False
            user.updated_by = actor.user_id
            return {"is_active": [True, False]}

        return self._change(actor, user_id, expected_version, "edit", "disable", edit)

    def enable_user(self, actor: Actor, user_id: int, expected_version: int) -> Changed:
        def edit(uow: UnitOfWork, user: Any) -> dict[str, list[Any]] | None:
            if user.is_active:
                return None
            user.is_active = True
            user.updated_by = actor.user_id
            return {"is_active": [False, True]}

        return self._change(actor, user_id, expected_version, "edit", "enable", edit)

    def delete_user(self, actor: Actor, user_id: int, expected_version: int) -> Changed:
        """Delete a user who never wrote anything; anyone else can only be disabled."""
        return self.delete(actor, user_id, expected_version)

    def check_delete(self, uow: UnitOfWork, actor: Actor, record: Any) -> None:
        if record.id == actor.user_id:
            raise ValidationError({"user": FieldError("self", "you cannot delete yourself")})
        _keep_an_admin(uow, record)
        if uow.get(UserRepository).has_history(record.id):
            raise ValidationError({"user": FieldError(
                "has_history", "has written records or owns customers; disable instead")})

    def values_of(self, repo: Any, record: Any) -> dict[str, Any]:
        values = super().values_of(repo, record)
        values["roles"] = sorted(record.role_codes)
        return values

    def reset_password(self, actor: Actor, user_id: int, expected_version: int,
                       temporary_password: str) -> Changed:
        """Set a temporary password that must be changed at the next sign-in."""
        def edit(uow: UnitOfWork, user: Any) -> dict[str, list[Any]] | None:
            check_password_policy(temporary_password,
                                  read_security_settings(uow).password_min_length,
                                  user.username)
            user.password_hash = hash_password(temporary_password)
            before = user.must_change_password
            user.must_change_password = True
            user.password_changed_at = now()
            user.updated_by = actor.user_id
            return {"must_change_password": [before, True]}

        return self._change(actor, user_id, expected_version, "edit", "reset_password", edit)

    def unlock_user(self, actor: Actor, user_id: int, expected_version: int | None = None
                    ) -> Changed:
        """Clear a lockout (the sign-in counter); ``expected_version`` None: as it is now."""
        if expected_version is None:
            expected_version = self._version(actor, user_id)

        def edit(uow: UnitOfWork, user: Any) -> dict[str, list[Any]] | None:
            before = user.locked_until
            if before is None and not user.failed_logins:
                return None
            user.locked_until = None
            user.failed_logins = 0
            user.updated_by = actor.user_id
            return {"locked_until": [before.isoformat() if before else None, None]}

        return self._change(actor, user_id, expected_version, "edit", "unlock", edit)

    def _version(self, actor: Actor, user_id: int) -> int:
        require(actor, "admin", "view")
        with self._open(actor, write=False) as uow:
            user = uow.get(UserRepository).get(user_id)
            if user is None:
                raise NotFound("user", user_id)
            return int(user.version)


def _departments(uow: UnitOfWork) -> list[Any]:
    from app.data.admin import DepartmentRepository

    return list(uow.get(DepartmentRepository).all())


def _roles(uow: UnitOfWork, codes: Sequence[str]) -> list[Any]:
    found = uow.get(RoleRepository).by_codes(list(dict.fromkeys(codes)))
    missing = set(codes) - {r.code for r in found}
    if missing:
        raise ValidationError({"roles": FieldError("unknown_role",
                                                   f"unknown role: {', '.join(sorted(missing))}")})
    return found


def _keep_an_admin(uow: UnitOfWork, user: Any) -> None:
    """The last active administrator cannot be disabled, deleted or lose the admin role."""
    admins = uow.get(RoleRepository).active_users_with(ADMIN_ROLE)
    if user.is_active and admins == [user.id]:
        raise ValidationError({"roles": FieldError(
            "last_admin", "is the last active administrator; add another one first")})
