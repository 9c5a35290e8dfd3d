"""Putting values into translated templates."""

from __future__ import annotations

import re


def fill(template: str, *values: object) -> str:
    """Put ``values`` into a translated template's %1, %2 ... in one pass (values may hold %)."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]), template)
