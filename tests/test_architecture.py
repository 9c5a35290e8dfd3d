"""The architecture and code style are part of the test command."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is not installed in the test environment"
    return found


def test_layer_contract_holds() -> None:
    """ui -> logic -> data; only app.data touches SQLAlchemy; logic and data never touch Qt;
    modules use each other through their public API (every contract in pyproject.toml)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = len(config["tool"]["importlinter"]["contracts"])
    result = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {contracts} kept, 0 broken" in result.stdout


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([_tool("ruff"), "check", "--no-cache", "."], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the logic layer never touches a SQLAlchemy session --------------------------------------
# import-linter sees imports only: ``uow.session.execute(...)`` in a service imports nothing,
# yet it is SQL in the logic layer. Logic asks repositories and queries of the data layer
# (``uow.get(CustomerRepository)``), which own the session.
def session_uses(source: str, filename: str = "<source>") -> Iterator[str]:
    """Where ``source`` touches a session: ``.session``, a name or attribute ``Session``,
    any import of sqlalchemy. Each as "line: what"."""
    for node in ast.walk(ast.parse(source, filename)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Attribute) and node.attr in ("session", "Session"):
            yield f"{line}: .{node.attr}"
        elif isinstance(node, ast.Name) and node.id == "Session":
            yield f"{line}: Session"
        elif isinstance(node, ast.Import):
            yield from (f"{line}: import {a.name}" for a in node.names
                        if a.name.split(".")[0] == "sqlalchemy")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                and node.module.split(".")[0] == "sqlalchemy":
            yield f"{line}: from {node.module} import ..."


def logic_session_uses(root: Path) -> list[str]:
    return [f"{path.relative_to(root).as_posix()}:{use}"
            for path in sorted((root / "app" / "logic").rglob("*.py"))
            for use in session_uses(path.read_text(encoding="utf-8"), str(path))]


def test_no_logic_code_touches_a_sqlalchemy_session() -> None:
    assert logic_session_uses(ROOT) == []


@pytest.mark.parametrize(("line", "found"), [
    ("uow.session.execute(select(Customer))", ".session"),
    ("rows = self._uow().session", ".session"),
    ("def f(s: Session) -> None: ...", "Session"),
    ("s = orm.Session(bind)", ".Session"),
    ("import sqlalchemy", "import sqlalchemy"),
    ("import sqlalchemy.orm as orm", "import sqlalchemy.orm"),
    ("from sqlalchemy import select", "from sqlalchemy import"),
    ("from sqlalchemy.orm import Session", "from sqlalchemy.orm import"),
])
def test_the_session_check_sees_each_way_in(line: str, found: str) -> None:
    assert [use for use in session_uses(line) if found in use]


@pytest.mark.parametrize("line", [
    "uow.get(CustomerRepository).get(1)", "from app.data.kit.uow import UnitOfWork",
    "sessions = 3", "self.session_state(user_id)", "import sqlalchemy_utils_is_not_it",
])
def test_the_session_check_lets_the_rest_be(line: str) -> None:
    assert list(session_uses(line)) == []


def test_a_service_reaching_into_the_session_fails_the_check(tmp_path: Path) -> None:
    """The real tree with one line added to a real service: the check names it."""
    shutil.copytree(ROOT / "app" / "logic", tmp_path / "app" / "logic",
                    ignore=shutil.ignore_patterns("__pycache__"))
    service = tmp_path / "app" / "logic" / "customers" / "service.py"
    service.write_text(service.read_text(encoding="utf-8") + "\n\ndef cities(uow):\n"
                       "    return uow.session.execute(text('SELECT city FROM customers'))\n",
                       encoding="utf-8")
    found = logic_session_uses(tmp_path)
    assert len(found) == 1 and found[0].startswith("app/logic/customers/service.py:")
    assert found[0].endswith(": .session")
