"""File in, normalisable text out.

`read_file` / `read_bytes` decide the type from the content (magic bytes), not
from the file name: PDF, Word .docx/.doc, HTML, else text (UTF-8, UTF-16,
Windows-1258, TCVN3, VNI). PDF, Word and HTML are parsed in a child process
with a time and memory limit (`limits`, `sandbox`). Every failure is an
`IngestError` whose message is a short reason fit to show to a user ("empty
file", "encrypted PDF (password protected)", …).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from nlp.schema import Source

__all__ = [
    "IngestError", "Ingested", "UnsupportedType", "read_bytes", "read_capped", "read_file", "shown_name", "sniff_media_type",
]


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
    """The media type decided by content (see `nlp.ingest.sniff`)."""
    from nlp.ingest import sniff

    return sniff.sniff(data)


def refuse_unreadable(media_type: str) -> None:
    """Raise UnsupportedType for a kind of file known from its first bytes never to be read (no parsing needed)."""
    from nlp.ingest import sniff

    if media_type == sniff.ZIP:
        raise UnsupportedType("ZIP archive that is not a Word .docx file", media_type=media_type)
    if media_type == sniff.RTF:
        raise UnsupportedType("RTF document; save it as .docx or PDF", media_type=media_type)


def shown_name(name: str) -> str:
    """A file name or path as output prints it: bytes of the name that are not UTF-8 (which os.fsdecode keeps as
    lone surrogates, and no UTF-8 JSON, CSV or Parquet string can hold) as escapes: "x\\xff.txt"."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_bytes(data: bytes, filename: str | None = None, *, isolate: bool = True) -> Ingested:
    """Bytes -> Ingested; `isolate=False` parses in this process (benchmarks, debugging)."""
    from nlp.ingest import sniff
    from nlp.ingest.limits import Limits

    media_type = sniff.sniff(data)
    limits = Limits.from_env()
    source = Source(
        filename=shown_name(filename) if filename else filename,
        media_type=media_type,
        sha256=hashlib.sha256(data).hexdigest(),
        ocr=False,
        encoding="utf-8",
    )
    if media_type == sniff.TEXT:
        from nlp.ingest import text as text_mod

        text, encoding, warnings = text_mod.decode_with_encoding(data)
        source.encoding = encoding
        return Ingested(text=_within(text, limits.max_chars), source=source, warnings=warnings)
    refuse_unreadable(media_type)

    from nlp.ingest import parse

    args = (data, media_type, limits.max_pages)
    if isolate:
        from nlp.ingest import sandbox

        text, fields, warnings = sandbox.run(parse.parse, args, limits)
    else:
        text, fields, warnings = parse.parse(*args)
    for key, value in fields.items():
        setattr(source, key, value)
    return Ingested(text=_within(text, limits.max_chars), source=source, warnings=warnings)


def _within(text: str, max_chars: int) -> str:
    if len(text) > max_chars:
        raise IngestError(
            f"text has {len(text):,} characters, more than the limit of {max_chars:,} (CHITIEU_MAX_CHARS)")
    return text


# the most a file argument is read (a device such as /dev/zero, or a pipe that never ends, would fill the memory)
MAX_FILE_BYTES = 256 << 20


def read_capped(fh: BinaryIO) -> bytes:
    """All of a file or stream, or IngestError past MAX_FILE_BYTES; read in chunks, so that a small file asks for
    no more memory than it holds."""
    chunks, size = [], 0
    while chunk := fh.read(1 << 20):
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise IngestError(f"larger than {MAX_FILE_BYTES >> 20} MB")
        chunks.append(chunk)
    return b"".join(chunks)


def read_file(path: str | os.PathLike[str], *, isolate: bool = True) -> Ingested:
    p = Path(path)
    try:
        if p.is_dir():
            raise IngestError("is a directory")
        with open(p, "rb") as fh:
            data = read_capped(fh)
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
    return read_bytes(data, p.name, isolate=isolate)
