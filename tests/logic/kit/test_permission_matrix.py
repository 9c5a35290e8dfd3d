"""Every public service method refuses a user without the right — found by introspection,
so a method added later cannot be forgotten."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from app.logic.audit import AuditFilter
from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.errors import PermissionDenied
from app.logic.kit.export import ExportSpec
from app.logic.kit.permissions import ACTIONS, MODULES, all_rights
from app.logic.services import Services

# Methods that run before anyone is signed in. Each has no ``actor`` parameter, and this
# list is checked against the code: a new method without ``actor`` fails the test below.
BEFORE_SIGN_IN = {"auth.login", "auth.has_users", "auth.security_settings"}
# Methods whose actor is optional: without one they only work on an empty database.
BOOTSTRAP = {"auth.create_admin"}
# The one method a signed-in user needs no right for: changing their own password.
OWN_ACCOUNT = {"auth.change_password"}
# The write path's hooks (app/logic/kit/service.py): a module overrides them, and the kit
# calls them inside a use case that checked the right first. They take what only a use case
# holds (its unit of work, a repository, values already normalised), so they are not use
# cases of their own; test_the_hooks_take_what_only_a_use_case_has keeps it so.
HOOKS = {"check", "check_move", "after_move", "check_delete", "duplicates", "duplicates_many",
         "before_flush",
         "after_write", "scope_owner", "record_scope",
         "children", "child_subjects", "related", "created_changes", "record_of",
         "records_of", "values_of"}
HOOK_INPUTS = ("uow", "repo", "clean")


def public_methods(services: Services, hooks: bool = False
                   ) -> Iterator[tuple[str, Callable[..., Any]]]:
    """The public use cases of every service (with ``hooks``: the write path's hooks)."""
    for service_name, service in services.all().items():
        for name, method in inspect.getmembers(service, inspect.ismethod):
            if not name.startswith("_") and (name in HOOKS) == hooks:
                yield f"{service_name}.{name}", method


def dummy(annotation: Any, name: str) -> Any:
    """Some argument of the right type; the permission check must come before it is used."""
    text = str(annotation)
    for cls in (ListQuery, AuditFilter):
        if cls.__name__ in text:
            return cls()
    if "ExportSpec" in text:
        return ExportSpec(ListQuery(), ())
    if "int" in text and "str" not in text:
        return 1
    if "Mapping" in text or "dict" in text:
        return {"name": "x"}
    if "Iterable" in text or "Sequence" in text:
        return []
    if "bool" in text:
        return False
    if name == "path":
        return "unused.xlsx"
    return "x"


def nobody() -> Actor:
    return Actor(user_id=10**6, username="nobody")


def call_without_rights(method: Callable[..., Any]) -> None:
    signature = inspect.signature(method)
    hints = typing.get_type_hints(method)
    args = []
    for param in signature.parameters.values():
        if param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        if param.name == "actor":
            args.append(nobody())
        elif param.default is inspect.Parameter.empty:
            args.append(dummy(hints.get(param.name), param.name))
    result = method(*args)
    if inspect.isgenerator(result):  # rows() for an export checks when it is read
        next(result, None)


def test_every_public_method_refuses_a_user_without_rights(services: Services) -> None:
    checked = []
    for name, method in public_methods(services):
        if name in BEFORE_SIGN_IN | BOOTSTRAP | OWN_ACCOUNT:
            continue
        with pytest.raises(PermissionDenied):
            call_without_rights(method)
        checked.append(name)
    assert len(checked) >= 35, checked  # all services are really enumerated
    assert "customers.create_customer" in checked and "audit.export_audit_entries" in checked


def test_the_hooks_take_what_only_a_use_case_has(services: Services) -> None:
    found = {name.split(".")[1] for name, _ in public_methods(services, hooks=True)}
    assert found == HOOKS
    for name, method in public_methods(services, hooks=True):
        first = next(iter(inspect.signature(method).parameters))
        assert first in HOOK_INPUTS, name


def test_only_the_listed_methods_work_without_a_signed_in_user(services: Services) -> None:
    without_actor = {name for name, m in public_methods(services)
                     if "actor" not in inspect.signature(m).parameters}
    assert without_actor == BEFORE_SIGN_IN


@pytest.mark.parametrize("module", MODULES)
def test_a_single_right_grants_exactly_that(module: str) -> None:
    for action in ACTIONS:
        actor = Actor(user_id=1, username="u", rights=frozenset({(module, action)}))
        assert actor.can(module, action)
        others = [(m, a) for m in MODULES for a in ACTIONS if (m, a) != (module, action)]
        assert not any(actor.can(m, a) for m, a in others)


def test_default_roles_match_the_product(services: Services, admin: Actor) -> None:
    roles = {r.code: r for r in services.roles.list_roles(admin)}
    assert set(roles) == {"admin", "sales_manager", "salesperson", "finance", "service",
                          "auditor"}
    # Every right, a module's own ones too (projects.reopen, migration 0013).
    assert roles["admin"].rights == all_rights() > {(m, a) for m in MODULES for a in ACTIONS}
    assert ("projects", "reopen") in roles["sales_manager"].rights
    assert ("projects", "reopen") not in roles["salesperson"].rights
    auditor = roles["auditor"]
    assert {a for _, a in auditor.rights} <= {"view", "export"}  # changes nothing
    assert ("audit", "view") in auditor.rights
    assert dict(roles["salesperson"].scopes)["customers"] == "own"
    assert dict(roles["sales_manager"].scopes)["customers"] == "team"
    assert ("sales", "approve") in roles["sales_manager"].rights  # the credit override
    assert not any(m == "admin" for m, _ in roles["salesperson"].rights)
