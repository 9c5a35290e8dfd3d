"""Where Kehu's shipped files are (the repository, or inside an installed wheel)."""

from __future__ import annotations

from pathlib import Path

_APP = Path(__file__).resolve().parent


def resources_dir() -> Path:
    for candidate in (_APP.parent / "resources", _APP / "_resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the resources folder is missing from this installation")
