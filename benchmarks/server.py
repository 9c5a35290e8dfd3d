"""A server database to benchmark (``--db URL``): PostgreSQL, filled with demo customers
through the app's own bulk load when it has none (which ends with ``ANALYZE``)."""

from __future__ import annotations

import time

from sqlalchemy import text

from app.data.database import Database, open_database
from app.demo import generate_demo

SETTINGS = ("shared_buffers", "work_mem", "effective_cache_size", "random_page_cost",
            "default_statistics_target", "max_parallel_workers_per_gather", "jit")


def prepare(url: str, customers: int, seed: int) -> tuple[int, float | None]:
    """The customers in the database at ``url`` (upgraded first), and the seconds it took
    to fill it with ``customers`` demo customers (None when it had customers already)."""
    db = open_database(url)
    try:
        found = _customers(db)
        if found:
            return found, None
        started = time.perf_counter()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if time.perf_counter() - last[0] > 10 or done == total:
                last[0] = time.perf_counter()
                print(f"  loading: {done:,}/{total:,} customers "
                      f"({time.perf_counter() - started:.0f} s)", flush=True)

        generate_demo(db, customers=customers, seed=seed, progress=progress)
        return _customers(db), time.perf_counter() - started
    finally:
        db.dispose()


def _customers(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM customers")).scalar_one())


def describe(db: Database) -> dict[str, str]:
    """The server's version and the settings the planner and the caches go by."""
    with db.engine.connect() as conn:
        found = {"server": str(conn.execute(text("SELECT version()")).scalar_one())
                 .split(" on ")[0]}
        for name in SETTINGS:
            found[name] = str(conn.execute(text(f"SHOW {name}")).scalar_one())
    return found
