"""The output folder on disk: atomic writes, the per-document result cache, the lock.

A result is `.results/<fingerprint>/<sha256>.json`, written to a temporary file, fsynced and
renamed into place, so a killed run leaves either the whole file or none; its
existence is what "done" means on the next run.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

RESULTS = ".results"
LOCK = ".lock"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()  # what open() would have given; mkstemp alone gives 0600


class BatchBusy(RuntimeError):
    """Another `chitieu batch` is writing into the same output folder."""


def atomic_write(path: Path, write: Callable[[IO[Any]], None], *, binary: bool = False) -> None:
    """Write via `write(fh)` into a temporary sibling, fsync, then rename over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _FILE_MODE)
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write(path, lambda fh: fh.write(text))


def atomic_write_file(path: Path, produce: Callable[[Path], None]) -> None:
    """For writers that want a file name (pyarrow): `produce(tmp)`, then rename over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, _FILE_MODE)
    os.close(fd)
    try:
        produce(Path(tmp))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


class ResultStore:
    """`DIR/.results/<fingerprint>/<sha256>.json`: one finished analysis per content and analysis version."""

    def __init__(self, out: Path, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        self.root = out / RESULTS / fingerprint
        self.root.mkdir(parents=True, exist_ok=True)
        self._clean_temporaries()

    def path(self, sha256: str) -> Path:
        return self.root / f"{sha256}.json"

    def has(self, sha256: str) -> bool:
        p = self.path(sha256)
        return p.is_file() and p.stat().st_size > 0

    def put(self, sha256: str, analysis_json: str) -> None:
        atomic_write_text(self.path(sha256), analysis_json + "\n")

    def get(self, sha256: str) -> str:
        return self.path(sha256).read_text(encoding="utf-8").strip()

    def discard(self, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(sha256).unlink()

    def prune_other_versions(self) -> None:
        """Results of other analysis versions are never read again (a changed fingerprint analyses anew): once a
        run has completed, they go, so that upgrades do not pile up copies of the corpus's analyses."""
        for other in self.root.parent.iterdir():
            if other.is_dir() and other != self.root:
                shutil.rmtree(other, ignore_errors=True)

    def _clean_temporaries(self) -> None:
        """Temporary files of a killed run are garbage (their rename never happened)."""
        for tmp in self.root.glob(".*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()


class ErrorLog:
    """`DIR/errors.jsonl`, written whole when the run completes; while it runs, failures are appended and flushed
    to `DIR/errors.jsonl.partial`, so an interrupted run leaves the last completed run's list beside its tables."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.live = path.with_name(path.name + ".partial")
        self.records: list[dict[str, Any]] = []
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.live, "w", encoding="utf-8")  # noqa: SIM115 - closed in finish()/close()

    def add(self, path: str, sha256: str | None, stage: str, error: str) -> None:
        record = {"path": path, "sha256": sha256, "stage": stage, "error": error}
        self.records.append(record)
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()

    def finish(self) -> None:
        """Rewrite in path order so that the file does not depend on completion order."""
        self.close()
        lines = "".join(
            json.dumps(r, ensure_ascii=False) + "\n" for r in sorted(self.records, key=lambda r: r["path"])
        )
        atomic_write_text(self.path, lines)
        self.live.unlink(missing_ok=True)


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on `DIR/.lock` (released by the OS even on kill -9)."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK, "a+") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchBusy(f"{out} is in use by another chitieu batch run") from None
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
