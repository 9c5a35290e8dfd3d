"""Projects: the search key and name sort key of a project, a customer's projects."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import func, select

from app.data.customers import Customer
from app.data.kit.repository import RecordRepository
from app.data.kit.search import build_search_key, pinyin_of_text
from app.data.projects.models import Project


class ProjectRepository(RecordRepository[Project]):
    model = Project
    sequence = "project"
    sort_keys = {"name": "name_sort"}

    def prepare(self, record: Project) -> None:
        super().prepare(record)
        record.search_text = project_search_key(record.name or "", record.code or "")

    def customer_owner(self, record: Any) -> int | None:
        """The owner of the project's customer: whose records it counts among."""
        return self.customer_owners([record.customer_id]).get(record.customer_id)

    def customer_owners(self, customer_ids: Collection[int]) -> dict[int, int | None]:
        rows = self.session.execute(select(Customer.id, Customer.owner_id)
                                    .where(Customer.id.in_(list(customer_ids)))).all()
        return {int(r[0]): r[1] for r in rows}

    def of_customer(self, customer_id: int, stages: Collection[str] | None = None,
                    limit: int = 1000) -> list[Project]:
        """The customer's projects not archived (of ``stages``, when given), the newest
        first."""
        stmt = select(Project).where(Project.customer_id == customer_id,
                                     Project.archived_at.is_(None))
        if stages is not None:
            stmt = stmt.where(Project.stage.in_(list(stages)))
        stmt = stmt.order_by(Project.id.desc()).limit(limit)
        return list(self.session.execute(stmt).scalars())

    def count_of_customer(self, customer_id: int, stages: Collection[str]) -> int:
        stmt = select(func.count()).select_from(Project).where(
            Project.customer_id == customer_id, Project.archived_at.is_(None),
            Project.stage.in_(list(stages)))
        return int(self.session.execute(stmt).scalar_one())


    def customers_with_projects(self, owners: Collection[int] | None, limit: int
                                ) -> list[tuple[int, str, str]]:
        """(id, code, name) of the customers with projects not archived, of ``owners``
        (None: all), by name: what the list's customer filter offers."""
        has = select(Project.id).where(Project.customer_id == Customer.id,
                                       Project.archived_at.is_(None)).exists()
        stmt = select(Customer.id, Customer.code, Customer.name).where(has)
        if owners is not None:
            stmt = stmt.where(Customer.owner_id.in_(list(owners) or [-1]))
        stmt = stmt.order_by(Customer.name_sort, Customer.id).limit(limit)
        return [(int(r[0]), str(r[1]), str(r[2])) for r in self.session.execute(stmt)]


def project_search_key(name: str, code: str) -> str:
    """What a search finds a project by: its name as written and in pinyin (full and
    initials), and its code."""
    search_text, _ = build_search_key([name, code], (), (), [pinyin_of_text(name)])
    return search_text
