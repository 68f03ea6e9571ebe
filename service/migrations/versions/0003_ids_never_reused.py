"""Documents and targets: ids are never given out again after a delete (SQLite AUTOINCREMENT).

SQLite gives a new row the largest id + 1, so deleting the newest document handed its id to the next
upload: a saved link or an exported `document_id` then named another document. AUTOINCREMENT keeps the
largest id ever used (in `sqlite_sequence`). SQLite cannot add it to a table, so both tables are rebuilt
(copied with their ids, then swapped). PostgreSQL's sequences never reuse ids: nothing to do there.

Dropping `documents` with foreign keys on would cascade-delete every analysis, target and entity, so this
migration refuses to run unless foreign keys are off: `service.storage.db.migrate` and the alembic CLI
(`migrations/env.py`) turn them off before the first statement (a PRAGMA inside a transaction is a no-op)
and check the keys with `PRAGMA foreign_key_check` before committing. The copy of `targets` keeps its ids,
so the FTS5 index (migration 0002, keyed by rowid) stays valid; its triggers go with the old table and are
created again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def _fts_triggers() -> list[str]:
    """The triggers as migration 0002 wrote them (alembic loads version files by path, not as a package)."""
    spec = importlib.util.spec_from_file_location("chitieu_migration_0002", Path(__file__).with_name(
        "0002_target_search_index.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [s for s in module.FTS if s.startswith("CREATE TRIGGER")]


def _rebuild(autoincrement: bool) -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        return
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError(
            "migration 0003 rebuilds the documents table and must run with foreign keys off, or every "
            "analysis would be deleted with it; run it through the service or `alembic -c service/alembic.ini`"
        )
    fts = bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'targets_fts'").first() is not None
    for table in ('documents', 'targets'):
        with op.batch_alter_table(table, recreate='always', table_kwargs={'sqlite_autoincrement': autoincrement}):
            pass
    if fts:
        for statement in _fts_triggers():  # the index itself is intact
            op.execute(statement)


def upgrade() -> None:
    _rebuild(autoincrement=True)


def downgrade() -> None:
    _rebuild(autoincrement=False)
