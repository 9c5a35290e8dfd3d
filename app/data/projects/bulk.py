"""How projects are loaded in bulk (the demo, with the customers): see app/data/kit/bulk.py."""

from __future__ import annotations

from app.data.kit.bulk import BulkTable

# Kept during a big load: the projects come in the customers' order, so a new row's key lands
# at the end of its customer, of one of a few owners or stages, or of the codes. The others
# (name, dates, budget) take keys in random order: dropped and built again at the end (a
# fifth of the projects' share of a 200,000-customer demo load).
PROJECT_BULK = BulkTable(
    table="projects", sequence="project", fts_tables={},
    appended_indexes=frozenset({"ix_projects_customer", "ix_projects_owner",
                                "ix_projects_list_code", "ix_projects_list_stage"}))
