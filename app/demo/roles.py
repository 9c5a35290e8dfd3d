"""Give the demo users their roles and the sales team its department (one audited write)."""

from __future__ import annotations

from app.data.admin import Department, DepartmentRepository, RoleRepository, UserRepository
from app.data.database import Database
from app.demo.generate import DemoSummary

DEMO_DEPARTMENT = "销售一部 Sales team 1"


def assign_demo_roles(db: Database, summary: DemoSummary) -> None:
    with db.unit_of_work() as uow:
        users, roles = uow.get(UserRepository), uow.get(RoleRepository)
        ids = {u.username: u.user_id for u in summary.users}
        for demo_user in summary.users:
            user = users.get(demo_user.user_id)
            assert user is not None
            user.roles = roles.by_codes([demo_user.role])
        manager = next(u for u in summary.users if u.role == "sales_manager")
        departments = uow.get(DepartmentRepository)
        team = departments.by_name(DEMO_DEPARTMENT)
        if team is None:
            team = departments.new({"name": DEMO_DEPARTMENT, "manager_id": manager.user_id},
                                   None)
            uow.flush()
        for user_id in (manager.user_id, *summary.team):
            member = users.get(user_id)
            assert member is not None
            member.department_id = team.id
        uow.flush()
        uow.audit.append(user_id=None, username="(demo)", action="update", entity_type="user",
                         entity_id="demo",
                         changes={"roles": [None, summary.roles],
                                  "department": [None, DEMO_DEPARTMENT],
                                  "team": [None, sorted(k for k in ids if k.startswith("sales"))]})
        uow.commit()


__all__ = ["DEMO_DEPARTMENT", "Department", "assign_demo_roles"]
