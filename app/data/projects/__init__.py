"""Projects' data: the table, its repository and its list. The module's public API."""

from sqlalchemy import select

from app.data.customers import Customer
from app.data.kit.refs import RefTarget
from app.data.kit.registry import DataModule
from app.data.projects.bulk import PROJECT_BULK
from app.data.projects.models import Project
from app.data.projects.queries import ProjectQueries
from app.data.projects.repository import ProjectRepository, project_search_key

__all__ = ["DATA", "PROJECT_BULK", "Project", "ProjectQueries", "ProjectRepository",
           "project_search_key"]

# Others refer to a project by its code; it counts among its customer's owner's records.
DATA = DataModule("projects", refs={"project": RefTarget(
    Project, Project.code, Project.name, upper=True, scope="projects",
    owner=select(Customer.owner_id).where(Customer.id == Project.customer_id)
    .scalar_subquery())})
