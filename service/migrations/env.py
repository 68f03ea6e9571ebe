"""Alembic environment: the app passes its connection; the alembic CLI uses the service settings."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from service.storage.models import Base

config = context.config
target_metadata = Base.metadata


def include_name(name: str | None, type_: str, _parent_names: dict) -> bool:
    """Autogenerate leaves alone what migrations create outside the models: the FTS5 index of the
    targets and its shadow tables (targets_fts, targets_fts_data, ...)."""
    return not (type_ == "table" and name is not None and name.startswith("targets_fts"))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copy
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from service.settings import get_settings
    from service.storage.db import check_foreign_keys, foreign_keys_off, make_engine

    url = config.get_main_option("sqlalchemy.url") or get_settings().database
    engine = make_engine(url)
    with engine.connect() as conn, foreign_keys_off(conn):
        _run(conn)
        check_foreign_keys(conn)
        conn.commit()
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
