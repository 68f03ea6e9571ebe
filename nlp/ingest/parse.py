"""The parsers behind `read_bytes` for PDF, Word and HTML; runs inside the sandbox child."""

from __future__ import annotations

from typing import Any

from nlp.ingest import sniff


def parse(data: bytes, media_type: str, max_pages: int) -> tuple[str, dict[str, Any], list[str]]:
    """Bytes of a known type -> (text, Source fields, warnings)."""
    from nlp.ingest.text import fix_legacy

    if media_type == sniff.PDF:
        from nlp.ingest import pdf

        r = pdf.extract(data, max_pages=max_pages)
        return r.text, {"pages": r.pages, "ocr": bool(r.ocr_pages), "encoding": r.encoding}, r.warnings
    if media_type in (sniff.DOCX, sniff.DOC):
        from nlp.ingest import word as docx

        if media_type == sniff.DOC:
            from nlp.ingest import msdoc

            data = msdoc.to_docx(data)
        text, encoding, warnings = docx.extract(data)
        if encoding == "utf-8":
            text, encoding, warnings = fix_legacy(text, encoding)
        return text, {"encoding": encoding}, warnings
    if media_type == sniff.HTML:
        from nlp.ingest import webpage as html

        text, warnings = html.extract(data)
        text, encoding, more = fix_legacy(text, "utf-8")
        return text, {"encoding": encoding}, warnings + more
    raise ValueError(media_type)


# imported by the forkserver so that children start with the parsers loaded
def _preload() -> None:
    import docx  # noqa: F401
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401
    import trafilatura  # noqa: F401

    from nlp.ingest import pdf as _p  # noqa: F401
    from nlp.ingest import word as _d  # noqa: F401


_preload()
