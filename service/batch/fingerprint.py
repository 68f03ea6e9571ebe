"""A fingerprint of the analysis code, data and models, so that cached results never go stale.

Results are cached by content sha256 under `.results/<fingerprint>/`: after
an upgrade of `nlp` (code, word lists, model packages) a rerun analyses
everything again instead of mixing old and new analyses in one set of tables.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

import nlp

_MODEL_PACKAGES = ("underthesea", "spacy", "scikit-learn", "lightgbm", "skops")
# the models' metadata files: each records the SHA-256 of the files it loads, so `make train` changes them
_MODEL_FILES = ("targets.json", "guidance.json")


def analysis_fingerprint() -> str:
    """16 hex digits over nlp/**/*.py, nlp/data/**, the trained models and the versions of the model packages.

    Not cached: the batch computes it at the start of each run, a worker once
    when it loads the models (its code cannot change after that).
    """
    h = hashlib.sha256()
    root = Path(nlp.__file__).resolve().parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    models = root.parent / "models"
    for name in _MODEL_FILES:
        path = models / name
        h.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"absent") + b"\0")
    for package in _MODEL_PACKAGES:
        try:
            h.update(f"{package}={metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{package}=absent\0".encode())
    return h.hexdigest()[:16]
