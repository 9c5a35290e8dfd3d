"""Activities' data: the table, its repository and its list. The module's public API."""

from app.data.activities.bulk import ACTIVITY_BULK, link_primary_contacts
from app.data.activities.models import DONE, PLANNED, VISIT, Activity, overdue_condition
from app.data.activities.queries import ActivityQueries
from app.data.activities.repository import ActivityRepository, activity_search_key
from app.data.kit.registry import DataModule

__all__ = ["ACTIVITY_BULK", "DATA", "DONE", "PLANNED", "VISIT", "Activity", "ActivityQueries",
           "ActivityRepository", "activity_search_key", "link_primary_contacts",
           "overdue_condition"]

# Activities are named by their id; nothing refers to one by a key.
DATA = DataModule("activities")
