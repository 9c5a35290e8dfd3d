"""The logic packages of the modules listed in ``app.modules``, loaded by name.

Each module's logic package defines ``MODULE``: its services (by the attribute name the
front ends use: ``services.customers``) and its entities (for the generic CLI verbs, lists,
forms and exports).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from app.logic.kit.entity import Entity


@dataclass(frozen=True)
class LogicModule:
    name: str
    services: Mapping[str, type[Any]] = field(default_factory=dict)
    entities: tuple[Entity, ...] = ()


@cache
def load_modules() -> tuple[LogicModule, ...]:
    from app.modules import packages

    return tuple(package.MODULE for package in packages("app.logic"))


def entities() -> dict[str, Entity]:
    """Every registered entity by name ("customer", "contact", "user"...)."""
    return {e.name: e for m in load_modules() for e in m.entities}
