"""Plain text: UTF-8 with or without a BOM."""

from __future__ import annotations

import unicodedata

from nlp.ingest import IngestError, UnsupportedType

# Share of C0 control characters (other than tab, LF, CR, FF) above which the
# bytes are taken for a binary file rather than text.
MAX_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 bytes -> (NFC text with LF line ends, warnings)."""
    if b"\x00" in data[:65536]:
        raise UnsupportedType("binary file, not text or PDF")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if _looks_binary(data):
            raise UnsupportedType("binary file, not text or PDF") from None
        raise IngestError("not UTF-8 text (legacy encodings are not supported yet)") from None
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise UnsupportedType("binary file, not text or PDF")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise IngestError("empty file")
    return text, []


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:65536]
    bad = sum(1 for ch in sample if (ch < " " or ch == "\x7f") and ch not in _ALLOWED_CONTROLS)
    return bad / len(sample)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    bad = sum(1 for b in sample if (b < 0x20 or b == 0x7F) and b not in (0x09, 0x0A, 0x0C, 0x0D))
    return bad / len(sample) > MAX_CONTROL_SHARE
