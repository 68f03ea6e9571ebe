"""Targets: a trigram index of the folded search columns (SQLite FTS5), unit + value and year_end indexes.

Text filters (`text`, `issuer`, `location`) are substring tests on the `*_folded` columns; without an
index every filtered request scans the whole table (about 8 ms for 10,000 targets on SQLite). On
SQLite an FTS5 table with the trigram tokenizer (SQLite >= 3.34) answers them for words of 3 or more
characters; it holds no copy of the text (external content: the `targets` table) and three triggers
keep it in step with `targets`. Where FTS5 or its trigram tokenizer is missing the table is not
created and the filters keep scanning (`Store.fts` says which).

`ix_targets_unit` becomes `ix_targets_unit_value`: the same lookups by unit, and `unit=...` sorted
by value (the targets page's "%" column) reads the index in order instead of sorting.
`ix_targets_year_end`: `year_from` alone (targets for this year or later) is a range on `year_end`,
the second column of `ix_targets_year`, so it scanned that whole index.

A later migration that rebuilds `targets` through `batch_alter_table` (SQLite copies the table) must
create the triggers again.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op
from sqlalchemy.exc import DBAPIError

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

COLUMNS = "text_folded, orgs_folded, locations_folded"
NEW = "new.text_folded, new.orgs_folded, new.locations_folded"
OLD = "old.text_folded, old.orgs_folded, old.locations_folded"

FTS = [
    # case_sensitive 1: the columns and the query words are folded already, so matching stays the
    # exact substring test of instr()/strpos()
    f"CREATE VIRTUAL TABLE targets_fts USING fts5({COLUMNS}, content='targets', content_rowid='id', "
    "tokenize='trigram case_sensitive 1')",
    f"""CREATE TRIGGER targets_fts_ai AFTER INSERT ON targets BEGIN
        INSERT INTO targets_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW});
    END""",
    f"""CREATE TRIGGER targets_fts_ad AFTER DELETE ON targets BEGIN
        INSERT INTO targets_fts(targets_fts, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD});
    END""",
    f"""CREATE TRIGGER targets_fts_au AFTER UPDATE ON targets BEGIN
        INSERT INTO targets_fts(targets_fts, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD});
        INSERT INTO targets_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW});
    END""",
    "INSERT INTO targets_fts(targets_fts) VALUES ('rebuild')",  # the targets stored before
]


def _trigram_fts5() -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer."""
    bind = op.get_bind()
    try:
        bind.exec_driver_sql("CREATE VIRTUAL TABLE temp.chitieu_probe USING fts5(x, tokenize='trigram')")
    except DBAPIError:
        return False
    bind.exec_driver_sql("DROP TABLE temp.chitieu_probe")
    return True


def upgrade() -> None:
    op.drop_index('ix_targets_unit', table_name='targets')
    op.create_index('ix_targets_unit_value', 'targets', ['unit', 'value'], unique=False)
    op.create_index('ix_targets_year_end', 'targets', ['year_end'], unique=False)
    if op.get_bind().dialect.name == 'sqlite' and _trigram_fts5():
        for statement in FTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for trigger in ('targets_fts_ai', 'targets_fts_ad', 'targets_fts_au'):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS targets_fts")
    op.drop_index('ix_targets_year_end', table_name='targets')
    op.drop_index('ix_targets_unit_value', table_name='targets')
    op.create_index('ix_targets_unit', 'targets', ['unit'], unique=False)
