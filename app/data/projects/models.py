"""The projects table: a customer's projects, with the keys the list sorts and searches by."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Unicode, UnicodeText
from sqlalchemy.orm import Mapped, mapped_column

from app.data.kit.base import Base, Tracked
from app.data.kit.indexes import only_on, unarchived_index
from app.data.types import Money, UtcDateTime

# The list's sorts: (index name, column).
SORTS = (("code", "code"), ("name", "name_sort"), ("stage", "stage"),
         ("start", "start_date"), ("end", "end_date"), ("budget", "budget"))


class Project(Tracked, Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(Unicode(20), unique=True)
    # No cascade: customers are archived, never deleted with their projects.
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    name: Mapped[str] = mapped_column(Unicode(200))
    stage: Mapped[str] = mapped_column(Unicode(16), default="lead")
    budget: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    description: Mapped[str] = mapped_column(UnicodeText, default="")
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Sort key of the name: pinyin for Chinese, blanks last (app.data.kit.search.sort_key).
    name_sort: Mapped[str] = mapped_column(Unicode(200), default="1")
    # Search key: code, name and the name's pinyin, case-folded (LIKE).
    search_text: Mapped[str] = mapped_column(UnicodeText, default="")

    __table_args__ = (
        # A customer's projects (its tab, the list filtered by customer) and the record
        # scope, which follows the customer's owner.
        Index("ix_projects_customer", "customer_id", "id"),
        Index("ix_projects_owner", "owner_id", "id"),
        # SQLite's list indexes, one per sort of the list (see app/data/kit/indexes.py).
        *(only_on(Index(f"ix_projects_list_{name}", "archived_at", column, "id"), "sqlite")
          for name, column in SORTS),
    )


# The server databases' list indexes of the projects not archived (app/data/kit/indexes.py).
# A list sorted by a date puts projects without one first (kit/keyset.py): PostgreSQL's
# index says so, SQL Server puts NULLs first anyway (and knows no NULLS FIRST).
for _name, _attr in SORTS:
    _column = getattr(Project, _attr)
    if _attr in ("start_date", "end_date"):
        unarchived_index(f"ix_projects_unarchived_{_name}", _column.asc().nulls_first(),
                         Project.id, archived=Project.archived_at, dialects=("postgresql",))
        unarchived_index(f"ix_projects_unarchived_{_name}", _column, Project.id,
                         archived=Project.archived_at, dialects=("mssql",))
    else:
        unarchived_index(f"ix_projects_unarchived_{_name}", _column, Project.id,
                         archived=Project.archived_at)
