"""How customers are loaded in bulk (the demo, imports): see app/data/kit/bulk.py."""

from __future__ import annotations

from app.data.kit.bulk import BulkTable

# Kept during a big load: a new row's key nearly always lands at the end of one of a few
# groups (archived_at is NULL for most rows; then a new code, or one of a few owners,
# statuses, tiers or cities, with the growing id last), so adding a row costs about what
# building the index at the end would, and it is spent while the other core makes rows
# instead of at the end with that core idle (130 -> 125 s for a million customers). The
# others take keys in random order (name, updated time, tax id, phone): those are dropped
# and built again at the end.
CUSTOMER_BULK = BulkTable(
    table="customers", sequence="customer",
    fts_tables={"customer_fts": "search_text", "customer_fts_short": "search_short"},
    appended_indexes=frozenset({"ix_customers_list_code", "ix_customers_list_owner",
                                "ix_customers_list_status", "ix_customers_list_tier",
                                "ix_customers_list_city"}))
