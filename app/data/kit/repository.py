"""The repository every module's records share: load, create, change, archive, delete.

A module subclasses ``RecordRepository`` for its model and adds what only it needs (the
customers' duplicate look-up, their search keys in ``prepare``). The logic layer calls it
through the unit of work (``uow.get(CustomerRepository)``) and never sees the session.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.data.kit.base import CodeSequence
from app.data.kit.search import sort_key

M = TypeVar("M")


class RecordRepository(Generic[M]):
    model: ClassVar[type[Any]]
    key_attr: ClassVar[str] = "code"
    key_case_insensitive: ClassVar[bool] = False
    sequence: ClassVar[str] = ""  # the CodeSequence of generated keys ("customer")
    # Text attributes sorted by a stored key: pinyin for Chinese, blanks last.
    sort_keys: ClassVar[Mapping[str, str]] = {}

    def __init__(self, session: Session) -> None:
        self.session = session

    def load_options(self) -> list[Any]:
        """Loader options for reading a whole record (e.g. its child rows)."""
        return []

    # --- reading ----------------------------------------------------------------------
    def get(self, record_id: int) -> M | None:
        found: M | None = self.session.get(self.model, record_id,
                                           options=self.load_options())
        return found

    def by_key(self, key: str) -> M | None:
        column = getattr(self.model, self.key_attr)
        condition = (func.lower(column) == key.strip().lower() if self.key_case_insensitive
                     else column == key.strip())
        stmt = select(self.model).options(*self.load_options()).where(condition)
        found: M | None = self.session.execute(stmt).scalar_one_or_none()
        return found

    def by_ids(self, ids: Sequence[int]) -> list[M]:
        if not ids:
            return []
        stmt = select(self.model).where(self.model.id.in_(list(ids)))
        return list(self.session.execute(stmt).scalars())

    def key_exists(self, key: str, exclude_id: int | None = None) -> bool:
        stmt = select(self.model.id).where(getattr(self.model, self.key_attr) == key)
        if exclude_id is not None:
            stmt = stmt.where(self.model.id != exclude_id)
        return self.session.execute(stmt.limit(1)).first() is not None

    def keys_existing(self, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` a record has (as stored), in one query per 500 keys."""
        column = getattr(self.model, self.key_attr)
        found: set[str] = set()
        wanted = list(dict.fromkeys(keys))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            if self.key_case_insensitive:
                lowered = {k.strip().lower(): k for k in chunk}
                found.update(lowered[str(v).lower()] for (v,) in self.session.execute(
                    select(column).where(func.lower(column).in_(list(lowered))))
                    if str(v).lower() in lowered)
            else:
                found.update(str(v) for (v,) in self.session.execute(
                    select(column).where(column.in_(chunk))))
        return found

    def ids_where(self, attr: str, value: Any, limit: int = 10_000) -> list[int]:
        """Ids of the records whose ``attr`` is ``value`` (a customer's contacts)."""
        stmt = select(self.model.id).where(getattr(self.model, attr) == value).limit(limit)
        return [int(r[0]) for r in self.session.execute(stmt)]

    def values(self, record: M, attrs: Sequence[str]) -> dict[str, Any]:
        return {attr: getattr(record, attr) for attr in attrs}

    # --- writing ----------------------------------------------------------------------
    def new(self, values: Mapping[str, Any], user_id: int | None) -> M:
        record = self.model(**values, created_by=user_id, updated_by=user_id)
        self.prepare(record)
        self.session.add(record)
        created: M = record
        return created

    def assign(self, record: M, values: Mapping[str, Any], user_id: int | None) -> None:
        for attr, value in values.items():
            setattr(record, attr, value)
        setattr(record, "updated_by", user_id)  # noqa: B010 - M is any model
        self.prepare(record)

    def touch(self, record: M, user_id: int | None, when: datetime) -> None:
        """Count a change kept in child rows (a role's rights) as a change of the record:
        a new version, so a concurrent edit of the record conflicts."""
        setattr(record, "updated_by", user_id)  # noqa: B010 - M is any model
        setattr(record, "updated_at", when)  # noqa: B010 - M is any model

    def prepare(self, record: M) -> None:
        """Fill derived columns (sort and search keys) before the record is written."""
        for attr, sort_attr in self.sort_keys.items():
            setattr(record, sort_attr, sort_key(getattr(record, attr) or ""))

    def delete(self, record: M) -> None:
        self.session.delete(record)

    def set_archived(self, record: M, when: datetime | None, user_id: int | None) -> None:
        setattr(record, "archived_at", when)  # noqa: B010 - M is any archivable model
        setattr(record, "updated_by", user_id)  # noqa: B010 - M is any model

    @staticmethod
    def is_archived(record: Any) -> bool:
        return getattr(record, "archived_at", None) is not None

    def next_code(self, prefix: str, width: int) -> str:
        """The next free generated key, e.g. C000123 (the counter skips keys in use)."""
        seq = self.session.execute(
            select(CodeSequence).where(CodeSequence.name == self.sequence).with_for_update()
        ).scalar_one_or_none()
        if seq is None:
            seq = CodeSequence(name=self.sequence, next_value=1)
            self.session.add(seq)
        while True:
            code = f"{prefix}{seq.next_value:0{width}d}"
            seq.next_value += 1
            if not self.key_exists(code):
                return code
