"""The kit's tab of a record's children (a customer's projects, tickets, activities), shown
here with the projects' tab on real projects."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.logic.kit.dto import Actor, Record
from app.logic.services import Services
from app.ui.kit.context import Context
from app.ui.kit.table_model import ID_ROLE
from app.ui.projects import ProjectForm, ProjectsTab


def add_projects(services: Services, actor: Actor) -> tuple[Record, Record, list[Record]]:
    mine = services.customers.create_customer(actor, {"name": "北京星河科技有限公司"}).saved
    other = services.customers.create_customer(actor, {"name": "Shanghai Harbour"}).saved
    made = [services.projects.create_project(actor, {"name": name, "customer": mine.code}
                                             ).saved for name in ("ERP 实施", "CRM 升级")]
    services.projects.create_project(actor, {"name": "Port", "customer": other.code})
    return mine, other, made


def shown_ids(tab: ProjectsTab) -> list[int]:
    return [tab.model.index(r, 0).data(ID_ROLE) for r in range(tab.model.rowCount())]


def close_project_forms() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ProjectForm):
            widget.fields.mark_clean()
            widget.close()


def test_the_tab_lists_the_parents_records_newest_first_and_counts_them(
        qtbot, services, actor, context: Context) -> None:
    mine, _other, made = add_projects(services, actor)
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)
    tab.set_parent(mine)
    assert shown_ids(tab) == [made[1].id, made[0].id]  # only its own, the newest first
    assert tab.total.text() == "Projects: 2"
    assert tab.add_button.isEnabled() and tab.open_button.isEnabled()
    assert tab.table.currentIndex().row() == 0


def test_a_new_parent_says_save_first_and_adds_nothing(qtbot, services, actor,
                                                       context: Context,
                                                       translation) -> None:
    add_projects(services, actor)
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)
    tab.set_parent(None)
    assert tab.model.rowCount() == 0
    assert tab.hint.text() == "Save the customer first; then add its projects here."
    assert not tab.add_button.isEnabled() and tab.on_add() is None
    translation.install("zh_CN")
    chinese = ProjectsTab(context)
    qtbot.addWidget(chinese)
    chinese.set_parent(None)
    assert chinese.hint.text() == "请先保存客户，然后在此添加项目。"


def test_add_opens_a_new_record_of_the_parent_and_a_saved_one_joins_the_list(
        qtbot, services, actor, context: Context) -> None:
    mine, _other, made = add_projects(services, actor)
    tab = ProjectsTab(context)
    qtbot.addWidget(tab)
    tab.set_parent(mine)
    try:
        form = tab.on_add()
        assert isinstance(form, ProjectForm)
        assert form.fields.value("customer") == mine.id
        changed = services.projects.create_project(actor, {"name": "仓储", "customer":
                                                           mine.code})
        context.hub.broadcast(changed)
        assert shown_ids(tab)[0] == changed.saved.id and tab.total.text() == "Projects: 3"
        # a change of a shown one redraws it in place
        renamed = services.projects.update_project(actor, made[0].id, made[0].version,
                                                   {"name": "ERP 二期"})
        context.hub.broadcast(renamed)
        name = tab.model.column_of("name")
        row = shown_ids(tab).index(made[0].id)
        assert tab.model.index(row, name).data(Qt.ItemDataRole.DisplayRole) == "ERP 二期"
    finally:
        close_project_forms()


def test_a_user_without_the_create_right_cannot_add(qtbot, services, actor, make_actor,
                                                    make_context) -> None:
    mine, _other, _made = add_projects(services, actor)
    auditor = make_context(make_actor("auditor1", ("auditor",)))
    tab = ProjectsTab(auditor)
    qtbot.addWidget(tab)
    tab.set_parent(mine)
    assert len(shown_ids(tab)) == 2
    assert not tab.add_button.isEnabled() and tab.on_add() is None
