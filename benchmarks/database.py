"""The benchmark database: built once per size and seed, cached under benchmarks/.cache/."""

from __future__ import annotations

import time
from pathlib import Path

from app.data.database import Database, open_database
from app.demo import generate_demo

CACHE = Path(__file__).resolve().parent / ".cache"
FORMAT = 9  # bump when the generated data or the schema changes (9: the demo's sales)


def database_path(customers: int, seed: int) -> Path:
    return CACHE / f"bench-{customers}-s{seed}-f{FORMAT}.db"


def build(customers: int, seed: int, rebuild: bool = False) -> tuple[Path, float | None]:
    """The path of a database with ``customers`` demo customers and the seconds it took to
    build (None when it came from the cache)."""
    path = database_path(customers, seed)
    if path.exists() and not rebuild:
        return path, None
    CACHE.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    partial = path.with_suffix(".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_database(f"sqlite:///{partial}")
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 10 or done == total:
            last[0] = time.perf_counter()
            print(f"  building: {done:,}/{total:,} customers "
                  f"({time.perf_counter() - started:.0f} s)", flush=True)

    generate_demo(db, customers=customers, seed=seed, progress=progress)
    seconds = time.perf_counter() - started
    _checkpoint(db)
    db.dispose()
    partial.rename(path)
    return path, seconds


def _checkpoint(db: Database) -> None:
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
