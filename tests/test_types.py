"""Type checking is part of the test command: mypy over app/ (strict for logic and data)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IGNORE = re.compile(r"#\s*type:\s*ignore(?P<rest>.*)$")


def test_mypy_finds_nothing() -> None:
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    assert mypy, "mypy is not installed in the test environment"
    result = subprocess.run([mypy, "--no-incremental"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_type_ignore_names_its_code_and_reason() -> None:
    """``# type: ignore[code]  # why``: never a bare ignore, never one without a reason."""
    bare = []
    paths = [*ROOT.joinpath("app").rglob("*.py"), *ROOT.joinpath("tools").rglob("*.py")]
    for path in sorted(paths):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = IGNORE.search(line)
            if found and not re.match(r"\[[a-z, -]+\]\s+#\s*\S", found.group("rest")):
                bare.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not bare, "type: ignore without a code and a reason:\n" + "\n".join(bare)
