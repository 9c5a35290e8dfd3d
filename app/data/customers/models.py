"""The customers table, with the derived keys the list sorts and searches by."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    Unicode,
    UnicodeText,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.data.kit.base import Base, Tracked
from app.data.kit.indexes import only_on, unarchived_index
from app.data.types import Money, UtcDateTime

if TYPE_CHECKING:
    from app.data.contacts import Contact


class Customer(Tracked, Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(Unicode(20), unique=True)
    name: Mapped[str] = mapped_column(Unicode(200))
    short_name: Mapped[str] = mapped_column(Unicode(100), default="")
    kind: Mapped[str] = mapped_column(Unicode(16), default="company")
    ownership: Mapped[str] = mapped_column(Unicode(16), default="")
    industry: Mapped[str] = mapped_column(Unicode(64), default="")
    size_band: Mapped[str] = mapped_column(Unicode(16), default="")
    country: Mapped[str] = mapped_column(Unicode(64), default="中国")
    province: Mapped[str] = mapped_column(Unicode(64), default="")
    city: Mapped[str] = mapped_column(Unicode(64), default="")
    address: Mapped[str] = mapped_column(Unicode(300), default="")
    postal_code: Mapped[str] = mapped_column(Unicode(16), default="")
    phone: Mapped[str] = mapped_column(Unicode(40), default="")
    fax: Mapped[str] = mapped_column(Unicode(40), default="")
    email: Mapped[str] = mapped_column(Unicode(254), default="")
    website: Mapped[str] = mapped_column(Unicode(254), default="")
    tax_id: Mapped[str] = mapped_column(Unicode(32), default="")
    bank_name: Mapped[str] = mapped_column(Unicode(128), default="")
    bank_account: Mapped[str] = mapped_column(Unicode(64), default="")
    source: Mapped[str] = mapped_column(Unicode(32), default="")
    status: Mapped[str] = mapped_column(Unicode(16), default="prospect")
    tier: Mapped[str] = mapped_column(Unicode(16), default="ordinary")
    tier_override: Mapped[bool] = mapped_column(Boolean, default=False)
    credit_rating: Mapped[str] = mapped_column(Unicode(8), default="")
    # Computed by finance (app/logic/finance/value.py) unless set by hand: the rating's
    # "manual" mark, the lifecycle stage, the churn warning's reason, the key account.
    credit_rating_manual: Mapped[bool] = mapped_column(Boolean, default=False,
                                                       server_default=false())
    lifecycle: Mapped[str] = mapped_column(Unicode(16), default="", server_default="")
    churn_reason: Mapped[str] = mapped_column(Unicode(16), default="", server_default="")
    key_account: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    key_account_manual: Mapped[bool] = mapped_column(Boolean, default=False,
                                                     server_default=false())
    credit_limit: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    tags: Mapped[str] = mapped_column(Unicode(500), default="")
    notes: Mapped[str] = mapped_column(UnicodeText, default="")
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Lower-case sort key for names: pinyin for Chinese, so 北京 sorts under "b".
    name_sort: Mapped[str] = mapped_column(Unicode(400), default="")
    # The same for cities, blanks last (app.data.kit.search.sort_key).
    city_sort: Mapped[str] = mapped_column(Unicode(200), default="1")
    # Search key: name, short name, code, phones, email, city, contacts, pinyin.
    search_text: Mapped[str] = mapped_column(UnicodeText, default="")
    # Short-term tokens (CJK unigrams/bigrams, words) for 1-2 character searches.
    search_short: Mapped[str] = mapped_column(UnicodeText, default="")

    @property
    def churn_warning(self) -> bool:
        """A churn warning is raised (its reason set): the list's row stands out."""
        return bool(self.churn_reason)

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="customer", order_by="Contact.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        # SQLite's list indexes, one per sort of the list (see app/data/kit/indexes.py).
        *(only_on(Index(f"ix_customers_list_{name}", "archived_at", column, "id"), "sqlite")
          for name, column in (("name", "name_sort"), ("code", "code"), ("city", "city_sort"),
                               ("status", "status"), ("tier", "tier"),
                               ("updated", "updated_at"), ("created", "created_at"),
                               ("owner", "owner_id"))),
        # The customers per tier of some owners (the dashboard, the reports) from the
        # index alone.
        Index("ix_customers_tier_owner", "archived_at", "tier", "owner_id"),
        Index("ix_customers_tax_id", "tax_id"),
        Index("ix_customers_phone", "phone"),
    )


# The duplicate check compares names ignoring case. SQL Server's collation already ignores
# case (and has no expression indexes): it uses the plain name index, which the other
# databases have no use for (migration 0005).
Index("ix_customers_name_lower", func.lower(Customer.name)).ddl_if(
    dialect=("sqlite", "postgresql"))  # type: ignore[arg-type]  # a tuple of dialects is documented
SQL_SERVER_ONLY_INDEXES = ("ix_customers_name",)
Index("ix_customers_name", Customer.name).ddl_if(dialect="mssql")


# The server databases' list indexes: partial (PostgreSQL) or filtered (SQL Server) on the
# customers not archived, one per sort of the list (app/data/kit/indexes.py). A list sorted
# by owner puts customers without one first on every database (kit/keyset.py): PostgreSQL's
# index says so, SQL Server puts NULLs first anyway (and knows no NULLS FIRST).
for _name, _column in (("name", Customer.name_sort), ("code", Customer.code),
                       ("city", Customer.city_sort), ("status", Customer.status),
                       ("tier", Customer.tier), ("updated", Customer.updated_at),
                       ("created", Customer.created_at)):
    unarchived_index(f"ix_customers_unarchived_{_name}", _column, Customer.id,
                     archived=Customer.archived_at)
unarchived_index("ix_customers_unarchived_owner", Customer.owner_id.asc().nulls_first(),
                 Customer.id, archived=Customer.archived_at, dialects=("postgresql",))
unarchived_index("ix_customers_unarchived_owner", Customer.owner_id, Customer.id,
                 archived=Customer.archived_at, dialects=("mssql",))
