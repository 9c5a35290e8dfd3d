"""A demo run that is killed, terminated or interrupted: its worker processes end with it,
and the database is left as it was (users, roles, department and customers commit together
or not at all), so the demo runs again on it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.data.database import open_database
from app.demo import DEMO_DEPARTMENT, create_demo_data

ROOT = Path(__file__).resolve().parents[2]
PROC = Path("/proc")
PATIENCE = 30.0  # seconds a process gets to end; a bound, not a measure of speed

Process = tuple[int, str]  # pid and start time, so that a reused pid is not taken for it


def query(url: str, sql: str) -> list[tuple]:
    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        db.dispose()


def _stat(pid: int | str) -> list[str] | None:
    """/proc/<pid>/stat from the state field on (the name before it may hold spaces)."""
    try:
        return (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def children_of(pid: int) -> set[Process]:
    found = set()
    for entry in PROC.iterdir():
        fields = _stat(entry.name) if entry.name.isdigit() else None
        if fields is not None and int(fields[1]) == pid:
            found.add((int(entry.name), fields[19]))
    return found


def running(process: Process) -> bool:
    fields = _stat(process[0])
    return fields is not None and fields[19] == process[1] and fields[0] not in ("Z", "X")


def still_running(processes: set[Process]) -> set[Process]:
    """Those of ``processes`` that have not ended within PATIENCE seconds."""
    deadline = time.monotonic() + PATIENCE
    left = {p for p in processes if running(p)}
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = {p for p in left if running(p)}
    return left


STALLED_IN_THE_LOAD = """
import os, sys, time
from app.cli import main
from app.data.kit import bulk
from app.demo import generate

os.cpu_count = lambda: 2  # two worker processes, whatever the machine
generate.CHUNK, generate.PARALLEL_FROM = 500, 1000
insert = bulk.BulkLoad.insert


def stalled(self, table, fields, rows):
    insert(self, table, fields, rows)
    if table == "customers":  # a chunk is written and the workers are making the next ones
        print("loading", flush=True)
        while True:
            time.sleep(1)


bulk.BulkLoad.insert = stalled
sys.exit(main(["--db", sys.argv[1], "demo", "--customers", "20000"]))
"""


@pytest.mark.skipif(not PROC.is_dir(), reason="finds the worker processes in /proc")
@pytest.mark.parametrize(("sent", "exit_code"), [
    (signal.SIGKILL, -signal.SIGKILL),
    (signal.SIGTERM, 128 + signal.SIGTERM),  # ends by SystemExit: rolled back, pool shut down
    (signal.SIGINT, 1),  # Ctrl+C, to the whole process group: "interrupted"
], ids=["kill-9", "term", "ctrl-c"])
def test_the_worker_processes_end_with_the_demo(tmp_path, sent, exit_code) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    open_database(url).dispose()
    demo = subprocess.Popen([sys.executable, "-c", STALLED_IN_THE_LOAD, url], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    started: set[Process] = set()
    try:
        assert demo.stdout is not None and demo.stdout.readline() == "loading\n"
        started = children_of(demo.pid)  # the two workers and multiprocessing's tracker
        assert len(started) >= 2
        if sent == signal.SIGINT:
            os.killpg(demo.pid, sent)
        else:
            demo.send_signal(sent)
        assert demo.wait(timeout=PATIENCE) == exit_code
        left = still_running(started)
    finally:
        demo.kill()
        for process in started:  # a failed test leaves no process behind
            if running(process):
                os.kill(process[0], signal.SIGKILL)
        _, errors = demo.communicate()
    assert left == set(), errors
    assert "Traceback" not in errors  # neither the demo nor its workers failed on the way
    assert query(url, "PRAGMA integrity_check") == [("ok",)]
    assert query(url, "SELECT count(*) FROM users") == [(0,)]
    db = open_database(url)
    assert create_demo_data(db, customers=50).customers == 50
    db.dispose()


KILLED_BEFORE_COMMIT = """
import os, sys
from app.data.kit import audit, bulk
from app.data.database import open_database
from app.demo import create_demo_data

bulk.BIG_LOAD = 100  # SQLite: the big load's rollback journal on disk
append = audit.AuditRepository.append


def killed(self, **entry):
    if entry["action"] == sys.argv[2]:
        os._exit(3)  # as if the machine lost power or the process was killed
    return append(self, **entry)


audit.AuditRepository.append = killed
create_demo_data(open_database(sys.argv[1]), customers=300)
"""


@pytest.mark.parametrize("entry", ["demo", "update"], ids=["after-the-customers",
                                                            "after-the-roles"])
def test_a_demo_killed_before_it_committed_leaves_nothing_and_runs_again(
        database_url, entry) -> None:
    """Killed once the customers are written (their summary entry), or once the users have
    their roles too (the roles' entry): nothing of the run is left, not users without
    roles, and so the demo does not refuse the database next time."""
    tables = ("users", "user_roles", "departments", "customers", "contacts", "audit_log",
              "projects", "suppliers", "products", "supplier_products")
    count = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables)
    count += " UNION ALL SELECT name, next_value FROM code_sequences"
    before = query(database_url, count)
    result = subprocess.run([sys.executable, "-c", KILLED_BEFORE_COMMIT, database_url, entry],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 3, result.stderr
    if database_url.startswith("sqlite"):
        assert query(database_url, "PRAGMA integrity_check") == [("ok",)]
    assert query(database_url, count) == before

    db = open_database(database_url)
    try:
        summary = create_demo_data(db, customers=50)
    finally:
        db.dispose()
    given = query(database_url, "SELECT u.username, r.code FROM users u "
                                "JOIN user_roles ur ON ur.user_id = u.id "
                                "JOIN roles r ON r.id = ur.role_id")
    assert dict(given) == summary.roles and len(given) == len(summary.roles)
    team = query(database_url, "SELECT u.username FROM users u JOIN departments d "
                               f"ON d.id = u.department_id WHERE d.name = '{DEMO_DEPARTMENT}'")
    assert sorted(n for (n,) in team) == sorted(
        u.username for u in summary.users if u.role in ("sales_manager", "salesperson"))
