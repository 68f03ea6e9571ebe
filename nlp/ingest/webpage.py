"""HTML news pages: the main text (trafilatura), without navigation, comments or related links."""

from __future__ import annotations

import unicodedata

from nlp.ingest import IngestError


def extract(data: bytes) -> tuple[str, list[str]]:
    """HTML bytes -> (title + main text, warnings)."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            data, include_comments=False, include_tables=True, include_links=False, favor_precision=True
        )
    except Exception:  # noqa: BLE001 - lxml/trafilatura raise many kinds
        raise IngestError("unreadable HTML page") from None
    if result is None:
        raise IngestError("HTML page without a main text")
    body = (getattr(result, "text", None) or "").strip()
    title = (getattr(result, "title", None) or "").strip()
    if not body:
        raise IngestError("HTML page without a main text")
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    return unicodedata.normalize("NFC", text), []
