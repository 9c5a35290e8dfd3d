"""Give the demo users their roles and the sales team its department (one audited write),
in the demo load's transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.data.admin import Department, DepartmentRepository, RoleRepository, UserRepository
from app.data.kit.audit import AuditRepository

if TYPE_CHECKING:  # generate.py calls this module
    from app.demo.generate import DemoSummary

DEMO_DEPARTMENT = "销售一部 Sales team 1"


def assign_demo_roles(session: Session, summary: DemoSummary) -> None:
    """Flush the roles, the department and their audit entry on ``session``; committing
    (with the users and the customers) is the caller's."""
    users, roles = UserRepository(session), RoleRepository(session)
    for demo_user in summary.users:
        user = users.get(demo_user.user_id)
        assert user is not None
        user.roles = roles.by_codes([demo_user.role])
    manager = next(u for u in summary.users if u.role == "sales_manager")
    departments = DepartmentRepository(session)
    team = departments.by_name(DEMO_DEPARTMENT)
    if team is None:
        team = departments.new({"name": DEMO_DEPARTMENT, "manager_id": manager.user_id}, None)
        session.flush()
    for user_id in (manager.user_id, *summary.team):
        member = users.get(user_id)
        assert member is not None
        member.department_id = team.id
    session.flush()
    names = [u.username for u in summary.users]
    AuditRepository(session).append(
        user_id=None, username="(demo)", action="update", entity_type="user",
        entity_id="demo", changes={"roles": [None, summary.roles],
                                   "department": [None, DEMO_DEPARTMENT],
                                   "team": [None, sorted(n for n in names
                                                         if n.startswith("sales"))]})


__all__ = ["DEMO_DEPARTMENT", "Department", "assign_demo_roles"]
