"""POST /analyze: one uploaded file (text or PDF) in, one Analysis out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from nlp.ingest import IngestError, UnsupportedType, read_bytes
from nlp.schema import Analysis
from service.routers.deps import SettingsDep, require_write_key

router = APIRouter(tags=["analysis"])

_CHUNK = 1024 * 1024
_ERRORS = {
    413: {"description": "File larger than CHITIEU_MAX_UPLOAD_MB"},
    415: {"description": "Not text or PDF"},
    422: {"description": "The file cannot be read (empty, not UTF-8, scanned PDF, corrupt PDF…)"},
}


async def one_file(request: Request) -> None:
    """Refuse a request carrying several files in the "file" field: only the last would be read, silently."""
    form = await request.form()  # already parsed for the endpoint's UploadFile, so this costs nothing
    if len(form.getlist("file")) > 1:
        raise HTTPException(422, "send one file per request (several were sent in the field 'file')")


async def _read_limited(upload: UploadFile, limit: int) -> bytes:
    too_large = f"file too large (limit {limit / (1024 * 1024):g} MB)"
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise HTTPException(413, too_large)
    chunks: list[bytes] = []
    total = 0
    while chunk := await upload.read(_CHUNK):
        total += len(chunk)
        if total > limit:
            raise HTTPException(413, too_large)
        chunks.append(chunk)
    return b"".join(chunks)


def _analyse(data: bytes, filename: str | None) -> Analysis:
    ingested = read_bytes(data, filename)  # cheap checks before the pipeline

    from nlp.pipeline import analyze_text

    return analyze_text(ingested.text, ingested.source, ingested.warnings)


@router.post(
    "/analyze", response_model=Analysis, responses=_ERRORS, dependencies=[Depends(require_write_key), Depends(one_file)]
)
async def analyze(
    file: Annotated[UploadFile, File(description="A UTF-8 text file or a PDF with a text layer")],
    settings: SettingsDep,
) -> Analysis:
    data = await _read_limited(file, settings.max_upload_bytes)
    try:
        return await run_in_threadpool(_analyse, data, file.filename)
    except UnsupportedType as exc:
        raise HTTPException(415, exc.reason) from None
    except IngestError as exc:
        raise HTTPException(422, exc.reason) from None
