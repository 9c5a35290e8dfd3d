"""The logic packages of the modules listed in ``app.modules``, loaded by name.

Each module's logic package defines ``MODULE``: its services (by the attribute name the
front ends use: ``services.customers``), its entities (for the generic CLI verbs, lists,
forms and exports) and the rights it has beyond the matrix's columns (``actions``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from app.logic.kit.entity import Entity
from app.logic.kit.fields import Label


@dataclass(frozen=True)
class LogicModule:
    name: str  # also the module of its rights (``projects.view``)
    services: Mapping[str, type[Any]] = field(default_factory=dict)
    entities: tuple[Entity, ...] = ()
    # Rights of this module beyond the matrix's columns (view, create, ...), with their
    # words: {"reopen": Label("Reopen", "重新打开")} gives ``projects.reopen``.
    actions: Mapping[str, Label] = field(default_factory=dict)
    # Its services that add to a customer's timeline (app/logic/kit/timeline.py).
    timeline: tuple[str, ...] = ()


@cache
def load_modules() -> tuple[LogicModule, ...]:
    from app.modules import packages

    return tuple(package.MODULE for package in packages("app.logic"))


def entities() -> dict[str, Entity]:
    """Every registered entity by name ("customer", "contact", "user"...)."""
    return {e.name: e for m in load_modules() for e in m.entities}
