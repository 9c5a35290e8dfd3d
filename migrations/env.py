"""alembic environment: finds the database the same way the app does."""

from __future__ import annotations

import warnings
from logging.config import fileConfig

from alembic import context

from app.data.customers import SQL_SERVER_ONLY_INDEXES
from app.data.engine import make_engine, resolve_url
from app.data.kit.base import Base
from app.data.kit.indexes import dialects_of
from app.data.kit.registry import load_registry

load_registry()  # every module's tables into Base.metadata

config = context.config
if config.config_file_name is not None and not config.attributes.get("connection"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata

# Objects that migrations manage by hand and autogenerate must not touch
# (SQLite FTS5 tables, the PostgreSQL trigram indexes of customers and products).
HAND_MANAGED_PREFIXES = ("customer_fts", "product_search_trgm")


def include_object(obj, name, type_, reflected, compare_to):
    if type_ == "index" and name in SQL_SERVER_ONLY_INDEXES:
        return context.get_context().dialect.name == "mssql"
    dialects = dialects_of(obj) if type_ == "index" and not reflected else None
    if dialects is not None:  # made on some databases only (app.data.kit.indexes.only_on)
        return context.get_context().dialect.name in dialects
    return not (type_ in ("table", "index") and name and name.startswith(HAND_MANAGED_PREFIXES))


def database_url() -> str:
    return context.get_x_argument(as_dictionary=True).get("db") or resolve_url()


def dialect_options() -> dict:
    opts: dict = {"paramstyle": "named"}
    if database_url().startswith("mssql"):
        opts["deprecate_large_types"] = True  # NVARCHAR(max), never NTEXT / IMAGE
    return opts


def run_offline() -> None:
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts=dialect_options(),
        render_as_batch=True,
        include_object=include_object,
    )
    if context.get_context().dialect.name == "mssql":  # no server to ask: SQL Server 2019,
        context.get_context().dialect.server_version_info = (15,)  # so Date is DATE not DATETIME
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(database_url(), foreign_keys=False)
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction(), warnings.catch_warnings():
        # SQLite cannot reflect the expression index ix_customers_name_lower (migration
        # 0004), so autogenerate skips comparing it; on PostgreSQL it is compared.
        warnings.filterwarnings("ignore", message=".*expression-based index")
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
