"""The file type from its first bytes, never from its name."""

from __future__ import annotations

import io
import re
import zipfile

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOC = "application/msword"
HTML = "text/html"
TEXT = "text/plain"
ZIP = "application/zip"
RTF = "application/rtf"

PDF_MAGIC = b"%PDF-"
_PDF_SNIFF_WINDOW = 1024  # readers accept a few junk bytes before the header (PDF 1.7, annex H)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(?:p|div|br|span|a|table|meta|title|article)\b[^>]*>", re.I)


def sniff(data: bytes) -> str:
    """Media type decided by content: PDF, .docx, .doc, HTML, RTF, ZIP, else plain text."""
    head = data[:_PDF_SNIFF_WINDOW]
    if head.startswith(PDF_MAGIC) or PDF_MAGIC in head:
        return PDF
    if head.startswith(_OLE_MAGIC):
        return DOC
    if head.startswith(_ZIP_MAGIC):
        return DOCX if _is_docx(data) or damaged_docx(data) else ZIP
    if head.lstrip().startswith(b"{\\rtf"):
        return RTF
    sample = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(sample) or len(_HTML_TAGS.findall(sample)) >= 5:
        return HTML
    return TEXT


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def damaged_docx(data: bytes) -> bool:
    """A ZIP archive that cannot be opened but names Word's parts in its first entries: a .docx cut short (a
    download stopped, an attachment truncated) rather than some other archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)):
            return False
    except (zipfile.BadZipFile, OSError, ValueError):
        return b"word/" in data[:65536]  # not "[Content_Types].xml": every Office file (.xlsx, .pptx) has it
