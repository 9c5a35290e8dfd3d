"""Database privileges for the application's role in server mode.

The migrations (run by the schema owner) grant the role that the desktops connect as
(``KEHU_APP_DB_ROLE``, default ``kehu_app``) full rights on the ordinary tables but only
SELECT and INSERT on the audit log: the application can append to it, never change or
remove an entry. Nothing happens when that role does not exist (embedded SQLite, or a
server set up without a separate application role).
"""

from __future__ import annotations

import os
import re

DEFAULT_ROLE = "kehu_app"
AUDIT_TABLE = "audit_log"


def app_role() -> str:
    role = os.environ.get("KEHU_APP_DB_ROLE", DEFAULT_ROLE)
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", role):
        raise ValueError(f"KEHU_APP_DB_ROLE must be a plain identifier, got {role!r}")
    return role


def grant_statements(dialect: str, role: str) -> list[str]:
    if dialect == "postgresql":
        return [f"""DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO {role}', current_schema());
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO {role}',
                   current_schema());
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO {role}',
                   current_schema());
    REVOKE UPDATE, DELETE, TRUNCATE ON {AUDIT_TABLE} FROM {role};
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
