"""File in, normalisable text out.

`read_file` / `read_bytes` decide the type from the content (magic bytes), not
from the file name: "%PDF-" is a PDF, anything else must be UTF-8 text.
Every failure is an `IngestError` whose message is a short reason fit to show
to a user ("empty file", "no text layer (scanned PDF); …").
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from nlp.schema import Source

__all__ = ["IngestError", "Ingested", "read_bytes", "read_file", "sniff_media_type"]

PDF_MAGIC = b"%PDF-"
# PDF readers accept a few junk bytes before the header (PDF 1.7, annex H).
_PDF_SNIFF_WINDOW = 1024


class IngestError(Exception):
    """The input cannot be turned into text; `reason` is short and user-facing."""

    def __init__(self, reason: str, *, media_type: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.media_type = media_type  # what the content looked like, when known


class UnsupportedType(IngestError):
    """The content is of a kind chitieu does not read (binary, not text or PDF)."""


@dataclass
class Ingested:
    text: str
    source: Source
    warnings: list[str] = field(default_factory=list)


def sniff_media_type(data: bytes) -> str:
    """Return "application/pdf" if the bytes carry a PDF header, else "text/plain"."""
    head = data[:_PDF_SNIFF_WINDOW]
    if head.startswith(PDF_MAGIC) or PDF_MAGIC in head:
        return "application/pdf"
    return "text/plain"


def read_bytes(data: bytes, filename: str | None = None) -> Ingested:
    media_type = sniff_media_type(data)
    source = Source(
        filename=filename,
        media_type=media_type,
        sha256=hashlib.sha256(data).hexdigest(),
        ocr=False,
        encoding="utf-8",
    )
    if media_type == "application/pdf":
        from nlp.ingest import pdf

        text, pages, warnings = pdf.extract(data)
        source.pages = pages
    else:
        from nlp.ingest import text as text_mod

        text, warnings = text_mod.decode(data)
    return Ingested(text=text, source=source, warnings=warnings)


def read_file(path: str | os.PathLike[str]) -> Ingested:
    p = Path(path)
    try:
        if p.is_dir():
            raise IngestError("is a directory")
        data = p.read_bytes()
    except IngestError:
        raise
    except FileNotFoundError:
        raise IngestError("no such file") from None
    except PermissionError:
        raise IngestError("permission denied") from None
    except IsADirectoryError:
        raise IngestError("is a directory") from None
    except OSError as exc:
        raise IngestError(f"cannot read file ({exc.strerror or exc.__class__.__name__})") from None
    return read_bytes(data, p.name)
