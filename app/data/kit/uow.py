"""Unit of work: one session, one transaction, per use case.

``with uow: ... uow.commit()``; leaving the block without commit rolls everything back,
including the audit entry written with the change. Repositories are built on first use:
``uow.get(CustomerRepository)``; the kit's own are attributes (``uow.audit``,
``uow.refs``, ``uow.settings``) and modules may register named ports the kit calls
(``uow.port("accounts")``).
"""

from __future__ import annotations

import re
from typing import Any, Self, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.data.failures import explain
from app.data.kit.audit import AuditRepository
from app.data.kit.base import Base
from app.data.kit.imports import ImportRepository
from app.data.kit.refs import Refs
from app.data.kit.registry import DataRegistry
from app.data.kit.settings import SettingsStore

R = TypeVar("R")

# How each database names the column or constraint a unique violation is about.
_UNIQUE = re.compile(r"UNIQUE constraint failed: \w+\.(\w+)")  # SQLite
_CONSTRAINT = re.compile(r"""constraint ["']?((?:uq|ix)_\w+)""", re.IGNORECASE)  # the others


class StaleRecord(Exception):
    """Raised on flush/commit when a versioned row changed under us."""


class DuplicateKey(Exception):
    """A unique constraint refused the write; ``column`` names it when the database said."""

    def __init__(self, message: str, column: str = "") -> None:
        super().__init__(message)
        self.column = column


def unique_column(message: str) -> str:
    """The column a unique violation is about: SQLite names it; PostgreSQL and SQL Server
    name the constraint (``uq_settings_groups_name``), which the metadata knows."""
    found = _UNIQUE.search(message)
    if found:
        return found.group(1)
    named = _CONSTRAINT.search(message)
    if named:
        for table in Base.metadata.tables.values():
            for constraint in (*table.constraints, *table.indexes):
                columns = list(getattr(constraint, "columns", ()))
                if getattr(constraint, "name", None) == named.group(1) and columns:
                    return str(columns[0].name)
    return ""


class UnitOfWork:
    session: Session

    def __init__(self, factory: sessionmaker[Session], registry: DataRegistry) -> None:
        self._factory = factory
        self._registry = registry
        self._built: dict[Any, Any] = {}

    def __enter__(self) -> Self:
        self.session = self._factory()
        self._built = {}
        return self

    def __exit__(self, kind: Any, error: BaseException | None, tb: Any) -> None:
        # Closing rolls back whatever was not committed; an explicit rollback first would
        # also restore the session's objects, which are about to be discarded (a read use
        # case spent about a sixth of its overhead there).
        try:
            self.session.close()
        finally:
            self._built = {}
            if error is not None:
                self._explain(error)

    def _explain(self, error: BaseException) -> None:
        """A database that failed under the use case (a refused login, a lost server, a
        file another program holds locked) as DatabaseUnavailable; other errors as they are."""
        bind = self.session.get_bind()
        found = explain(error, bind.engine.url.render_as_string(hide_password=True))
        if found is not None and found is not error:
            raise found from error

    def get(self, kind: type[R]) -> R:
        """The repository or query object ``kind`` on this unit of work's session."""
        found = self._built.get(kind)
        if found is None:
            found = self._built[kind] = kind(self.session)  # type: ignore[call-arg]  # repositories take the session
        return found

    def has_port(self, name: str) -> bool:
        """Whether a registered module offers the port ``name``."""
        return name in self._registry.ports

    def port(self, name: str) -> Any:
        """A named service a module registered for the kit (``accounts``)."""
        found = self._built.get(name)
        if found is None:
            found = self._built[name] = self._registry.ports[name](self.session)
        return found

    @property
    def audit(self) -> AuditRepository:
        return self.get(AuditRepository)

    @property
    def imports(self) -> ImportRepository:
        """What imports wrote (to undo one)."""
        return self.get(ImportRepository)

    @property
    def settings(self) -> SettingsStore:
        return self.get(SettingsStore)

    @property
    def refs(self) -> Refs:
        found = self._built.get(Refs)
        if found is None:
            found = self._built[Refs] = Refs(self.session, self._registry.refs)
        return found

    @property
    def dialect(self) -> str:
        return self.session.get_bind().dialect.name

    def flush(self) -> None:
        self._translate(self.session.flush)

    def commit(self) -> None:
        self._translate(self.session.commit)

    def rollback(self) -> None:
        self.session.rollback()

    def _translate(self, action: Any) -> None:
        try:
            action()
        except StaleDataError as exc:
            self._abandon()
            raise StaleRecord(str(exc)) from exc
        except IntegrityError as exc:
            self._abandon()
            message = str(exc.orig)
            raise DuplicateKey(message, unique_column(message)) from exc

    def _abandon(self) -> None:
        """What a refused write rolls back: the transaction (a savepoint when joined)."""
        self.session.rollback()


class JoinedUnitOfWork(UnitOfWork):
    """A use case inside another's transaction: the services' one write path, run for each
    row of an import, all in the import's single transaction (``Batch``). A writing use
    case is a savepoint: ``commit`` releases it (what it wrote stays, pending the batch's
    commit); leaving without commit, or a refused write, rolls back that use case alone.
    A reading one takes no savepoint. Its audit entries wait in the batch and join the
    chain when the batch commits (one lock, one head move for all); a use case rolled back
    takes its entries with it. Nothing is committed until the batch is."""

    light = True  # the services answer with the record's id, version and key only

    def __init__(self, batch: Batch, write: bool) -> None:
        super().__init__(batch.outer._factory, batch.outer._registry)
        self._batch = batch
        self._write = write

    def __enter__(self) -> Self:
        self.session = self._batch.outer.session
        self._built = {}
        self._entries: list[dict[str, Any]] = []
        self._savepoint = self.session.begin_nested() if self._write else None
        return self

    def __exit__(self, kind: Any, error: BaseException | None, tb: Any) -> None:
        try:
            if self._savepoint is not None and self._savepoint.is_active:
                self._savepoint.rollback()
        finally:
            self._built = {}
            self._entries = []
            if error is not None:
                self._explain(error)

    @property
    def audit(self) -> Any:
        return _Waiting(self._entries)

    def port(self, name: str) -> Any:
        """The batch's answer for the account's state (asked at every use case: the same
        user, the same transaction)."""
        if name == "accounts":
            return self._batch.accounts(super().port(name))
        return super().port(name)

    def commit(self) -> None:
        if self._savepoint is not None:
            self._translate(self._savepoint.commit)
        self._batch.waiting.extend(self._entries)
        self._entries = []

    def rollback(self) -> None:
        if self._savepoint is not None:
            self._savepoint.rollback()
        self._entries = []

    def _abandon(self) -> None:
        if self._savepoint is not None:
            self._savepoint.rollback()


class _Waiting:
    """A use case's audit entries, kept until its batch appends them to the chain."""

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self._entries = entries

    def append(self, **entry: Any) -> None:
        self._entries.append(entry)


class _Accounts:
    """An accounts port whose ``session_state`` is asked once per user in a batch."""

    def __init__(self, real: Any) -> None:
        self._real = real
        self._states: dict[int, Any] = {}

    def session_state(self, user_id: int) -> Any:
        if user_id not in self._states:
            self._states[user_id] = self._real.session_state(user_id)
        return self._states[user_id]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class Batch:
    """One transaction for many use cases: ``with Batch(db.unit_of_work) as batch:``, then
    services built on ``batch.unit_of_work`` write into it (each use case a savepoint),
    and ``batch.commit()`` keeps all of it, their audit entries appended to the chain
    first; leaving without commit keeps none of it."""

    def __init__(self, factory: Any) -> None:
        self._outer: UnitOfWork = factory(write=True)
        self.waiting: list[dict[str, Any]] = []  # audit entries of the use cases kept
        self._accounts: _Accounts | None = None

    def __enter__(self) -> Self:
        self._outer.__enter__()
        return self

    def __exit__(self, kind: Any, error: BaseException | None, tb: Any) -> None:
        self.waiting = []
        self._outer.__exit__(kind, error, tb)

    @property
    def outer(self) -> UnitOfWork:
        """The batch's own unit of work (its summary audit entry, its bookkeeping)."""
        return self._outer

    def unit_of_work(self, write: bool = True) -> UnitOfWork:
        return JoinedUnitOfWork(self, write)

    def accounts(self, real: Any) -> _Accounts:
        if self._accounts is None:
            self._accounts = _Accounts(real)
        return self._accounts

    def step(self) -> Step:
        """A savepoint around several use cases (an import's row: a record made, then
        moved): ``.commit()`` keeps them, ``.rollback()`` undoes them all, their audit
        entries too."""
        return Step(self)

    def append_waiting(self) -> None:
        """The kept use cases' audit entries onto the chain, in their order (before the
        batch's own summary entry)."""
        if self.waiting:
            self._outer.audit.append_many(self.waiting)
            self.waiting = []

    def commit(self) -> None:
        self.append_waiting()
        self._outer.commit()


class Step:
    def __init__(self, batch: Batch) -> None:
        self._batch = batch
        self._mark = len(batch.waiting)
        self._savepoint = batch.outer.session.begin_nested()

    @property
    def is_active(self) -> bool:
        return bool(self._savepoint.is_active)

    def commit(self) -> None:
        self._savepoint.commit()

    def rollback(self) -> None:
        self._savepoint.rollback()
        del self._batch.waiting[self._mark:]
