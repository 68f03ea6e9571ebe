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
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0002"
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
