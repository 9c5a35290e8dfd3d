"""Domain errors. The UI turns each into one consistent dialog; the CLI into an exit code."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any


class KehuError(Exception):
    """Base of every error the logic layer raises on purpose."""

    exit_code = 1


@dataclass(frozen=True)
class FieldError:
    """One field's problem: a stable ``code`` the UI translates, and an English message."""

    code: str
    message: str


class ValidationError(KehuError):
    def __init__(self, errors: Mapping[str, FieldError]) -> None:
        self.errors = dict(errors)
        text = "; ".join(f"{field}: {err.message}" for field, err in self.errors.items())
        super().__init__(text or "invalid input")


class InvalidQuery(KehuError):
    """A list asked for with an unknown filter, filter value or sort: a usage error."""

    exit_code = 2


class InvalidSearch(InvalidQuery):
    """A list's search refused before the database sees it: longer than ``max_chars``
    characters (``code`` "too_long") or ``max_terms`` words ("too_many_terms"), or with a
    control character or lone surrogate ("control_chars"). ``found`` says how long it was."""

    def __init__(self, code: str, max_chars: int, max_terms: int, found: str = "") -> None:
        self.code = code
        self.max_chars = max_chars
        self.max_terms = max_terms
        if code == "control_chars":
            text = "a search must not contain control characters"
        else:
            text = (f"a search may have at most {max_chars} characters and {max_terms} "
                    f"words; this one has {found}")
        super().__init__(text)


class NotFound(KehuError):
    def __init__(self, entity: str, key: object) -> None:
        self.entity = entity
        self.key = key
        super().__init__(f"{entity} {key} not found")


class PermissionDenied(KehuError):
    exit_code = 3

    def __init__(self, module: str, action: str, message: str | None = None) -> None:
        self.module = module
        self.action = action
        super().__init__(message or f"permission denied: you need the right {module}.{action}")


class AuthenticationFailed(KehuError):
    """Signing in failed, or the account can no longer act. ``reason`` is "locked" (with
    ``until``) when a locked account gave the right password; "" otherwise."""

    exit_code = 3

    def __init__(self, message: str = "invalid username or password", reason: str = "",
                 until: datetime | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.until = until


class ConflictError(KehuError):
    """The record changed since the caller read it; nothing was written."""

    exit_code = 4

    def __init__(self, entity: str, key: object, expected_version: int, current_version: int,
                 changed_by: str, changed_at: datetime | None,
                 theirs: Mapping[str, Any] | None = None) -> None:
        self.entity = entity
        self.key = key
        self.expected_version = expected_version
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.theirs = dict(theirs or {})
        when = changed_at.isoformat(timespec="seconds") if changed_at else "unknown time"
        super().__init__(
            f"{entity} {key} was changed by {changed_by} at {when} "
            f"(version {current_version}, you had {expected_version}); nothing was saved"
        )


class PossibleDuplicate(KehuError):
    """Another record has the same name, tax id or phone. The caller decides: the CLI's
    ``--allow-duplicate``, the form's "Save anyway"."""

    def __init__(self, matches: Sequence[Any]) -> None:
        self.matches = list(matches)
        names = ", ".join(f"{m.code} {m.name}" for m in self.matches[:5])
        super().__init__(f"possible duplicate of {names}; confirm to save anyway "
                         "(--allow-duplicate)")
