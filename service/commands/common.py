"""Helpers shared by the subcommands."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

PROG = "chitieu"


def error(path: str | None, reason: str, debug: bool = False) -> None:
    """One line on stderr, `chitieu: FILE: reason`; the traceback only with --debug."""
    reason = " ".join(str(reason).split())
    where = f"{path}: " if path is not None else ""
    print(f"{PROG}: {where}{reason}", file=sys.stderr)
    if debug:
        logging.getLogger(PROG).exception("traceback")


def corpus_missing(corpus: Path | None) -> bool:
    """Says so in one line when the corpus folder is not there (else every document would say it in turn)."""
    from nlp.evaluation.annotations import corpus_path

    folder = corpus_path(corpus)
    if folder.is_dir():
        return False
    error(str(folder), "no such corpus folder (give --corpus PATH or set CHITIEU_CORPUS)")
    return True


def unwritable(path: Path) -> str | None:
    """Why an output file cannot be written there, checked before slow work rather than after it."""
    if path.is_dir():
        return "is a folder; give a file name"
    parent = path.parent  # "." for a bare file name
    if not parent.is_dir():
        return f"no such folder: {parent}"
    if not os.access(parent, os.W_OK):
        return f"folder not writable: {parent}"
    return None
