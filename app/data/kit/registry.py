"""The data packages of the modules listed in ``app.modules``, loaded by name.

Each module's data package (``app.data.customers``) defines ``DATA``: the references it
offers others (``refs``) and the ports the kit calls (``ports``). Importing the packages also
puts their tables into the shared metadata, which the migrations compare against.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from app.data.kit.refs import RefTarget


@dataclass(frozen=True)
class DataModule:
    name: str
    refs: Mapping[str, RefTarget] = field(default_factory=dict)
    ports: Mapping[str, Callable[[Session], Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class DataRegistry:
    modules: tuple[DataModule, ...]

    @property
    def refs(self) -> dict[str, RefTarget]:
        return {k: v for m in self.modules for k, v in m.refs.items()}

    @property
    def ports(self) -> dict[str, Callable[[Session], Any]]:
        return {k: v for m in self.modules for k, v in m.ports.items()}


@cache
def load_registry() -> DataRegistry:
    """The data packages of every registered module (a module may have none)."""
    from app.modules import packages

    return DataRegistry(tuple(package.DATA for package in packages("app.data")))
