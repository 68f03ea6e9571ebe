"""Word 97-2003 .doc: converted to .docx by LibreOffice (headless) when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from nlp.ingest import IngestError

TIMEOUT_S = 120
NO_LIBREOFFICE = (
    "Word 97-2003 .doc file: LibreOffice is not installed to convert it; save it as .docx or PDF "
    "(Word: File > Save As; or `soffice --headless --convert-to docx FILE.doc`)"
)


def to_docx(data: bytes) -> bytes:
    """.doc bytes -> .docx bytes via `soffice --headless --convert-to docx`."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise IngestError(NO_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="chitieu-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        cmd = [exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
               "--convert-to", "docx", "--outdir", tmp, str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise IngestError(f"converting the .doc file took longer than {TIMEOUT_S} s") from None
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise IngestError("corrupt or unreadable Word .doc file (LibreOffice could not convert it)")
        return out.read_bytes()
