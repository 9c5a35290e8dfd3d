"""Import-linter contract types of our own (configured in pyproject.toml).

``module_api``: in each layer (``containers``), every child package that is not shared
(``shared``: the kits, the shell) is a module. Nothing outside a module may import what
is inside it, only the module package itself (its ``__init__``: the module's public API):
orders use ``app.logic.customers``, never ``app.logic.customers.service``. The shared
packages may not import modules at all (the kit serves modules; it does not know them).
New modules are covered without touching the configuration.
"""

from __future__ import annotations

from typing import Any

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


class ModuleApiContract(Contract):
    type_name = "module_api"

    containers = fields.ListField(subfield=fields.StringField())
    shared = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        shared = set(self.shared)  # type: ignore[call-overload]  # a field, a list at run time
        problems: list[dict[str, Any]] = []
        for container in self.containers:  # type: ignore[attr-defined]  # a field, a list
            children = graph.find_children(container)
            modules = {c for c in children if graph.find_children(c)
                       and c.rsplit(".", 1)[1] not in shared}
            kits = {c for c in children if c.rsplit(".", 1)[1] in shared}
            for module in sorted(modules):
                inside = {module, *graph.find_descendants(module)}
                for internal in sorted(inside - {module}):
                    for importer in sorted(graph.find_modules_that_directly_import(internal)
                                           - inside):
                        problems.append(self._problem(graph, importer, internal,
                                                      f"reaches into {module}"))
            for kit in sorted(kits):
                within = {kit, *graph.find_descendants(kit)}
                for importer in sorted(within):
                    for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                        owner = next((m for m in modules if imported == m
                                      or imported.startswith(m + ".")), None)
                        if owner is not None:
                            problems.append(self._problem(graph, importer, imported,
                                                          f"the shared {kit} imports a "
                                                          f"module ({owner})"))
        return ContractCheck(kept=not problems, metadata={"problems": problems})

    @staticmethod
    def _problem(graph: ImportGraph, importer: str, imported: str, why: str
                 ) -> dict[str, Any]:
        lines = [d["line_number"] for d in graph.get_import_details(importer=importer,
                                                                    imported=imported)]
        return {"importer": importer, "imported": imported, "why": why, "lines": lines}

    def render_broken_contract(self, check: ContractCheck) -> None:
        for problem in check.metadata["problems"]:
            lines = ", ".join(str(n) for n in problem["lines"])
            output.print_error(f"{problem['importer']} -> {problem['imported']} "
                               f"(l.{lines}): {problem['why']}", bold=False)
            output.new_line()
