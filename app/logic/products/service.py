"""Product use cases on the kit's write path, and what only products have: the tax rate a
new product gets from the administrator's setting, the categories in use, and the one rule
later modules ask of a product: only an active one that is not archived goes on a new order
line (one already on an order stays there)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from app.data.kit.uow import UnitOfWork
from app.data.products import ProductQueries, ProductRepository
from app.logic.kit.dto import Actor, Changed, ListQuery, Page, Record
from app.logic.kit.errors import FieldError, ValidationError
from app.logic.kit.service import RecordService
from app.logic.kit.settings import SettingsGroupService, read_settings
from app.logic.products.fields import PRODUCT, PRODUCT_SETTINGS

GROUP = "products"  # where the products' settings are kept


class ProductService(RecordService):
    entity = PRODUCT
    repository = ProductRepository
    queries = ProductQueries

    # --- named use cases --------------------------------------------------------------
    def get_product(self, actor: Actor, product_id: int) -> Record:
        """Any product, inactive or archived too (an old order's line reads it)."""
        return self.get(actor, product_id)

    def get_product_by_code(self, actor: Actor, code: str) -> Record:
        return self.get_by_key(actor, code)

    def list_products(self, actor: Actor, query: ListQuery,
                      after: tuple[Any, ...] | None = None, limit: int = 200) -> Page:
        return self.list_page(actor, query, after, limit)

    def create_product(self, actor: Actor, values: Mapping[str, Any]) -> Changed:
        return self.create(actor, values)

    def update_product(self, actor: Actor, product_id: int, expected_version: int,
                       changes: Mapping[str, Any]) -> Changed:
        return self.update(actor, product_id, expected_version, changes)

    def archive_product(self, actor: Actor, product_id: int, expected_version: int
                        ) -> Changed:
        return self.archive(actor, product_id, expected_version)

    def restore_product(self, actor: Actor, product_id: int, expected_version: int
                        ) -> Changed:
        return self.restore(actor, product_id, expected_version)

    def product_for_new_line(self, actor: Actor, product: int | str) -> Record:
        """The product a NEW order line names (its id, or its code as typed): a field error
        on ``product`` when there is none ("unknown_product"), or it is inactive
        ("inactive_product": "product G000012 is inactive") or archived
        ("archived_product"). A line already on an order keeps its product whatever became
        of it: read that with ``get_product``."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            repo = self._repo(uow)
            found = repo.get(product) if isinstance(product, int) else \
                repo.by_key(self._key_text(product))
            if found is None:
                raise ValidationError({"product": FieldError(
                    "unknown_product", f"there is no product {product!r}")})
            if found.archived_at is not None:
                raise ValidationError({"product": FieldError(
                    "archived_product", f"product {found.code} is archived")})
            if not found.active:
                raise ValidationError({"product": FieldError(
                    "inactive_product", f"product {found.code} is inactive")})
            return self.record_of(uow, found)

    def list_categories(self, actor: Actor) -> list[str]:
        """The categories products are in, the most used first (the list's filter, the
        form's suggestions)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            return uow.get(ProductRepository).categories()

    def new_defaults(self, actor: Actor) -> dict[str, Any]:
        defaults = super().new_defaults(actor)
        with self._open(actor, write=False) as uow:
            return {**defaults, "tax_rate": default_tax_rate(uow)}

    def create(self, actor: Actor, values: Mapping[str, Any], *,
               allow_duplicate: bool = False) -> Changed:
        """A product not given a tax rate gets the one an administrator set for new
        products."""
        if values.get("tax_rate") in (None, ""):
            self._require(actor, "create")
            with self._open(actor, write=False) as uow:
                values = {**values, "tax_rate": default_tax_rate(uow)}
        return super().create(actor, values, allow_duplicate=allow_duplicate)

    @staticmethod
    def tax_rate_of(record: Record) -> Decimal:
        """A product's tax rate as a number: Decimal("0.13")."""
        return Decimal(str(record.get("tax_rate") or "0"))


class ProductSettingsService(SettingsGroupService):
    """The products' settings: the tax rate a new product gets. An administrator changes
    it (admin.edit); whoever views products reads it. Each change is audited."""

    entity = PRODUCT_SETTINGS
    group = GROUP
    readers = (("products", "view"), ("products", "create"))

    def get_product_settings(self, actor: Actor) -> Record:
        return self.settings(actor)

    def set_default_tax_rate(self, actor: Actor, rate: str,
                             expected_version: int | None = None) -> Changed:
        """Make ``rate`` ("0.09") the tax rate of new products; products saved before keep
        theirs. Without ``expected_version``, whatever the settings are now is changed."""
        self._require(actor, "edit")
        if expected_version is None:
            expected_version = self.settings(actor).version
        return self.change_settings(actor, expected_version, {"default_tax_rate": rate})


def default_tax_rate(uow: UnitOfWork) -> str:
    """The tax rate of a new product: the administrator's setting, else 13%."""
    return str(read_settings(uow, PRODUCT_SETTINGS, GROUP)["default_tax_rate"])
