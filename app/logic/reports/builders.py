"""Each report's figures, by its name: a function of the ``Run`` giving the tables of its
sections (``app/logic/reports/catalogue.py`` declares them)."""

from __future__ import annotations

from app.logic.reports.customer_reports import customer_analysis, tiers
from app.logic.reports.finance_reports import (
    arrears,
    churn,
    credit,
    key_accounts,
    receivables_aging,
)
from app.logic.reports.run import Builder
from app.logic.reports.sales_reports import (
    pipeline,
    sales_by_customer,
    sales_by_month,
    sales_by_product,
    sales_by_salesperson,
)
from app.logic.reports.service_reports import activities, service_analysis

BUILDERS: dict[str, Builder] = {
    "customer-analysis": customer_analysis,
    "sales-by-month": sales_by_month,
    "sales-by-product": sales_by_product,
    "sales-by-salesperson": sales_by_salesperson,
    "sales-by-customer": sales_by_customer,
    "pipeline": pipeline,
    "tiers": tiers,
    "service-analysis": service_analysis,
    "activities": activities,
    "receivables-aging": receivables_aging,
    "arrears": arrears,
    "credit": credit,
    "key-accounts": key_accounts,
    "churn": churn,
}
