"""Full-text search over documents, insensitive to accents and case."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from service.routers.deps import Limit, Offset, RequiredWords, StoreDep, require_read_key
from service.routers.models import DocumentOut, SearchItem, SearchList
from service.storage.queries import search_documents

router = APIRouter(tags=["search"], dependencies=[Depends(require_read_key)])


@router.get("/search", response_model=SearchList)
def search(
    store: StoreDep,
    q: Annotated[RequiredWords, Query(min_length=1, max_length=500, description='e.g. "ket nap dang vien"')],
    limit: Limit = 20,
    offset: Offset = 0,
) -> SearchList:
    """Documents containing every word of `q` ("ket nap" finds "kết nạp"); the exact phrase ranks first."""
    with store.session() as s:
        hits, total = search_documents(s, q, limit, offset)
    items = [
        SearchItem(document=DocumentOut.of(h.document), score=h.score, snippet=h.snippet, highlights=h.highlights)
        for h in hits
    ]
    return SearchList(items=items, total=total)
