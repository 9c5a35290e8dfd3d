"""Database privileges for the application's role in server mode.

The migrations (run by the schema owner) grant the role that the desktops connect as
(``KEHU_APP_DB_ROLE``, default ``kehu_app``) what the application does and no more:

- every ordinary table: SELECT, INSERT, UPDATE, DELETE;
- ``audit_log``: SELECT and INSERT only: the application appends, never changes or removes;
- once migration 0008 made the function that moves the audit head (PostgreSQL): on
  ``audit_head`` SELECT only (the head moves through ``audit_advance_head``, which the role
  may EXECUTE), on ``alembic_version`` SELECT only, and on ``users`` UPDATE of the columns
  the application changes (``USERS_UPDATED``): never a user's id, name or creation stamp.

Every migration that adds tables calls ``grant_statements()`` again, and it keeps all of the
above. Nothing happens when the role does not exist (embedded SQLite, or a server set up
without a separate application role).
"""

from __future__ import annotations

import os
import re

DEFAULT_ROLE = "kehu_app"
AUDIT_TABLE = "audit_log"
HEAD_TABLE = "audit_head"
ADVANCE_HEAD = "audit_advance_head(integer)"
# What the application writes to a user: sign-in (failed_logins, locked_until, last_login_at,
# a stronger password_hash), administration (display name, department, active, password
# reset) and the tracking columns. Checked against the code in tests/data/test_audit_grants.
USERS_UPDATED = ("display_name", "password_hash", "is_active", "must_change_password",
                 "failed_logins", "locked_until", "last_login_at", "department_id",
                 "password_changed_at", "updated_at", "updated_by", "version")


def app_role() -> str:
    role = os.environ.get("KEHU_APP_DB_ROLE", DEFAULT_ROLE)
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", role):
        raise ValueError(f"KEHU_APP_DB_ROLE must be a plain identifier, got {role!r}")
    return role


def grant_statements(dialect: str, role: str) -> list[str]:
    if dialect == "postgresql":
        columns = ", ".join(f"'{c}'" for c in USERS_UPDATED)
        return [f"""DO $$
DECLARE
  updated text;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO {role}', current_schema());
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO {role}',
                   current_schema());
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO {role}',
                   current_schema());
    REVOKE UPDATE, DELETE, TRUNCATE ON {AUDIT_TABLE} FROM {role};
    IF to_regprocedure('{ADVANCE_HEAD}') IS NOT NULL THEN
      REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {HEAD_TABLE} FROM {role};
      REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {role};
      REVOKE UPDATE, TRUNCATE ON users FROM {role};
      SELECT string_agg(quote_ident(column_name), ', ') INTO updated
        FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'users'
          AND column_name IN ({columns});
      EXECUTE format('GRANT UPDATE (%s) ON users TO {role}', updated);
      GRANT EXECUTE ON FUNCTION {ADVANCE_HEAD} TO {role};
    END IF;
  END IF;
END $$"""]
    if dialect == "mssql":
        return [f"""IF DATABASE_PRINCIPAL_ID(N'{role}') IS NOT NULL
BEGIN
  GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA::dbo TO [{role}];
  DENY UPDATE, DELETE ON dbo.{AUDIT_TABLE} TO [{role}];
END"""]
    return []


def revoke_statements(dialect: str, role: str) -> list[str]:
    if dialect == "postgresql":
        return [f"""DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM {role}', current_schema());
    EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM {role}', current_schema());
  END IF;
END $$"""]
    if dialect == "mssql":
        return [f"""IF DATABASE_PRINCIPAL_ID(N'{role}') IS NOT NULL
BEGIN
  REVOKE UPDATE, DELETE ON dbo.{AUDIT_TABLE} TO [{role}];
  REVOKE SELECT, INSERT, UPDATE, DELETE ON SCHEMA::dbo TO [{role}];
END"""]
    return []
