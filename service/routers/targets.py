"""Targets across documents: filters, sorting, pagination and CSV export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated

import orjson
from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse

from nlp.schema import DocType
from service.numbers import plain
from service.routers.deps import DB_INT_MAX, Limit, Offset, StoreDep, Words, read_in_thread, require_read_key
from service.routers.models import TargetList, target_dict
from service.storage import Store
from service.storage.queries import TARGET_SORTS, TargetFilter, target_page, target_query, unit_counts

router = APIRouter(tags=["targets"], dependencies=[Depends(require_read_key)])

SORT_HELP = f"one of {', '.join(TARGET_SORTS)}; a leading '-' sorts descending"
# an unknown key is a 422, not a silent sort by id; a space is the "+" of "sort=+value" decoded from a query string
SORT_PATTERN = rf"^[-+ ]?(?:{'|'.join(TARGET_SORTS)})$"


async def target_filter(
    indicator: Annotated[str | None, Query(description="indicator id from GET /indicators")] = None,
    issuer: Annotated[Words, Query(description="words of the issuer or an actor (organisation)")] = None,
    location: Annotated[Words, Query(description="words of a place mentioned in the document")] = None,
    year_from: Annotated[int | None, Query(ge=1900, le=2200, description="targets for this year or later")] = None,
    year_to: Annotated[int | None, Query(ge=1900, le=2200, description="targets for this year or earlier")] = None,
    doc_type: Annotated[DocType | None, Query(description="type of the document")] = None,
    unit: Annotated[str | None, Query(description='exact unit: "%", "đảng viên", "xã"…')] = None,
    text: Annotated[Words, Query(description="words in the target or its metric, accents optional")] = None,
    document_id: Annotated[int | None, Query(ge=1, le=DB_INT_MAX, description="targets of one document")] = None,
) -> TargetFilter:
    """The filters of GET /targets, shared with the CSV export and the indicator page (`async`: FastAPI
    resolves it on the event loop instead of a thread hop)."""
    return TargetFilter(indicator=indicator, issuer=issuer, location=location, year_from=year_from,
                        year_to=year_to, doc_type=doc_type, unit=unit, text=text, document_id=document_id)


TargetFilterDep = Annotated[TargetFilter, Depends(target_filter)]


def find_targets(store: Store, f: TargetFilter, sort: str, limit: int, offset: int) -> dict:
    """`{"items": [...], "total": N}` as plain JSON-ready data (validated once by the tests, not per request)."""
    with store.reading() as conn:
        rows, total = target_page(conn, f, sort, limit, offset, fts=store.fts)
    return {"items": [target_dict(r) for r in rows], "total": total}


def json_response(body: dict) -> Response:
    return Response(orjson.dumps(body), media_type="application/json")


@router.get("/targets", response_model=TargetList)
async def targets(
    request: Request,
    store: StoreDep,
    f: TargetFilterDep,
    sort: Annotated[str, Query(description=SORT_HELP, pattern=SORT_PATTERN)] = "id",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    return json_response(await read_in_thread(request, find_targets, store, f, sort, limit, offset))


@router.get("/targets/units")
def units(store: StoreDep) -> list[dict]:
    """Units in use, most frequent first (for filter menus)."""
    with store.session() as s:
        return [{"unit": u, "targets": n} for u, n in unit_counts(s)]


CSV_COLUMNS = [
    "document_id", "document_number", "doc_type", "issuer", "issued_date", "target", "metric", "value",
    "value_max", "unit", "per", "comparator", "base", "period_start", "period_end", "year_start", "year_end",
    "actors", "indicator_id", "indicator_name", "text",
]


@router.get("/targets.csv", response_class=StreamingResponse, responses={200: {"content": {"text/csv": {}}}})
def targets_csv(
    store: StoreDep,
    f: TargetFilterDep,
    sort: Annotated[str, Query(description=SORT_HELP, pattern=SORT_PATTERN)] = "id",
) -> StreamingResponse:
    """Every target matching the filters (no pagination), UTF-8 with BOM so spreadsheets read the accents."""
    query, query_params = target_query(f, sort, fts=store.fts)

    def rows() -> Iterator[str]:
        buf = io.StringIO()
        out = csv.writer(buf)
        yield "\ufeff"
        out.writerow(CSV_COLUMNS)
        with store.reading() as conn:
            for t in conn.execute(query, query_params, execution_options={"yield_per": 500}):
                out.writerow([
                    t.document_id, t.number or "", t.doc_type or "", t.issuer or "", t.issued_date or "", t.key,
                    t.metric, plain(t.value), "" if t.value_max is None else plain(t.value_max), t.unit,
                    t.per or "", t.comparator, t.base or "", t.period_start or "", t.period_end or "",
                    t.year_start or "", t.year_end or "", "; ".join(json.loads(t.actors_json or "[]")),
                    t.indicator_id or "", t.indicator_name or "", " ".join(t.text.split()),
                ])
                if buf.tell() > 64 * 1024:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
        yield buf.getvalue()

    headers = {"Content-Disposition": 'attachment; filename="chitieu-targets.csv"'}
    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8", headers=headers)
