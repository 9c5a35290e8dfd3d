"""A process saving customers through the services is killed (SIGKILL) at varied moments:
the SQLite file stays whole, every save that returned is there, nothing is half there (each
customer and contact has exactly the audit entries of its writes), and the audit chain
verifies."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from app.data.database import open_database
from app.logic.audit import ChainReport
from app.logic.services import Services
from tests.conftest import ADMIN_PASSWORD

ROOT = Path(__file__).resolve().parents[3]

SAVING = """
import itertools, os, random, signal, sys
from argon2 import PasswordHasher
from sqlalchemy import event
from app.data.database import open_database
from app.logic.admin import passwords
from app.logic.services import Services

passwords.HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
url, password, seed, kill_at = sys.argv[1:]
db = open_database(url)
statements = itertools.count(1)


def counted(*_):
    if next(statements) == int(kill_at):
        os.kill(os.getpid(), signal.SIGKILL)


event.listen(db.engine, "before_cursor_execute", counted)
services = Services.build(db.unit_of_work)
admin = services.auth.login("admin", password)
customers = services.customers
rng = random.Random(int(seed))
saved = {}
for n in range(1_000_000):
    if len(saved) < 3 or rng.random() < 0.3:
        people = [{"name": f"联系人 {seed}-{n}-{i}"} for i in range(rng.randrange(3))]
        changed = customers.create_customer(admin, {"name": f"客户 {seed}-{n}", "city": "北京"},
                                            allow_duplicate=True, contacts=people)
    else:
        mine = saved[rng.choice(list(saved))]
        changed = customers.update_customer(admin, mine.id, mine.version,
                                            {"phone": f"010-{n:07d}"}, allow_duplicate=True)
    saved[changed.saved.id] = changed.saved
    print(changed.saved.id, changed.saved.version, flush=True)
"""

# The saving process kills itself just before its k-th SQL statement (counted from its
# start, signing in included): at varied points inside a save's transaction...
AT_STATEMENT = (41, 58, 77)
# ... or is killed from outside once it has returned n saves, after a pause: anywhere,
# committing included.
AFTER_SAVES = ((3, 0.0), (9, 0.0013), (15, 0.004))
KILLS = [(k, 0, 0.0) for k in AT_STATEMENT] + [(0, n, pause) for n, pause in AFTER_SAVES]


@pytest.fixture
def url(tmp_path: Path, sqlite_template: Path, quick_hashing: None) -> str:
    path = tmp_path / "kehu.db"
    shutil.copyfile(sqlite_template, path)
    url = f"sqlite:///{path.as_posix()}"
    db = open_database(url)
    Services.build(db.unit_of_work).auth.create_admin("admin", ADMIN_PASSWORD)
    db.dispose()
    return url


def save_until_killed(url: str, seed: int, kill_at: int, seen: int, pause: float
                      ) -> dict[int, int]:
    """Run the saving process until it is killed; the customers whose save returned, at
    the version it returned."""
    saving = subprocess.Popen(
        [sys.executable, "-c", SAVING, url, ADMIN_PASSWORD, str(seed), str(kill_at)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        assert saving.stdout is not None
        while len(lines) < seen and (line := saving.stdout.readline()):
            lines.append(line)
        time.sleep(pause)
    finally:
        if seen:
            saving.kill()
        rest, errors = saving.communicate()
    assert saving.returncode == -signal.SIGKILL and len(lines) == seen, errors
    returned: dict[int, int] = {}
    for line in [*lines, *rest.splitlines()]:
        customer_id, version = map(int, line.split())
        returned[customer_id] = version
    return returned


def written(path: str) -> tuple[dict[int, int], dict[tuple[str, int], list[str]], set[int]]:
    """The database as the next user opens it (which recovers from the kill): customers'
    versions, the audit entries' actions by (entity, id), contacts. Checks the file is
    whole first."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for fts in ("customer_fts", "customer_fts_short"):
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES('integrity-check')")
        versions = dict(conn.execute("SELECT id, version FROM customers").fetchall())
        contacts = {r[0] for r in conn.execute("SELECT id FROM contacts")}
        actions: dict[tuple[str, int], list[str]] = defaultdict(list)
        for kind, entity_id, action in conn.execute(
                "SELECT entity_type, entity_id, action FROM audit_log "
                "WHERE entity_type IN ('customer', 'contact') ORDER BY id"):
            actions[(kind, int(entity_id))].append(action)
    conn.close()
    return versions, actions, contacts


def test_killed_while_saving_customers_corrupts_nothing_and_keeps_every_save(url) -> None:
    path = url.removeprefix("sqlite:///")
    before: dict[int, int] = {}
    for seed, (kill_at, seen, pause) in enumerate(KILLS):
        returned = save_until_killed(url, seed, kill_at, seen, pause)
        versions, actions, contacts = written(path)
        # every save that returned is there; at most the one the kill cut short besides
        assert all(versions.get(c, 0) >= v for c, v in returned.items())
        unreported = sum(v - max(before.get(c, 0), returned.get(c, 0))
                         for c, v in versions.items())
        assert unreported in (0, 1)
        # one audit entry per write, written with it: no write without its entry, no entry
        # without its write
        assert {c: actions[("customer", c)] for c in versions} == {
            c: ["create"] + ["update"] * (v - 1) for c, v in versions.items()}
        assert {k: a for k, a in actions.items() if k[0] == "contact"} == {
            ("contact", c): ["create"] for c in contacts}
        assert {c for kind, c in actions if kind == "customer"} == set(versions)
        report = verify_chain(url)
        assert report.intact, report
        assert report.checked >= sum(map(len, actions.values()))
        before = versions


def verify_chain(url: str) -> ChainReport:
    db = open_database(url)
    try:
        services = Services.build(db.unit_of_work)
        admin = services.auth.login("admin", ADMIN_PASSWORD)
        return services.audit.verify_audit_chain(admin)
    finally:
        db.dispose()
