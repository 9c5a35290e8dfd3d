"""Contact people: several per customer or supplier, one of each the primary contact."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Unicode, UnicodeText
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.data.customers import Customer
from app.data.kit.base import Base, Tracked
from app.data.kit.indexes import SERVERS, only_on
from app.data.suppliers import Supplier

# A contact belongs to a customer or to a supplier: exactly one of them.
ONE_PARENT = ("(customer_id IS NOT NULL AND supplier_id IS NULL) OR "
              "(customer_id IS NULL AND supplier_id IS NOT NULL)")


class Contact(Tracked, Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"))
    supplier_id: Mapped[int | None] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"))
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

    customer: Mapped[Customer | None] = relationship(back_populates="contacts")
    supplier: Mapped[Supplier | None] = relationship(back_populates="contacts")

    __table_args__ = (
        CheckConstraint(ONE_PARENT, name="one_parent"),
        Index("ix_contacts_customer", "customer_id", "id"),
        Index("ix_contacts_supplier", "supplier_id", "id"),
        # Every contact the user may see, by name (the servers; on SQLite a big load would
        # keep it up to date row by row).
        only_on(Index("ix_contacts_name", "name", "id"), *SERVERS),
    )
