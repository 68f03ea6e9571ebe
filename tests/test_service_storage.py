"""Storage pieces: accent folding, the blob store, migrations and the re-analysis of a document."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from helpers_service import SAMPLE_PLAN, needs_pipeline

from service.storage import BlobStore, Store
from service.storage.fold import fold, terms


def test_fold_makes_unaccented_queries_match_and_keeps_offsets() -> None:
    text = "Kết nạp ĐẢNG VIÊN mới\ttại xã Hòa Lợi"
    assert fold(text) == "ket nap dang vien moi tai xa hoa loi"
    assert len(fold(text)) == len(text)
    assert terms("  Kết nạp, đảng viên! kết ") == ["ket", "nap", "dang", "vien"]
    assert terms("kết\x00nạp") == ["ket", "nap"]


def test_blob_paths_come_from_the_hash_only(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    sha = "ab" * 32
    assert blobs.put(sha, b"du lieu") == tmp_path / "ab" / sha
    assert blobs.get(sha) == b"du lieu"
    with pytest.raises(ValueError):
        blobs.path("../../etc/passwd")
    blobs.delete(sha)
    assert not (tmp_path / "ab" / sha).exists()


def test_sqlite_database_is_created_on_first_use_in_wal_mode_and_migrates_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db' / 'chitieu.db'}"
    store = Store(url)
    assert not store.exists()
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0004"
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1  # on again after migrating
    assert store.fts  # the trigram index of the target text filters (Python's SQLite has FTS5)
    store.dispose()
    again = Store(url)
    assert again.exists() and again.pending_ids() == []
    again.dispose()


@needs_pipeline
def test_analysing_again_replaces_the_targets_instead_of_adding(tmp_path: Path) -> None:
    from nlp.ingest import read_bytes
    from nlp.pipeline import analyze_text

    store = Store(f"sqlite:///{tmp_path / 'chitieu.db'}")
    data = SAMPLE_PLAN.encode()
    doc, created = store.create("cd" * 32, "kh.txt", "text/plain", len(data))
    assert created
    ingested = read_bytes(data, "kh.txt")
    analysis = analyze_text(ingested.text, ingested.source, ingested.warnings)
    assert store.save_analysis(doc.id, analysis) and store.save_analysis(doc.id, analysis)
    stored = store.get(doc.id)
    assert stored.status == "done" and stored.n_targets == len(analysis.targets)
    from service.storage.models import TargetRow

    with store.session() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(TargetRow)) == len(analysis.targets)
    again, created = store.create("cd" * 32, "ban-sao.txt", "text/plain", len(data))
    assert (again.id, created) == (doc.id, False)
    assert store.save_analysis(12345, analysis) is False
    store.dispose()


def test_a_deleted_documents_id_is_never_given_to_the_next_upload(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'chitieu.db'}")
    first, _ = store.create("a1" * 32, "kh-1.txt", "text/plain", 10)
    newest, _ = store.create("a2" * 32, "kh-2.txt", "text/plain", 10)
    assert store.delete(newest.id) is not None
    after, created = store.create("a3" * 32, "kh-3.txt", "text/plain", 10)
    assert created and after.id > newest.id > first.id  # a link to the deleted one must not show another
    store.dispose()


def _fts_rows(conn: sa.Connection, word: str) -> int:
    return conn.exec_driver_sql("SELECT count(*) FROM targets_fts WHERE targets_fts MATCH ?", (f'"{word}"',)).scalar()


@needs_pipeline
def test_upgrading_a_database_keeps_every_analysis_target_and_search_index(tmp_path: Path) -> None:
    from alembic import command

    from nlp.ingest import read_bytes
    from nlp.pipeline import analyze_text
    from service.storage.db import alembic_config, foreign_keys_off

    url = f"sqlite:///{tmp_path / 'chitieu.db'}"
    store = Store(url)
    ingested = read_bytes(SAMPLE_PLAN.encode(), "kh.txt")
    analysis = analyze_text(ingested.text, ingested.source, ingested.warnings)
    ids = []
    for n in range(3):
        doc, _ = store.create(f"{n:02d}" * 32, f"kh-{n}.txt", "text/plain", 10)
        assert store.save_analysis(doc.id, analysis)
        ids.append(doc.id)
    with store.engine.connect() as conn, foreign_keys_off(conn):  # a database as the last release left it
        with conn.begin():
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002")
    store.dispose()

    def counts(conn: sa.Connection) -> tuple:
        tables = [conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in ("analyses", "targets", "entities")]
        return (*tables, _fts_rows(conn, "ket nap"))

    def inside_words(conn: sa.Connection) -> int:  # "hoa" only occurs inside "hoach" (kế hoạch)
        return _fts_rows(conn, "hoa")

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'documents'").scalar()
        assert "AUTOINCREMENT" not in sql
        before = counts(conn)
        assert inside_words(conn) > 0  # 0002's index: trigrams
    engine.dispose()
    assert before[0] == 3 and before[1] == 3 * len(analysis.targets) and before[3] > 0

    upgraded = Store(url)  # migrates on first use
    with upgraded.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0004"
        assert counts(conn) == before
        assert inside_words(conn) == 0  # 0004's index: words
        conn.exec_driver_sql("INSERT INTO targets_fts(targets_fts) VALUES ('integrity-check')")
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    assert [upgraded.get(i).status for i in ids] == ["done"] * 3
    upgraded.delete(ids[-1])
    doc, _ = upgraded.create("ff" * 32, "moi.txt", "text/plain", 10)
    assert doc.id > ids[-1]
    assert upgraded.save_analysis(doc.id, analysis)  # the triggers keep the index in step again
    with upgraded.engine.connect() as conn:
        assert _fts_rows(conn, "ket nap") == before[3]
        conn.exec_driver_sql("INSERT INTO targets_fts(targets_fts) VALUES ('integrity-check')")
    upgraded.dispose()
