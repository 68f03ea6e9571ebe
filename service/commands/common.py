"""Helpers shared by the subcommands."""

from __future__ import annotations

import logging
import sys

PROG = "chitieu"


def error(path: str | None, reason: str, debug: bool = False) -> None:
    """One line on stderr, `chitieu: FILE: reason`; the traceback only with --debug."""
    reason = " ".join(str(reason).split())
    where = f"{path}: " if path is not None else ""
    print(f"{PROG}: {where}{reason}", file=sys.stderr)
    if debug:
        logging.getLogger(PROG).exception("traceback")
