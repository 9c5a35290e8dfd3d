"""Give the demo users their roles and the sales team its department (one audited write)."""

from __future__ import annotations

from app.data.models import Department
from app.logic.base import UowFactory
from app.logic.demo import DemoSummary

DEMO_DEPARTMENT = "销售一部 Sales team 1"


def assign_demo_roles(uow_factory: UowFactory, summary: DemoSummary) -> None:
    with uow_factory() as uow:
        ids = {u.username: u.user_id for u in summary.users}
        for demo_user in summary.users:
            user = uow.users.get(demo_user.user_id)
            assert user is not None
            user.roles = uow.roles.by_codes([demo_user.role])
        manager = next(u for u in summary.users if u.role == "sales_manager")
        team = uow.departments.by_name(DEMO_DEPARTMENT)
        if team is None:
            team = uow.departments.add(Department(name=DEMO_DEPARTMENT, manager_id=manager.user_id))
            uow.flush()
        for user_id in (manager.user_id, *summary.team):
            member = uow.users.get(user_id)
            assert member is not None
            member.department_id = team.id
        uow.flush()
        uow.audit.append(user_id=None, username="(demo)", action="update", entity_type="user",
                         entity_id="demo",
                         changes={"roles": [None, summary.roles],
                                  "department": [None, DEMO_DEPARTMENT],
                                  "team": [None, sorted(k for k in ids if k.startswith("sales"))]})
        uow.commit()
