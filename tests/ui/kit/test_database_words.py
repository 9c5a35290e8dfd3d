"""The dialog for a database that cannot be used: what happened and what to do, then which
database (password hidden) and what its driver said."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app.logic.kit.errors import DatabaseBusy, DatabaseLoginRefused, DatabaseUnavailable
from app.ui.kit.errors import ErrorDialog

PG = "postgresql+psycopg://kehu_app:***@dbserver/kehu"


@pytest.mark.parametrize(("error", "title", "advice"), [
    (DatabaseBusy("busy", "sqlite:////srv/kehu/kehu.db", "database is locked"),
     "Database busy", "Another program is using the database and holds it locked. Try again "
     "when it has finished."),
    (DatabaseLoginRefused("login", PG, 'password authentication failed for user "kehu_app"'),
     "Database unavailable", "The database server refused the login."),
    (DatabaseUnavailable("unreachable", PG, "Connection refused"), "Database unavailable",
     "The database server cannot be reached."),
    (DatabaseUnavailable("not_database", "sqlite:////home/li/notes.txt", "file is not a "
                         "database"), "Database unavailable", "The file is not a Kehu database."),
    (DatabaseUnavailable("folder", "sqlite:////no/such/x.db", "folder /no/such does not exist"),
     "Database unavailable", "The database's folder does not exist."),
])
def test_each_failure_says_what_to_do_and_names_the_database(qtbot, error, title, advice):
    dialog = ErrorDialog(error)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == title
    assert dialog.text().startswith(advice)
    assert dialog.text().endswith(f"\n\n{error.database}\n{error.detail}")
    assert dialog.icon() == QMessageBox.Icon.Warning  # expected, so no traceback
    assert dialog.detailedText() == ""
