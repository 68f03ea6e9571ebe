"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI) -> Unicode.

Text typed with `.VnTime` (TCVN3) or `VNI-Times` (VNI) fonts reaches us as the
legacy bytes read as Latin-1 ("Céng hoµ x· héi" is "Cộng hoà xã hội"). The
tables are in `data/legacy_vietnamese.tsv` (one row per Vietnamese letter);
conversion is one left-to-right scan, longest sequence first (VNI stores a toned
vowel as base letter + mark character).

Which encoding: a font name decides when there is one (PDF, .docx); otherwise
the candidate whose conversion reads most like Vietnamese syllables wins, and
only by a clear margin over leaving the text alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from nlp.resources import load_lines

TCVN3 = "tcvn3"
VNI = "vni"

# PDF text layers put out these code points for two TCVN3 bytes (0xAD ư, 0xB7 ã); found by viparse.
_PDF_SUBSTITUTES = {"\u2212": "\xad", "\u2219": "\xb7"}
# decode-only VNI spellings of the i-family (base i + tone mark) seen in real files
_VNI_EXTRA = {"iù": "í", "iø": "ì", "iû": "ỉ", "iõ": "ĩ", "iï": "ị",
              "IÙ": "Í", "IØ": "Ì", "IÛ": "Ỉ", "IÕ": "Ĩ", "IÏ": "Ị"}


@dataclass(frozen=True)
class Table:
    name: str
    decode: dict[str, str]  # legacy sequence -> letter
    encode: dict[str, str]  # letter -> legacy sequence
    pattern: re.Pattern[str]  # legacy sequences, longest first
    upper_by_font: frozenset[str]  # letters only reachable through an upper-case (H) font


@cache
def table(name: str) -> Table:
    """The TCVN3 or VNI table from `data/legacy_vietnamese.tsv`."""
    col = {TCVN3: 1, VNI: 2}[name]
    decode: dict[str, str] = {}
    encode: dict[str, str] = {}
    upper_only: set[str] = set()
    for line in load_lines("legacy_vietnamese.tsv"):
        cells = line.split("\t")
        letter, code = cells[0], cells[col]
        if code.startswith("~"):
            upper_only.add(letter)
            encode[letter] = code[1:]
            continue
        decode[code] = letter
        encode[letter] = code
    if name == VNI:
        decode.update({k: v for k, v in _VNI_EXTRA.items() if k not in decode})
    keys = sorted(decode, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(k) for k in keys))
    return Table(name, decode, encode, pattern, frozenset(upper_only))


def convert(text: str, encoding: str, upper: bool = False) -> str:
    """Legacy surface text -> NFC Unicode; `upper` for TCVN3 capitals fonts (.VnTimeH)."""
    t = table(encoding)
    if encoding == TCVN3 and any(c in text for c in _PDF_SUBSTITUTES):
        text = _restore_substitutes(text)
    out = t.pattern.sub(lambda m: t.decode[m.group(0)], text)
    if upper:
        out = out.upper()
    return unicodedata.normalize("NFC", out)


def encode(text: str, encoding: str) -> str:
    """Unicode -> legacy surface text (for tests and the benchmark); letters it cannot hold pass."""
    t = table(encoding)
    return "".join(t.encode.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def _restore_substitutes(text: str) -> str:
    chars = list(text)
    for i, ch in enumerate(text):
        if ch in _PDF_SUBSTITUTES:
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if before.isalpha() or after.isalpha():
                chars[i] = _PDF_SUBSTITUTES[ch]
    return "".join(chars)


def font_encoding(font: str | None) -> str | None:
    """Encoding implied by a font name: ".VnTime", "ABCD+.VnArialH" -> tcvn3; "VNI-Times" -> vni."""
    if not font:
        return None
    name = font.split("+", 1)[-1].strip().lower()
    if name.startswith(".vn") or name.startswith("vn3") or name.startswith("abc-"):
        return TCVN3
    if name.startswith("vni-") or name.startswith("vni "):
        return VNI
    return None


def is_capitals_font(font: str | None) -> bool:
    """TCVN3 capitals fonts end in "H" (".VnTimeH", ".VnArialH") and draw lower-case codes upper-case."""
    if not font:
        return False
    name = font.split("+", 1)[-1].split(",")[0].split("-")[0].strip()
    return name.lower().startswith(".vn") and name.endswith("H")


# ------------------------------------------------------------------ detection by content

_ONSET = r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?"
_NUCLEUS = r"(?:uyê|uyơ|iê|yê|uô|ươ|ưa|ua|ia|oa|oă|oe|uâ|uê|uy|ưu|ươu|iêu|yêu|uôi|ươi|oai|oay|uây|[aăâeêioôơuưy])"
_CODA = r"(?:ng|nh|ch|[cmnpt]|[iouy])?"
_SYLLABLE = re.compile(rf"{_ONSET}{_NUCLEUS}{_CODA}")
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]\"'“”/\\|*#<>=+_-]+")
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VN_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn


def _syllable_ok(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONE_MARKS)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    if not all(c.isalpha() or unicodedata.combining(c) for c in base):
        return False
    return _SYLLABLE.fullmatch(base) is not None


def vietnamese_score(text: str) -> float:
    """Share of words (with a letter outside ASCII or ASCII-only alike) that are valid syllables."""
    words = _WORD.findall(text[:20000])
    if not words:
        return 0.0
    marked = [w for w in words if not w.isascii()]
    ok = sum(1 for w in marked if _syllable_ok(w))
    # pure ASCII words carry no signal either way; score on the marked ones
    return ok / len(marked) if marked else 1.0


def marked_words(text: str) -> int:
    return sum(1 for w in _WORD.findall(text[:20000]) if not w.isascii())


MIN_MARKED_WORDS = 3
MIN_GAIN = 0.25


def detect(text: str) -> str | None:
    """TCVN3 or VNI if converting makes `text` clearly more Vietnamese, else None (leave it)."""
    if marked_words(text) < MIN_MARKED_WORDS:
        return None
    base = vietnamese_score(text)
    if base >= 0.95:
        return None
    best, best_score = None, base + MIN_GAIN
    for name in (TCVN3, VNI):
        score = vietnamese_score(convert(text, name))
        if score > best_score:
            best, best_score = name, score
    return best
