"""Targets: the search index holds words (FTS5 unicode61), not trigrams, so text filters match whole words.

The trigram index of 0002 answered "does this word occur anywhere": `hoa` found every `kế hoạch`, `3%`
every `13%`. A word index answers "does this word stand alone": its tokens are runs of letters and
digits, exactly the words of `service.storage.fold.word_pattern`, so a query word made only of letters and
digits is answered by the index alone (count and pages included), with no test on the rows. Words of one
or two characters are indexed too. The columns hold folded text already, so the tokenizer removes no
diacritics. Same table name, columns, external content and triggers as 0002: only the tokenizer changes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op
from sqlalchemy.exc import DBAPIError

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

WORDS = "unicode61 remove_diacritics 0"
TRIGRAMS = "trigram case_sensitive 1"
TRIGGERS = ('targets_fts_ai', 'targets_fts_ad', 'targets_fts_au')


def _statements_0002() -> list[str]:
    """The index as migration 0002 wrote it (alembic loads version files by path, not as a package)."""
    spec = importlib.util.spec_from_file_location("chitieu_migration_0002", Path(__file__).with_name(
        "0002_target_search_index.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.FTS)


def _can_create(tokenizer: str) -> bool:
    bind = op.get_bind()
    try:
        bind.exec_driver_sql(f"CREATE VIRTUAL TABLE temp.chitieu_probe USING fts5(x, tokenize='{tokenizer}')")
    except DBAPIError:
        return False
    bind.exec_driver_sql("DROP TABLE temp.chitieu_probe")
    return True


def _replace_index(tokenizer: str) -> None:
    """Drop the targets' index and its triggers; build it again with `tokenizer` from the stored targets."""
    if op.get_bind().dialect.name != 'sqlite':
        return
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS targets_fts")
    if not _can_create(tokenizer):  # no FTS5 (or no trigram tokenizer): the filters test every row
        return
    for statement in _statements_0002():
        op.execute(statement.replace(f"tokenize='{TRIGRAMS}'", f"tokenize='{tokenizer}'"))


def upgrade() -> None:
    _replace_index(WORDS)


def downgrade() -> None:
    _replace_index(TRIGRAMS)
