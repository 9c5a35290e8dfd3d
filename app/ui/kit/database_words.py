"""What the desktop says when the database itself fails (``DatabaseUnavailable``): what
happened and what to do, in the user's language, then which database and what its driver
said (as the data layer reported them, password hidden)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.logic.kit.errors import DatabaseUnavailable


class DatabaseWords(QObject):
    def title(self, error: DatabaseUnavailable) -> str:
        if error.kind == "busy":
            return self.tr("Database busy")
        return self.tr("Database unavailable")

    def problem(self, error: DatabaseUnavailable) -> str:
        """The advice, then the database and the driver's words on lines of their own."""
        said = "\n".join(part for part in (error.database, error.detail) if part)
        return f"{self.advice(error.kind)}\n\n{said}"

    def advice(self, kind: str) -> str:
        words = {
            "busy": self.tr("Another program is using the database and holds it locked. "
                            "Try again when it has finished."),
            "login": self.tr("The database server refused the login. Check the user name "
                             "and password in the database URL (KEHU_DATABASE_URL or "
                             "kehu.toml)."),
            "unreachable": self.tr("The database server cannot be reached. Check that the "
                                   "server is running and the network works, then try "
                                   "again."),
            "missing": self.tr("The database does not exist. Check the database name in "
                               "the URL."),
            "server": self.tr("The database server reported an error. Try again; if it "
                              "keeps failing, ask the database administrator."),
            "folder": self.tr("The database's folder does not exist. Create the folder, "
                              "or correct the path."),
            "file": self.tr("The database file cannot be opened or written. Check the path "
                            "and that you may read and write the file and its folder."),
            "not_database": self.tr("The file is not a Kehu database. Check the path; if "
                                    "it was one, restore a backup copy (kehu.backup-*.db "
                                    "beside it)."),
            "backup": self.tr("The backup copy could not be written before the upgrade; "
                              "the database was not changed. Free some disk space or check "
                              "the folder's permissions."),
            "settings": self.tr("The settings file kehu.toml cannot be read. Correct it or "
                                "remove it."),
            "url": self.tr("The database URL is not valid."),
            "scheme": self.tr("The database URL names a kind of database Kehu does not know "
                              "(it works with SQLite, PostgreSQL and SQL Server)."),
            "driver": self.tr("The driver for this database is not installed."),
        }
        return words.get(kind, self.tr("The database cannot be used."))


def database_problem(error: DatabaseUnavailable) -> tuple[str, str]:
    """(title, text) for a dialog about ``error``."""
    words = DatabaseWords()
    return words.title(error), words.problem(error)
