"""The modules of Kehu, in the order the navigation shows them.

Adding a module: its packages ``app/logic/<name>/``, ``app/data/<name>/``, ``app/ui/<name>/``
(each layer's package is optional) and one line here. docs/architecture.md has the steps.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType

MODULES = (
    "customers",
    "contacts",
    "projects",
    "suppliers",
    "products",
    "activities",
    "feedback",
    "sales",
    "finance",
    "reports",
    "admin",
    "audit",
)


def packages(layer: str) -> Iterator[ModuleType]:
    """The modules' packages in ``layer`` ("app.data", "app.logic", "app.ui", "app.cli"),
    in registry order; a module without a package in that layer is skipped."""
    for name in MODULES:
        try:
            yield importlib.import_module(f"{layer}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{layer}.{name}":
                raise
