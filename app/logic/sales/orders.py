"""Orders on the kit's write path, and what only they have: lines with exact totals (the one
rule of totals.py), the number of the year (SO2026-000001), the customer's payment terms and
due date by default, edits of draft orders only, a won opportunity turned into a draft
order, and the credit check that blocks confirming (credit.py) with the audited override."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.data.kit.uow import UnitOfWork
from app.data.sales import OpportunityRepository, OrderQueries, OrderRepository
from app.logic.customers import require_customer
from app.logic.kit.dto import Actor, Changed, ListQuery, Page, Record
from app.logic.kit.errors import FieldError, NotFound, PermissionDenied, ValidationError
from app.logic.kit.fields import Ref
from app.logic.kit.permissions import owner_scope, require_in_scope
from app.logic.kit.service import RecordService
from app.logic.kit.timeline import Moment
from app.logic.kit.validation import Checker
from app.logic.kit.workflow import Transition
from app.logic.products import FACTORY_TAX_RATE
from app.logic.sales.credit import CreditCheck, CreditRefused
from app.logic.sales.fields import CREDIT_OVERRIDE, OPPORTUNITY, ORDER, ORDER_LINE
from app.logic.sales.totals import line_amounts

MAX_LINES = 1000
LINE_FIELDS = ("product", "description", "quantity", "unit", "unit_price", "discount",
               "tax_rate")
# A draft's fields that may change once the order is confirmed: only words about it.
ALWAYS_EDITABLE = frozenset({"notes"})
# The port of the module that keeps receivables (finance): what a customer owes.
EXPOSURE = "exposure"

Line = Mapping[str, Any]  # an order line as given: ORDER_LINE's field names


@dataclass(frozen=True)
class ProductPick:
    """A product as an order line offers it."""

    id: int
    code: str
    name: str
    unit: str
    list_price: Decimal
    tax_rate: str
    search: str  # code, name and the name's pinyin, case-folded


class OrderService(RecordService):
    entity = ORDER
    repository = OrderRepository
    queries = OrderQueries
    line_entity = ORDER_LINE  # an import reads an order sheet as a row per line
    # An order history comes in confirmed or delivered: confirming one over its customer's
    # credit limit takes the override (with its right; audited), its reason the file; a
    # confirm within the limit drops the reason.
    import_moves = {"confirm": "credit_override_reason"}

    def create_with_lines(self, actor: Actor, values: Mapping[str, Any],
                          lines: Sequence[Mapping[str, Any]]) -> Changed:
        return self.create_order(actor, values, lines)


    # --- named use cases --------------------------------------------------------------
    def get_order(self, actor: Actor, order_id: int) -> Record:
        return self.get(actor, order_id)

    def get_order_by_number(self, actor: Actor, number: str) -> Record:
        return self.get_by_key(actor, number)

    def list_orders(self, actor: Actor, query: ListQuery,
                    after: tuple[Any, ...] | None = None, limit: int = 200) -> Page:
        return self.list_page(actor, query, after, limit)

    def create_order(self, actor: Actor, values: Mapping[str, Any],
                     lines: Sequence[Line] = ()) -> Changed:
        """A draft order with ``lines`` (each: product by id or code, quantity, and what
        differs from the product: unit price, discount, description, tax rate), its totals
        the sums of its lines. One transaction, one audit entry."""
        return self._create(actor, values, build=lambda uow, record: self._set_lines(
            uow, record, lines, known=frozenset()))

    def update_order(self, actor: Actor, order_id: int, expected_version: int,
                     changes: Mapping[str, Any], lines: Sequence[Line] | None = None
                     ) -> Changed:
        """Change a draft order's fields and, given ``lines``, replace its lines (the
        totals follow). Another user's change since ``expected_version`` (of the fields or
        the lines) is a conflict."""
        more = None
        if lines is not None:
            def more(uow: UnitOfWork, record: Any) -> dict[str, list[Any]] | None:
                self._require_draft(record, "lines")
                known = frozenset(li.product_id for li in record.lines)
                before = [_line_text(uow, li) for li in record.lines]
                totals_before = (record.net, record.tax, record.gross)
                changes = self._set_lines(uow, record, lines, known)
                if changes["lines"][1] == before:
                    return None
                changes["lines"][0] = before
                for name, old in zip(("net", "tax", "gross"), totals_before, strict=True):
                    if changes.get(name, [None, None])[1] == f"{old:.2f}":
                        changes.pop(name, None)
                    elif name in changes:
                        changes[name][0] = f"{old:.2f}"
                return changes
        return self.update(actor, order_id, expected_version, changes, more=more)

    def confirm_order(self, actor: Actor, order_id: int, expected_version: int,
                      override_reason: str | None = None) -> Changed:
        """Draft -> confirmed (sales.confirm), after the credit check: over the customer's
        limit it is refused with the figures (CreditRefused), unless ``override_reason`` is
        given by a user with the right sales.credit_override (audited with the figures)."""
        values = {} if not override_reason else {"credit_override_reason": override_reason}
        return self.transit(actor, order_id, expected_version, "confirm", values)

    def deliver_order(self, actor: Actor, order_id: int, expected_version: int) -> Changed:
        """Confirmed -> delivered (sales.deliver)."""
        return self.transit(actor, order_id, expected_version, "deliver")

    def cancel_order(self, actor: Actor, order_id: int, expected_version: int,
                     reason: str) -> Changed:
        """Draft or confirmed -> cancelled (sales.cancel), with the reason."""
        return self.transit(actor, order_id, expected_version, "cancel",
                            {"cancel_reason": reason})

    def credit_check(self, actor: Actor, order_id: int) -> CreditCheck:
        """The credit check of confirming the order now (a form shows it before)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            record = self._load(uow, actor, order_id)
            return self._credit(uow, record, lock=False)

    def order_from_opportunity(self, actor: Actor, opportunity_id: int) -> Changed:
        """A draft order for a won opportunity's customer: its owner the salesperson, the
        opportunity named on it (the lines are added on the order)."""
        self._require(actor, "create")
        with self._open(actor, write=False) as uow:
            found = uow.get(OpportunityRepository).get(opportunity_id)
            if found is None:
                raise NotFound(OPPORTUNITY.name, opportunity_id)
            require_in_scope(actor, OPPORTUNITY.scope_rights, found.owner_id,
                             OPPORTUNITY.name, opportunity_id)
            if found.stage != "won":
                raise ValidationError({"opportunity": FieldError(
                    "not_won", f"{found.number} is not won (it is at {found.stage}): only "
                               f"a won opportunity becomes an order")})
            values = {"customer": found.customer_id, "salesperson": found.owner_id,
                      "opportunity": found.id, "notes": f"{found.number} {found.name}"}
        return self.create_order(actor, values)

    def line_defaults(self, actor: Actor, product: int | str) -> dict[str, Any]:
        """What a new line of ``product`` takes from it: description (its name), unit,
        unit price (its list price) and tax rate; ValidationError for a product that is
        not active."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            line = self._clean_lines(uow, [{"product": product, "quantity": "1"}],
                                     frozenset())[0]
            return {k: line[k] for k in ("description", "unit", "unit_price", "tax_rate")}

    def product_choices(self, actor: Actor, text: str = "", limit: int = 50) -> list[Ref]:
        """Active products whose code, name or name's pinyin holds ``text`` (a line's
        product typed into), by code."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            return [Ref(i, code, name) for i, code, name in
                    self._repo_of(uow).active_products(text.strip().casefold(), limit)]

    def customer_choices(self, actor: Actor, limit: int = 1000) -> list[Ref]:
        """The customers with orders the actor may see, by name (the list's filter)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            rows = self._repo_of(uow).customers_with_orders(
                owner_scope(actor, self.entity.scope_rights), limit)
            return [Ref(i, code, name) for i, code, name in rows]

    def product_picks(self, actor: Actor, limit: int = 20000) -> list[ProductPick]:
        """The active products with what a new line takes from each and the words a person
        finds it by (code, name, the name's pinyin): an order form's lines pick from them
        as the user types, without asking the database at each key."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            return [ProductPick(p.id, p.code, p.name, p.unit, p.list_price, p.tax_rate,
                                p.search_text) for p in self._repo_of(uow).product_picks(limit)]

    def timeline_of(self, actor: Actor, customer_id: int, limit: int) -> list[Moment]:
        """The customer's orders on its timeline, at their order date."""
        self._require(actor, "view")
        statuses = {c.value: c.label for c in ORDER.field("status").choices}
        with self._open(actor, write=False) as uow:
            require_customer(uow, actor, customer_id)
            found = self._repo_of(uow).of_customer(customer_id, limit)
            return [Moment(o.created_at, ORDER.name, o.id, ORDER.label,
                           f"{o.gross:,.2f} {o.currency}", statuses.get(o.status), o.number)
                    for o in found]

    # --- hooks ------------------------------------------------------------------------
    def check(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
              record: Any | None) -> None:
        repo = self._repo_of(uow)
        if record is not None:
            self._require_draft(record, *(n for n in values if n not in ALWAYS_EDITABLE))
        if record is None:
            terms = repo.customer_terms(values["customer"])
            if values.get("salesperson") is None:
                values["salesperson"] = (terms.owner_id if terms else None) or actor.user_id
            if values.get("payment_terms_days") is None:
                values["payment_terms_days"] = terms.payment_terms_days if terms else 30
            if values.get("order_date") is None:
                values["order_date"] = date.today()
            if values.get("due_date") is None:
                values["due_date"] = values["order_date"] + timedelta(
                    days=int(values["payment_terms_days"]))

    def before_flush(self, uow: UnitOfWork, record: Any, action: str,
                     values: Mapping[str, Any]) -> None:
        """A new order date or payment terms move the due date with them (unless one is
        given)."""
        if action == "update" and "due_date" not in values and \
                ("order_date" in values or "payment_terms_days" in values):
            record.due_date = record.order_date + timedelta(
                days=int(record.payment_terms_days or 0))

    def check_move(self, uow: UnitOfWork, actor: Actor, transition: Transition,
                   values: dict[str, Any], record: Any) -> None:
        if transition.name != "confirm":
            return
        if not record.lines:
            raise ValidationError({"lines": FieldError(
                "no_lines", "an order needs at least one line to be confirmed")})
        reason = (values.get("credit_override_reason") or "").strip()
        if reason and not actor.can(self.entity.module, CREDIT_OVERRIDE):
            raise PermissionDenied(self.entity.module, CREDIT_OVERRIDE)
        check = self._credit(uow, record, lock=True)
        if check.passes:
            values["credit_override_reason"] = ""  # nothing was overridden
            return
        if not reason:
            raise CreditRefused(record.number, check)
        self._audit(uow, actor, CREDIT_OVERRIDE, record,
                    {**{k: [None, v] for k, v in check.figures().items()},
                     "reason": [None, reason]})

    def children(self, uow: UnitOfWork, record: Any) -> dict[str, tuple[Record, ...]]:
        products = uow.refs.describe("product", [li.product_id for li in record.lines
                                                 if li.product_id is not None])
        lines = []
        for li in record.lines:
            values = {f.name: getattr(li, f.attr) for f in ORDER_LINE.fields}
            if li.product_id is not None:
                key, label = products.get(li.product_id, (str(li.product_id), ""))
                values["product"] = Ref(li.product_id, key, label)
            lines.append(Record(ORDER_LINE.name, li.id, values, record.version))
        return {"lines": tuple(lines)}

    def _assign_key(self, repo: Any, values: dict[str, Any], record_id: int | None) -> None:
        """A new order without a number takes the next of its order date's year."""
        if record_id is None and not values.get("number") and values.get("order_date"):
            values["number"] = repo.next_code(ORDER.code_prefix, ORDER.code_width,
                                              values["order_date"].year)
        super()._assign_key(repo, values, record_id)

    # --- lines ------------------------------------------------------------------------
    def _set_lines(self, uow: UnitOfWork, record: Any, lines: Sequence[Line],
                   known: frozenset[int]) -> dict[str, list[Any]]:
        clean = self._clean_lines(uow, lines, known)
        repo = self._repo_of(uow)
        repo.set_lines(record, [{**_columns(li), **_amounts(li)} for li in clean])
        net = sum((li["net"] for li in clean), Decimal("0.00"))
        tax = sum((li["tax"] for li in clean), Decimal("0.00"))
        record.net, record.tax, record.gross = net, tax, net + tax
        return {"lines": [None, [_line_text(uow, li) for li in record.lines]],
                "net": [None, f"{net:.2f}"], "tax": [None, f"{tax:.2f}"],
                "gross": [None, f"{net + tax:.2f}"]}

    def _clean_lines(self, uow: UnitOfWork, lines: Sequence[Line], known: frozenset[int]
                     ) -> list[dict[str, Any]]:
        """Each line normalised, its product resolved (an active one, or one already on
        the order) with what it takes from the product, and its amounts; the problems of
        every line at once, by ``lines[N].field`` (N from 1)."""
        if len(lines) > MAX_LINES:
            raise ValidationError({"lines": FieldError(
                "too_many", f"an order has at most {MAX_LINES} lines")})
        errors: dict[str, FieldError] = {}
        repo = self._repo_of(uow)
        codes = {str(li["product"]).strip().upper() for li in lines
                 if isinstance(li.get("product"), str) and str(li["product"]).strip()}
        by_code = repo.product_ids(codes)
        wanted = {li.get("product") for li in lines if isinstance(li.get("product"), int)}
        products = repo.products(set(by_code.values()) | {p for p in wanted
                                                          if isinstance(p, int)})
        result = []
        for n, given in enumerate(lines, start=1):
            where = f"lines[{n}]"
            unknown = [k for k in given if k not in LINE_FIELDS]
            if unknown:
                errors[f"{where}.{unknown[0]}"] = FieldError("unknown_field",
                                                             "is not a field of a line")
                continue
            product_id = given.get("product")
            if isinstance(product_id, Ref):
                product_id = product_id.id
            if isinstance(product_id, str):
                product_id = by_code.get(product_id.strip().upper()) if product_id.strip() \
                    else None
                if product_id is None and str(given["product"]).strip():
                    errors[f"{where}.product"] = FieldError(
                        "unknown_product", f"no product {given['product']!r}")
                    continue
            product = products.get(product_id) if product_id is not None else None
            if product_id is not None and product is None:
                errors[f"{where}.product"] = FieldError("unknown_product",
                                                        f"no product {product_id}")
                continue
            if product is not None and product_id not in known and \
                    (not product.active or product.archived_at is not None):
                errors[f"{where}.product"] = FieldError(
                    "inactive_product", f"{product.code} is not an active product")
                continue
            taken = {} if product is None else {
                "description": product.name, "unit": product.unit,
                "unit_price": product.list_price, "tax_rate": product.tax_rate}
            raw = {**taken, **{k: v for k, v in given.items()
                               if k != "product" and v not in (None, "")}}
            raw.setdefault("tax_rate", FACTORY_TAX_RATE)
            c = Checker()
            clean = {f.name: f.normalise(c, raw[f.name]) for f in ORDER_LINE.editable
                     if f.name != "product" and f.name in raw}
            if "quantity" not in raw:
                c.fail("quantity", "required", "is required")
            if "unit_price" not in raw:
                c.fail("unit_price", "required", "is required (or a product, whose list "
                                                 "price it takes)")
            if product is None and not str(raw.get("description") or "").strip():
                c.fail("description", "required", "is required for a line without a "
                                                  "product")
            for name, problem in c.errors.items():
                errors[f"{where}.{name}"] = problem
            if c.errors:
                continue
            clean["product"] = product_id
            clean.setdefault("unit", "pcs")
            clean.setdefault("discount", Decimal(0))
            amounts = line_amounts(clean["quantity"], clean["unit_price"], clean["discount"],
                                   clean["tax_rate"] or "0")
            clean.update(net=amounts.net, tax=amounts.tax, gross=amounts.gross)
            result.append(clean)
        if errors:
            raise ValidationError(errors)
        return result

    def _credit(self, uow: UnitOfWork, record: Any, lock: bool) -> CreditCheck:
        repo = self._repo_of(uow)
        limit = repo.credit_limit(record.customer_id, lock=lock)
        # What the customer owes: the receivables' open amount where a module keeps
        # invoices (finance's port), else the gross of its confirmed and delivered orders.
        owing = uow.port(EXPOSURE).owing(record.customer_id, record.id) \
            if uow.has_port(EXPOSURE) else repo.owing(record.customer_id, record.id)
        return CreditCheck(limit=limit, open=owing,
                           order=record.gross, prepaid=int(record.payment_terms_days) == 0)

    # --- helpers ----------------------------------------------------------------------
    def _repo_of(self, uow: UnitOfWork) -> OrderRepository:
        return uow.get(OrderRepository)

    @staticmethod
    def _require_draft(record: Any, *names: str) -> None:
        if names and record.status != "draft":
            state = ORDER.field("status").choice_label(record.status, "en").lower()
            raise ValidationError({names[0]: FieldError(
                "not_draft", f"cannot be changed: the order is {state} (only a draft order "
                             f"is edited)")})


def _columns(line: Mapping[str, Any]) -> dict[str, Any]:
    return {"product_id": line["product"], "description": line.get("description") or "",
            "quantity": line["quantity"], "unit": line["unit"],
            "unit_price": line["unit_price"], "discount": line["discount"],
            "tax_rate": line.get("tax_rate") or "0"}


def _amounts(line: Mapping[str, Any]) -> dict[str, Decimal]:
    return {"net": line["net"], "tax": line["tax"], "gross": line["gross"]}


def _line_text(uow: UnitOfWork, line: Any) -> str:
    """A line as the audit log keeps it, every value it holds:
    "G3333 Gauge: 3 pcs x 33.33 -10% tax 13% = 89.99"."""
    code = ""
    if line.product_id is not None:
        code = uow.refs.describe("product", [line.product_id]).get(
            line.product_id, (str(line.product_id), ""))[0] + " "
    quantity = ORDER_LINE.field("quantity").plain(line.quantity)
    discount = ORDER_LINE.field("discount").display(line.discount, "en")
    tax = ORDER_LINE.field("discount").display(Decimal(line.tax_rate or "0"), "en")
    return (f"{code}{line.description}: {quantity} {line.unit} x {line.unit_price:.2f} "
            f"-{discount} tax {tax} = {line.net:.2f}")
