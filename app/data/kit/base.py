"""The declarative base every module's models share, and the columns every record has.

Every editable table carries created/updated at (UTC) and by, and a ``version`` counter used
as SQLAlchemy's ``version_id_col``: an UPDATE only succeeds when the row is still at the
version the writer read, so concurrent edits are detected instead of overwritten.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, MetaData, Unicode, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from app.data.types import UtcDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Tracked:
    """Audit columns and the optimistic-concurrency counter shared by editable tables."""

    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]  # set by the declarative base


class CodeSequence(Base):
    """Counters for generated codes (C000001, ...), one per entity."""

    __tablename__ = "code_sequences"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Unicode(32))
    next_value: Mapped[int] = mapped_column(Integer, default=1)


class Setting(Base):
    """One database-wide setting an administrator can change (e.g. password length)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(Unicode(64), primary_key=True)
    value: Mapped[str] = mapped_column(Unicode(500), default="")


class SettingsGroup(Tracked, Base):
    """The version of a group of settings an administrator saves together (``security``):
    two administrators saving at once cannot overwrite each other. The values stay in
    ``settings``, one row each."""

    __tablename__ = "settings_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Unicode(32), unique=True)
