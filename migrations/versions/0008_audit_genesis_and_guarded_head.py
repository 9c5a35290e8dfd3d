"""the audit chain's genesis entry and a head only the chain may move

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

- A **genesis entry** (action ``genesis``, a random id of this chain) is appended to the
  audit log, so an emptied log no longer verifies: ``kehu audit verify`` reports a log
  without one. On a new database it is entry 1; on a database with entries it goes on from
  the log's last entry (a ``head_recovered`` entry first when the head disagreed with the
  log). Offline (a script, as for SQL Server) the log cannot be read: the script writes
  the genesis entry only into an empty log.
- **PostgreSQL**: the function ``audit_advance_head(entry_id)`` (SECURITY DEFINER, owned by
  the schema owner) is the only way the application's role moves the head: only to the
  newest entry, which must link to the entry before it and follow the head (or be a
  ``head_recovered`` entry). The application's role (``grant_statements``) then gets on
  ``audit_head`` only SELECT, on ``users`` UPDATE of the columns the application changes
  (not ``id``, ``username``, ``created_at``, ``created_by``), on ``alembic_version`` only
  SELECT, and EXECUTE on the function. Appenders serialise on an advisory lock
  (``app.data.kit.audit.HEAD_LOCK``), which needs no privilege.
- **SQL Server**: not done here. The application keeps moving the head itself, and its role
  keeps the rights of migration 0003 (no UPDATE or DELETE on ``audit_log``). A T-SQL
  equivalent (a procedure with EXECUTE AS OWNER, column-level DENY) could not be tested on
  this project's machines.

Downgrading drops the function and grants again as 0007 did; the genesis entry stays (it is
part of the chain: removing it would break every later link).
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.data.grants import app_role, grant_statements
from app.data.types import UtcDateTime, utcnow

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOG = sa.table("audit_log", sa.column("id", sa.Integer), sa.column("at", UtcDateTime),
               sa.column("user_id", sa.Integer), sa.column("username", sa.Unicode),
               sa.column("action", sa.Unicode), sa.column("entity_type", sa.Unicode),
               sa.column("entity_id", sa.Unicode), sa.column("changes", sa.UnicodeText),
               sa.column("prev_hash", sa.Unicode), sa.column("hash", sa.Unicode))
HEAD = sa.table("audit_head", sa.column("id", sa.Integer), sa.column("last_id", sa.Integer),
                sa.column("last_hash", sa.Unicode))
WHO = "(migration)"

ADVANCE_HEAD = """
CREATE OR REPLACE FUNCTION audit_advance_head(entry_id integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $fn$
DECLARE
  entry record;
  head record;
  newest integer;
  before_hash varchar;
BEGIN
  SELECT id, hash, prev_hash, action INTO entry FROM audit_log WHERE id = entry_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit entry % does not exist', entry_id;
  END IF;
  SELECT max(id) INTO newest FROM audit_log;
  IF newest <> entry_id THEN
    RAISE EXCEPTION 'audit entry % is not the newest (%)', entry_id, newest;
  END IF;
  IF entry_id = 1 THEN
    before_hash := '';
  ELSE
    SELECT hash INTO before_hash FROM audit_log WHERE id = entry_id - 1;
  END IF;
  IF before_hash IS NULL OR entry.prev_hash <> before_hash THEN
    RAISE EXCEPTION 'audit entry % does not link to the entry before it', entry_id;
  END IF;
  SELECT last_id, last_hash INTO head FROM audit_head WHERE id = 1 FOR UPDATE;
  IF entry.action <> 'head_recovered' AND (head.last_id IS NULL
      OR head.last_id <> entry_id - 1 OR head.last_hash <> entry.prev_hash) THEN
    RAISE EXCEPTION 'audit entry % does not follow the head', entry_id;
  END IF;
  INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, entry.id, entry.hash)
  ON CONFLICT (id) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash;
END
$fn$"""

# The function finds its tables in the schema it was made in, never in one a caller puts
# first on the search path.
PIN_SEARCH_PATH = """DO $$
BEGIN
  EXECUTE format('ALTER FUNCTION audit_advance_head(integer) SET search_path = %I, pg_temp',
                 current_schema());
  REVOKE ALL ON FUNCTION audit_advance_head(integer) FROM PUBLIC;
END $$"""


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    if op.get_context().as_sql:
        _genesis_into_an_empty_log()
    else:
        _append_genesis()
    if dialect == "postgresql":
        op.execute(ADVANCE_HEAD)
        op.execute(PIN_SEARCH_PATH)
        for statement in grant_statements(dialect, app_role()):  # now with the guarded head
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_advance_head(integer)")
        for statement in grant_statements(dialect, app_role()):  # as 0007 left them
            op.execute(statement)


def _entry(after_id: int, after_hash: str, action: str, changes: dict[str, object]
           ) -> dict[str, object]:
    from app.data.kit.audit import changes_text, entry_hash  # the chain's own hash

    at, text = utcnow(), changes_text(changes)
    entry_id = after_id + 1
    return {"id": entry_id, "at": at, "user_id": None, "username": WHO, "action": action,
            "entity_type": "audit_log", "entity_id": "", "changes": text,
            "prev_hash": after_hash,
            "hash": entry_hash(after_hash, entry_id, at, None, WHO, action, "audit_log", "",
                               text)}


def _genesis() -> dict[str, object]:
    return {"chain": [None, uuid.uuid4().hex]}


def _append_genesis() -> None:
    """The genesis entry after the log's last entry (unless the log has one already)."""
    from app.data.kit.audit import GENESIS, RECOVERED, Link, recovery_changes

    bind = op.get_bind()
    if bind.execute(sa.select(LOG.c.id).where(LOG.c.action == GENESIS).limit(1)).first():
        return
    last_row = bind.execute(sa.select(LOG.c.id, LOG.c.hash).order_by(LOG.c.id.desc())
                            .limit(1)).first()
    last = Link(last_row.id, last_row.hash) if last_row else Link(0, "")
    head_row = bind.execute(sa.select(HEAD.c.last_id, HEAD.c.last_hash)
                            .where(HEAD.c.id == 1)).first()
    head = Link(head_row.last_id, head_row.last_hash) if head_row else None
    entries = []
    if head != last:
        entries.append(_entry(last.id, last.hash, RECOVERED, recovery_changes(head, last)))
        last = Link(int(entries[-1]["id"]), str(entries[-1]["hash"]))
    entries.append(_entry(last.id, last.hash, GENESIS, _genesis()))
    for entry in entries:
        bind.execute(LOG.insert().values(**entry))
    newest = {"last_id": entries[-1]["id"], "last_hash": entries[-1]["hash"]}
    if head_row is None:
        bind.execute(HEAD.insert().values(id=1, **newest))
    else:
        bind.execute(HEAD.update().where(HEAD.c.id == 1).values(**newest))


def _genesis_into_an_empty_log() -> None:
    """Offline (a script): entry 1 and the head naming it, only when the log is empty."""
    from app.data.kit.audit import GENESIS

    genesis = _entry(0, "", GENESIS, _genesis())
    values = [sa.null() if value is None else sa.literal(value, LOG.c[name].type)
              for name, value in genesis.items()]
    empty = ~sa.exists(sa.select(LOG.c.id))
    op.execute(LOG.insert().from_select(list(genesis), sa.select(*values).where(empty)))
    written = sa.exists(sa.select(LOG.c.id).where(LOG.c.id == 1,
                                                  LOG.c.hash == genesis["hash"]))
    op.execute(HEAD.update().where(HEAD.c.id == 1, written)
               .values(last_id=1, last_hash=genesis["hash"]))
