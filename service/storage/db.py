"""Engines and migrations: SQLite (WAL) by default, any SQLAlchemy URL (PostgreSQL) otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from service.storage.fold import has_word

ALEMBIC_INI = Path(__file__).resolve().parents[1] / "alembic.ini"
MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def make_engine(url: str) -> Engine:
    if not is_sqlite(url):
        return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=20)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DBAPI connection
        cur = dbapi_conn.cursor()
        # WAL: readers never wait for the analysis worker's writes
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        # the default 2 MB page cache makes every filtered page re-read the table from the OS
        cur.execute("PRAGMA cache_size=-65536")
        cur.execute("PRAGMA mmap_size=268435456")
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()
        # the whole-word test of text filters (`queries.has_word`)
        dbapi_conn.create_function("chitieu_has_word", 2, has_word, deterministic=True)

    return engine


def has_target_fts(engine: Engine) -> bool:
    """Whether migration 0002 could create the FTS5 trigram index of the targets (SQLite only)."""
    if engine.dialect.name != "sqlite":
        return False
    with engine.connect() as conn:
        found = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'targets_fts'")
        return found.first() is not None


def alembic_config(url: str):  # noqa: ANN201 - alembic.config.Config, imported lazily
    from alembic.config import Config

    cfg = Config(str(ALEMBIC_INI))
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent)."""
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.connect() as conn, foreign_keys_off(conn):
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            check_foreign_keys(conn)


@contextmanager
def foreign_keys_off(conn: Connection) -> Iterator[None]:
    """SQLite: foreign keys off while migrating, on again for the pooled connection afterwards.

    A migration that rebuilds a parent table (0003) drops it, which with foreign keys on deletes every
    child row through ON DELETE CASCADE. The PRAGMA has no effect inside a transaction: it is issued
    and committed before the migration's transaction begins."""
    if conn.dialect.name != "sqlite":
        yield
        return
    conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
    conn.commit()
    try:
        yield
    finally:
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        conn.commit()


def check_foreign_keys(conn: Connection) -> None:
    """Refuse to commit a migration that left a row pointing at nothing (SQLite checks none while off)."""
    if conn.dialect.name == "sqlite" and (bad := conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()):
        raise RuntimeError(f"migration left {len(bad)} rows with a broken foreign key (first: {tuple(bad[0])})")
