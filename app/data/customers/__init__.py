"""Customers' data: the table, its repository and its list. The module's public API."""

from app.data.admin import User
from app.data.customers.bulk import CUSTOMER_BULK
from app.data.customers.models import SQL_SERVER_ONLY_INDEXES, Customer
from app.data.customers.queries import CustomerQueries
from app.data.customers.repository import CustomerRepository, compute_search_key
from app.data.kit.refs import RefTarget
from app.data.kit.registry import DataModule

__all__ = ["CUSTOMER_BULK", "DATA", "SQL_SERVER_ONLY_INDEXES", "Customer", "CustomerQueries",
           "CustomerRepository", "User", "compute_search_key"]

DATA = DataModule("customers", refs={"customer": RefTarget(
    Customer, Customer.code, Customer.name, upper=True, scope="customers",
    owner=Customer.owner_id)})
