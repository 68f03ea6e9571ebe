"""Documents: upload (analysed in the background), list, read, analysis JSON, delete."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, Query, Response, UploadFile
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from nlp.ingest import IngestError, UnsupportedType, read_bytes, refuse_unreadable, sniff_media_type
from nlp.schema import Analysis, DocType
from service.routers.analyze import _read_limited, one_file
from service.routers.deps import (
    BlobsDep,
    DocId,
    Limit,
    Offset,
    SettingsDep,
    StoreDep,
    Words,
    WorkerDep,
    require_read_key,
    require_write_key,
)
from service.routers.models import DocumentList, DocumentOut, Status
from service.storage.queries import DocumentFilter, list_documents

router = APIRouter(prefix="/documents", tags=["documents"], dependencies=[Depends(require_read_key)])
write = [Depends(require_write_key)]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_filename(name: str | None) -> str | None:
    """Keep a file name for display only: last path part, no control characters, 255 at most."""
    if not name:
        return None
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = _CONTROL.sub("", name).strip().lstrip(".")
    return name[:255] or None


def _check_content(data: bytes, filename: str | None) -> str:
    """Refuse at once what can never be analysed (as POST /analyze would); PDFs, Word and web pages are opened by
    the worker."""
    media_type = sniff_media_type(data)
    try:
        refuse_unreadable(media_type)
        if media_type == "text/plain" or not data:
            read_bytes(data, filename)  # decoding text is cheap
    except UnsupportedType as exc:
        raise HTTPException(415, exc.reason) from None
    except IngestError as exc:
        raise HTTPException(422, exc.reason) from None
    return media_type


def _found(store: StoreDep, doc_id: int) -> DocumentOut:
    doc = store.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id}")
    return DocumentOut.of(doc)


@router.post(
    "",
    status_code=201,
    response_model=DocumentOut,
    dependencies=[*write, Depends(one_file)],
    responses={
        200: {"description": "The same content was uploaded before: that document", "model": DocumentOut},
        413: {"description": "File larger than CHITIEU_MAX_UPLOAD_MB"},
        415: {"description": "Not text or PDF"},
        422: {"description": "Empty file or text that is not UTF-8"},
    },
)
async def upload(
    file: Annotated[UploadFile, File(description="A UTF-8 text file or a PDF with a text layer")],
    settings: SettingsDep,
    store: StoreDep,
    blobs: BlobsDep,
    worker: WorkerDep,
) -> JSONResponse:
    """Store the file and queue its analysis; poll `GET /documents/{id}` until `status` is not `pending`."""
    data = await _read_limited(file, settings.max_upload_bytes)
    filename = clean_filename(file.filename)
    media_type = await run_in_threadpool(_check_content, data, filename)
    sha = hashlib.sha256(data).hexdigest()

    def save() -> tuple[DocumentOut, bool]:
        existing = store.find_by_sha(sha)
        if existing is not None:
            if not blobs.path(sha).exists():  # added by `chitieu batch --db`: keep the file, so reanalyze can run
                blobs.put(sha, data)
            return DocumentOut.of(existing, duplicate=True), False
        blobs.put(sha, data)
        doc, created = store.create(sha, filename, media_type, len(data))
        return DocumentOut.of(doc, duplicate=not created), created

    out, created = await run_in_threadpool(save)
    if created:
        worker.submit(out.id)
    return JSONResponse(
        out.model_dump(mode="json"), status_code=201 if created else 200, headers={"Location": f"/documents/{out.id}"}
    )


@router.get("", response_model=DocumentList)
def documents(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    doc_type: Annotated[DocType | None, Query(description="nghi_quyet, ke_hoach, tin_tuc…")] = None,
    issuer: Annotated[Words, Query(description="words of the issuer, accents optional")] = None,
    date_from: Annotated[dt.date | None, Query(description="issued on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[dt.date | None, Query(description="issued on or before (YYYY-MM-DD)")] = None,
    text: Annotated[Words, Query(description="words that must all occur in the text")] = None,
    status: Status | None = None,
) -> DocumentList:
    """Newest first."""
    f = DocumentFilter(doc_type=doc_type, issuer=issuer, date_from=date_from, date_to=date_to, text=text,
                       status=status)
    with store.session() as s:
        rows, total = list_documents(s, f, limit, offset)
    return DocumentList(items=[DocumentOut.of(d) for d in rows], total=total)


@router.get("/{doc_id}", response_model=DocumentOut, responses={404: {"description": "No such document"}})
def document(doc_id: DocId, store: StoreDep) -> DocumentOut:
    return _found(store, doc_id)


@router.get(
    "/{doc_id}/analysis",
    response_model=Analysis,
    responses={404: {"description": "No such document"}, 409: {"description": "Not analysed (pending or failed)"}},
)
def analysis(doc_id: DocId, store: StoreDep) -> Response:
    """The contract JSON (`shared/spec/analysis.md`), exactly as the pipeline produced it."""
    doc = _found(store, doc_id)
    body = store.analysis_json(doc_id) if doc.status == "done" else None  # not a previous run's while re-analysed
    if body is None:
        reason = doc.error if doc.status == "failed" else "the analysis is not finished"
        raise HTTPException(409, f"document {doc_id} is {doc.status}: {reason}")
    return Response(body, media_type="application/json")


@router.post(
    "/{doc_id}/reanalyze", response_model=DocumentOut, status_code=202, dependencies=write,
    responses={404: {"description": "No such document"}, 409: {"description": "The original file is not stored"}},
)
def reanalyze(doc_id: DocId, store: StoreDep, blobs: BlobsDep, worker: WorkerDep) -> DocumentOut:
    """Run the analysis again (after a pipeline update, or on a failed document)."""
    doc = _found(store, doc_id)
    if not blobs.path(doc.sha256).exists():
        # documents added by `chitieu batch --db` keep their analysis but not their file
        raise HTTPException(409, f"the original file of document {doc_id} is not stored; upload it again to analyse it")
    store.set_pending(doc_id)
    worker.submit(doc_id)
    return _found(store, doc_id)


@router.delete("/{doc_id}", status_code=204, dependencies=write, responses={404: {"description": "No such document"}})
def delete(doc_id: DocId, store: StoreDep, blobs: BlobsDep) -> Response:
    doc = store.delete(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id}")
    blobs.delete(doc.sha256)
    return Response(status_code=204)
