"""`--db URL`: store the batch's analyses into the service database via `service.storage.Store`.

Storage is another component (and may be absent in a checkout); the batch
only calls its public `Store` (create by sha256, save_analysis), so documents
land exactly as an API upload would put them. Already stored contents are
skipped, so the option is as resumable as the batch itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


class DatabaseUnavailable(RuntimeError):
    """--db cannot be honoured (no storage module, bad URL, database unreachable)."""


def saver(url: str) -> Callable[[Path], int]:
    """Connect and migrate now (fail before the analysis); return `save(out_dir) -> analyses stored`."""
    try:
        from service.storage import Store
    except ImportError as exc:
        raise DatabaseUnavailable(f"the service storage (service.storage) is not available yet ({exc})") from None
    store = Store(url)
    try:
        _ = store.engine  # connects and migrates
    except Exception as exc:  # noqa: BLE001 - any driver error means the same to the user
        raise DatabaseUnavailable(f"cannot open the database ({type(exc).__name__}: {exc})") from None

    def save(out: Path) -> int:
        from nlp.schema import Analysis

        files = _first_files(out)
        stored = 0
        with open(out / "analyses.jsonl", encoding="utf-8") as fh:
            for line in fh:
                a = Analysis.model_validate_json(line)
                sha = a.source.sha256 or ""
                name, size = files.get(sha, (a.source.filename, len(a.text.encode())))
                doc, _created = store.create(sha, name, a.source.media_type, size)
                if doc.status != "done" and store.save_analysis(doc.id, a):
                    stored += 1
        store.dispose()
        return stored

    return save


def _first_files(out: Path) -> dict[str, tuple[str, int]]:
    """sha256 -> (file name, size) of the first path with that content, from documents.csv."""
    import csv

    result: dict[str, tuple[str, int]] = {}
    with open(out / "documents.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not row["duplicate_of"]:
                result[row["sha256"]] = (os.path.basename(row["path"]), int(row["bytes"]))
    return result


