"""Expand the command's INPUT arguments into files, each with its content sha256.

Files, folders (recursive) and glob patterns are accepted. Folders contribute
every regular file except hidden ones: the type is decided by `nlp.ingest`
from the content, so a new input format needs no change here, and files it
cannot read end up in errors.jsonl like any other failure.
"""

from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from nlp.ingest import shown_name

_GLOB_CHARS = set("*?[")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class InputFile:
    path: str  # as the user named it (argument joined with the path below it), normalised
    abspath: str  # what workers open
    sha256: str
    size: int


@dataclass(frozen=True)
class InputProblem:
    path: str
    error: str


def discover(args: list[str], exclude: Path | None = None) -> tuple[list[InputFile], list[InputProblem]]:
    """Every input file once (by absolute path), sorted by `path`; plus the arguments that failed."""
    skip = str(exclude.resolve()) if exclude else None
    seen: dict[str, str] = {}
    problems: list[InputProblem] = []
    for arg in args:
        found = _expand(arg, problems)
        for path in found:
            abspath = os.path.abspath(path)
            if skip and (abspath == skip or abspath.startswith(skip + os.sep)):
                continue  # never read our own output folder
            seen.setdefault(abspath, shown_name(os.path.normpath(path)))
    files: list[InputFile] = []
    for abspath, path in sorted(seen.items(), key=lambda kv: (kv[1], kv[0])):
        try:
            sha, size = _hash(abspath)
        except OSError as exc:
            problems.append(InputProblem(path, f"cannot read file ({exc.strerror or type(exc).__name__})"))
            continue
        files.append(InputFile(path=path, abspath=abspath, sha256=sha, size=size))
    return files, problems


def _expand(arg: str, problems: list[InputProblem]) -> list[str]:
    p = Path(arg)
    if p.is_dir():
        return _walk(arg, problems)
    if p.exists():
        return [arg]
    if _GLOB_CHARS & set(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        out: list[str] = []
        for m in matches:
            out.extend(_walk(m, problems) if os.path.isdir(m) else [m])
        if not out:
            problems.append(InputProblem(shown_name(arg), "no file matches this pattern"))
        return out
    problems.append(InputProblem(shown_name(arg), "no such file or folder"))
    return []


def _walk(folder: str, problems: list[InputProblem]) -> list[str]:
    """The regular files under `folder`; a link to nothing is reported, not skipped in silence (devices, pipes
    and sockets are no documents and are left out)."""
    out: list[str] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(os.path.join(root, n) for n in sorted(names) if not n.startswith("."))
    for p in out:
        if os.path.islink(p) and not os.path.exists(p):
            problems.append(InputProblem(shown_name(os.path.normpath(p)), f"broken link (points to {shown_name(os.readlink(p))})"))
    return [p for p in out if os.path.isfile(p)]


def _hash(path: str) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size
