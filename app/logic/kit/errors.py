"""Domain errors. The UI turns each into one consistent dialog; the CLI into an exit code.

The database failing under a use case (a refused login, an unreachable server, a file
another program holds locked) is the data layer's ``DatabaseUnavailable``; it is named here
too, so that the screens, which never import ``app.data``, can tell it apart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.data.failures import DatabaseBusy as DatabaseBusy
from app.data.failures import DatabaseLoginRefused as DatabaseLoginRefused
from app.data.failures import DatabaseUnavailable as DatabaseUnavailable


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
    ``--allow-duplicate``, the form's "Save anyway".

    ``matches`` are the records the actor may see. Of those outside the actor's scope only
    ``hidden_fields`` is told: which of the values (phone, tax id) another record shares,
    never its code, name or owner."""

    def __init__(self, matches: Sequence[Any], entity: Any = None,
                 hidden_fields: Sequence[str] = ()) -> None:
        self.matches = list(matches)
        self.entity = entity
        self.hidden_fields = tuple(hidden_fields)
        parts = []
        if self.matches:
            parts.append("possible duplicate of "
                         + ", ".join(f"{m.code} {m.name}" for m in self.matches[:5]))
        if self.hidden_fields:
            parts.append(self.hidden_text())
        super().__init__("; ".join(parts) + "; confirm to save anyway (--allow-duplicate)")

    def hidden_text(self) -> str:
        """"a customer with this phone already exists that you cannot see; ask your
        manager" (the desktop says it in the user's language from the same parts)."""
        if not self.hidden_fields:
            return ""
        noun = self.entity.label.en.lower() if self.entity is not None else "record"
        fields = " and ".join(self.entity.field(n).label.en.lower()
                              if self.entity is not None else n for n in self.hidden_fields)
        return (f"a {noun} with this {fields} already exists that you cannot see; "
                "ask your manager")
