"""Finance (财务): invoices (发票), payments (收款) and their allocation, receivables aging
(应收账款), the credit rating (信用等级), contribution tiers (客户贡献度分级), key accounts
(大客户), lifecycle stages (生命周期) and the churn warning (流失预警). The module's public
API.

Screens use ``InvoiceService`` (``services.invoices``: the kit's reads and writes,
``invoice_order``, ``issue_invoice``, ``void_invoice``, ``allocations``),
``PaymentService`` (``services.payments``: ``receive`` with its allocation),
``ReceivablesService`` (``services.receivables``: ``receivables`` as of a date, ``export``),
``CustomerValueService`` (``services.customer_value``: ``recompute``, ``tiers``,
``key_accounts``, ``churn_list``, ``set_key_account``, ``set_rating``) and
``ValueSettingsService`` (``services.value_settings``). The rules are in ``rules.py``
(allocation, an invoice's status, aging buckets) and ``value.py`` (rating, tiers, key
accounts, lifecycle, churn), each in one place; docs/credit.md writes them down.

``finance.credit``: changing a customer's credit limit, payment terms or credit rating
(the customers' service refuses it without the right; the form shows them read-only).
"""

from app.logic.customers import CREDIT_FIELDS, CREDIT_RIGHT
from app.logic.finance.fields import (
    CHURN_REASONS,
    INVOICE,
    INVOICE_FLOW,
    INVOICE_STATUSES,
    LIFECYCLES,
    METHODS,
    PAYMENT,
    RATINGS,
    TIER_WORDS,
    VALUE_SETTINGS,
)
from app.logic.finance.invoices import InvoiceService, PaymentService
from app.logic.finance.receivables import (
    AGING_WORDS,
    Aging,
    CustomerValueService,
    KeyAccount,
    Receivables,
    ReceivablesService,
    Recomputed,
    TierRow,
    ValueSettingsService,
)
from app.logic.finance.rules import BUCKETS, OpenInvoice, allocate, bucket_of, invoice_status
from app.logic.finance.value import (
    Contribution,
    Facts,
    PaymentFigures,
    churn,
    key_account,
    lifecycle,
    pareto,
    rating,
    tier,
)
from app.logic.kit.fields import Label
from app.logic.kit.registry import LogicModule

CREDIT = CREDIT_RIGHT[1]  # the action of the right ``finance.credit``
VALUE = "value"  # recompute customer value, name key accounts

__all__ = ["AGING_WORDS", "BUCKETS", "CHURN_REASONS", "CREDIT", "CREDIT_FIELDS", "INVOICE",
           "INVOICE_FLOW", "INVOICE_STATUSES", "LIFECYCLES", "METHODS", "MODULE", "PAYMENT",
           "RATINGS", "TIER_WORDS", "VALUE", "VALUE_SETTINGS", "Aging", "Contribution",
           "CustomerValueService", "Facts", "InvoiceService", "KeyAccount", "OpenInvoice",
           "PaymentFigures", "PaymentService", "Receivables", "ReceivablesService",
           "Recomputed", "TierRow", "ValueSettingsService", "allocate", "bucket_of", "churn",
           "invoice_status", "key_account", "lifecycle", "pareto", "rating", "tier"]

MODULE = LogicModule(
    "finance",
    services={"invoices": InvoiceService, "payments": PaymentService,
              "receivables": ReceivablesService, "customer_value": CustomerValueService,
              "value_settings": ValueSettingsService},
    entities=(INVOICE, PAYMENT, VALUE_SETTINGS),
    actions={**INVOICE_FLOW.actions(),
             CREDIT: Label("Change credit terms", "修改信用条件"),
             VALUE: Label("Recompute tiers, name key accounts", "重算客户分级、指定大客户")},
    timeline=("invoices", "payments"))
