"""The ids older audit entries hold, and what kind of record each names."""

from __future__ import annotations

# Keys of older entries (and of entries the kit writes) that hold ids of other records.
LEGACY_REFS = {"owner_id": "user", "manager_id": "user", "user_id": "user",
               "created_by": "user", "updated_by": "user", "department_id": "department",
               "customer_id": "customer", "roles": "role"}
