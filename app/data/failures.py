"""When the database itself fails: one error a person can act on instead of a traceback.

A wrong password, a server that is down, a URL that cannot be read, a SQLite file that
cannot be created or is no database, another program holding the write lock: each becomes
a ``DatabaseUnavailable`` whose text is one line (what failed, which database with the
password hidden, what to do) and whose ``kind`` lets a screen say it in the user's
language. ``explain`` turns a driver's or SQLAlchemy's exception into one; what it does not
recognise (a bug) it leaves alone.
"""

from __future__ import annotations

import re

from sqlalchemy.exc import DBAPIError

# kind -> (what failed, with {db}, what to do)
_WORDS = {
    "login": ("the database server refused the login to {db}",
              "check the user name and password in the database URL"),
    "unreachable": ("cannot reach the database server for {db}",
                    "check that the server is running and the host and port are right, "
                    "then try again"),
    "missing": ("the database {db} does not exist",
                "check the database name in the URL"),
    "server": ("the database server failed for {db}",
               "try again; if it keeps failing, ask the database administrator"),
    "busy": ("another program holds the database {db}",
             "try again when it has finished"),
    "folder": ("cannot create the database {db}",
               "create the folder first, or correct the path"),
    "file": ("cannot open or write the database file {db}",
             "check the path and that you may read and write the file and its folder"),
    "not_database": ("{db} is not a SQLite database",
                     "check the path, or restore a backup copy (kehu.backup-*.db beside it) "
                     "if it was a Kehu database"),
    "backup": ("cannot write the backup copy of {db} before upgrading it",
               "free some disk space or check the folder's permissions; the database was "
               "not changed"),
    "settings": ("cannot read the settings file {db}",
                 'correct its database_url = "..." line, or remove the file'),
    "url": ("cannot read the database URL {db}",
            "write it as sqlite:///PATH or DIALECT+DRIVER://USER:PASSWORD@HOST[:PORT]/NAME"),
    "scheme": ("unknown kind of database or driver in {db}",
               "use sqlite:///PATH, postgresql+psycopg://USER@HOST/NAME or "
               "mssql+pyodbc://USER@HOST/NAME?driver=..."),
    "driver": ("the database driver for {db} is not installed",
               "use postgresql+psycopg:// (uv sync --extra postgres) or mssql+pyodbc:// "
               "(pyodbc and an ODBC driver)"),
}


class DatabaseUnavailable(Exception):
    """The database cannot be used; nothing was done. ``kind`` is one of the keys of the
    table above; ``database`` is the URL with its password hidden; ``detail`` is what the
    driver or the operating system said."""

    exit_code = 1

    def __init__(self, kind: str, database: str, detail: str = "") -> None:
        self.kind = kind
        self.database = database
        self.detail = detail
        what, advice = _WORDS[kind]
        said = f" ({detail})" if detail else ""
        super().__init__(f"{what.format(db=database)}{said}; {advice}")


class DatabaseLoginRefused(DatabaseUnavailable):
    """The server refused the database account (not a Kehu user's sign-in)."""

    exit_code = 3


class DatabaseBusy(DatabaseUnavailable):
    """Another program held the write lock longer than the busy timeout."""


def failure(kind: str, database: str, detail: str = "") -> DatabaseUnavailable:
    kinds: dict[str, type[DatabaseUnavailable]] = {"login": DatabaseLoginRefused,
                                                   "busy": DatabaseBusy}
    return kinds.get(kind, DatabaseUnavailable)(kind, database, detail)


def explain(error: BaseException, database: str) -> DatabaseUnavailable | None:
    """The ``DatabaseUnavailable`` that ``error`` means, or None when it is not about the
    database being unusable (then it is a bug, and its traceback is wanted)."""
    if isinstance(error, DatabaseUnavailable):
        return error
    orig = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    driver = type(orig).__module__.split(".")[0]
    kind = None
    if driver == "sqlite3":
        kind = _sqlite_kind(str(orig))
    elif driver == "psycopg":
        kind = _postgresql_kind(orig, error)
    elif driver == "pyodbc":
        kind = _sql_server_kind(orig)
    if kind is None:
        return None
    return failure(kind, database, _detail(orig))


def _sqlite_kind(message: str) -> str | None:
    message = message.lower()
    if "locked" in message:  # "database is locked", "database table is locked"
        return "busy"
    if "not a database" in message or "malformed" in message:
        return "not_database"
    if any(words in message for words in ("unable to open", "readonly", "disk i/o",
                                          "disk is full", "read-only")):
        return "file"
    return None


def _postgresql_kind(orig: BaseException, error: BaseException) -> str | None:
    names = {cls.__name__ for cls in type(orig).__mro__}
    invalidated = getattr(error, "connection_invalidated", False)
    if not (names & {"OperationalError", "InterfaceError"} or invalidated):
        return None
    state = getattr(orig, "sqlstate", None) or ""
    message = str(orig)
    if state.startswith("28") or "authentication failed" in message \
            or "no password supplied" in message:
        return "login"
    if state == "3D000" or re.search(r'database ".*" does not exist', message):
        return "missing"
    if state == "55P03":  # lock_not_available
        return "busy"
    if message.startswith(("connection failed", "connection to server")) or invalidated \
            or names & {"InterfaceError"}:
        return "unreachable"
    return "server"


def _sql_server_kind(orig: BaseException) -> str | None:
    state = str(orig.args[0]) if orig.args else ""
    if state == "28000":
        return "login"
    if state in ("08001", "08S01", "HYT00", "HYT01"):
        return "unreachable"
    if state == "IM002":  # data source name or driver not found
        return "driver"
    return None


def _detail(orig: BaseException) -> str:
    """The part of the driver's message a person needs, on one line."""
    if type(orig).__module__.split(".")[0] == "pyodbc" and len(orig.args) > 1:
        text = re.sub(r"^(\[[^\]]*\])+", "", str(orig.args[1]))
    else:
        lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
        text = lines[0] if lines else type(orig).__name__
    text = re.sub(r"^connection failed: ", "", text)
    text = re.sub(r"^connection to server at .*?failed: ", "", text)
    return re.sub(r"^FATAL:\s+", "", text).strip()
