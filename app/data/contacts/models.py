"""Contact people: several per customer, one of them the primary contact."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Unicode, UnicodeText
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.data.customers import Customer
from app.data.kit.base import Base, Tracked
from app.data.kit.indexes import SERVERS, only_on


class Contact(Tracked, Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Unicode(100))
    gender: Mapped[str] = mapped_column(Unicode(8), default="")
    position: Mapped[str] = mapped_column(Unicode(100), default="")
    department: Mapped[str] = mapped_column(Unicode(100), default="")
    phone: Mapped[str] = mapped_column(Unicode(40), default="")
    mobile: Mapped[str] = mapped_column(Unicode(40), default="")
    email: Mapped[str] = mapped_column(Unicode(254), default="")
    im_handle: Mapped[str] = mapped_column(Unicode(100), default="")
    birthday: Mapped[date | None] = mapped_column(Date)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(UnicodeText, default="")

    customer: Mapped[Customer] = relationship(back_populates="contacts")

    __table_args__ = (
        Index("ix_contacts_customer", "customer_id", "id"),
        # Every contact the user may see, by name (the servers; on SQLite a big load would
        # keep it up to date row by row).
        only_on(Index("ix_contacts_name", "name", "id"), *SERVERS),
    )
