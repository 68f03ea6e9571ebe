"""Plain text: UTF-8 (BOM or not), UTF-16, Windows-1258, TCVN3 and VNI bytes.

Order: a BOM decides; then UTF-16 without BOM (NUL in every other byte of
Latin/Vietnamese text); then strict UTF-8; then the single-byte candidates
(cp1258 and the legacy fonts' bytes read as Latin-1), kept only when the result
reads as Vietnamese syllables. UTF-8 text that still carries TCVN3/VNI
mojibake (a legacy file converted byte for byte) is converted too.
"""

from __future__ import annotations

import codecs
import unicodedata

from nlp.ingest import IngestError, UnsupportedType, legacy

# Share of C0 control characters (other than tab, LF, CR, FF) above which the
# bytes are taken for a binary file rather than text.
MAX_CONTROL_SHARE = 0.05
MIN_SINGLE_BYTE_SCORE = 0.85 # share of valid syllables a cp1258/legacy decoding must reach
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}
BINARY = "binary file, not text or PDF"
NOT_UTF8 = "not UTF-8 text, and not readable as UTF-16, Windows-1258, TCVN3 or VNI Vietnamese"


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes -> (NFC text with LF line ends, warnings); see `decode_with_encoding`."""
    text, _enc, warnings = decode_with_encoding(data)
    return text, warnings


def decode_with_encoding(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes -> (NFC text with LF line ends, encoding name, warnings)."""
    text, encoding = _decode(data)
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise UnsupportedType(BINARY)
    text, encoding, warnings = fix_legacy(text, encoding)
    if nuls := text.count("\x00"):  # a copy cut short or padded by a tool: no character of the text
        text = text.replace("\x00", "")
        warnings.append(f"{nuls} NUL byte(s) in the text were removed")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise IngestError("empty file")
    return text, encoding, warnings


def fix_legacy(text: str, encoding: str) -> tuple[str, str, list[str]]:
    """Convert text that is TCVN3/VNI mojibake (detected by content); else return it unchanged."""
    found = legacy.detect(text)
    if found is None:
        return text, encoding, []
    return legacy.convert(text, found), found, [f"text was in the legacy {found.upper()} encoding; converted to Unicode"]


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec, name in (
        (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError:
                raise IngestError(f"invalid {name.upper()} text") from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16"
    if b"\x00" in data[:65536] and _looks_binary(data):
        raise UnsupportedType(BINARY)  # a few stray NULs in text are dropped (`decode_with_encoding`)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise UnsupportedType(BINARY)
    return _single_byte(data)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) / len(zeros) > 0.3:
            try:
                text = data[: len(data) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                return None
            return text if _latin_script(text) else None
    return None


def _latin_script(text: str) -> bool:
    """Most characters Latin, Vietnamese or common punctuation (NUL-interleaved junk is not)."""
    sample = [ch for ch in text[:4096] if not ch.isspace()]
    if not sample:
        return False
    ok = sum(1 for ch in sample if ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF or 0x2000 <= ord(ch) <= 0x20CF)
    ascii_share = sum(1 for ch in sample if ch.isascii() and ch.isprintable()) / len(sample)
    return ok / len(sample) >= 0.8 and ascii_share >= 0.3  # Vietnamese is mostly ASCII letters


def _single_byte(data: bytes) -> tuple[str, str]:
    """cp1258 or a legacy font encoding, whichever reads as Vietnamese; else "not UTF-8"."""
    candidates: list[tuple[float, str, str]] = []
    try:
        cp = unicodedata.normalize("NFC", data.decode("cp1258"))
        candidates.append((legacy.vietnamese_score(cp), cp, "cp1258"))
    except UnicodeDecodeError:
        pass
    latin = data.decode("latin-1")
    for name in (legacy.TCVN3, legacy.VNI):
        converted = legacy.convert(latin, name)
        candidates.append((legacy.vietnamese_score(converted), converted, name))
    score, text, name = max(candidates, key=lambda c: c[0])
    if score < MIN_SINGLE_BYTE_SCORE or legacy.marked_words(text) < 1:
        raise IngestError(NOT_UTF8)
    return text, name


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
