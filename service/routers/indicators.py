"""Indicators: the catalog (`nlp.indicators.load_catalog()`) with the targets linked to each."""

from __future__ import annotations

import logging
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from service.routers.deps import Limit, Offset, StoreDep, Words, read_in_thread, require_read_key
from service.routers.models import IndicatorItem, IndicatorList, IndicatorTargets
from service.routers.targets import SORT_HELP, SORT_PATTERN, TargetFilterDep, find_targets, json_response
from service.storage.fold import fold, has_word, terms
from service.storage.queries import indicator_stats

router = APIRouter(prefix="/indicators", tags=["indicators"], dependencies=[Depends(require_read_key)])
log = logging.getLogger("chitieu")

_catalog: list[IndicatorItem] | None = None
_lock = threading.Lock()


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def catalog() -> list[IndicatorItem]:
    """The indicator catalog, loaded once; empty while `nlp.indicators` does not exist."""
    global _catalog
    if _catalog is not None:
        return _catalog
    with _lock:
        if _catalog is None:
            try:
                from nlp.indicators import load_catalog
            except ImportError:
                return []  # not cached: the module may arrive with the next deployment
            loaded = load_catalog()
            entries = getattr(loaded, "indicators", loaded)  # a Catalog, or a plain list
            _catalog = [
                IndicatorItem(
                    id=str(i.id), name=str(i.name), unit=_text(getattr(i, "unit", None)),
                    period=_text(getattr(i, "period", None)), aliases=[str(a) for a in getattr(i, "aliases", [])],
                    source=_text(getattr(i, "source", None)),
                )
                for i in entries
            ]
    return _catalog


def _all(store: StoreDep) -> list[IndicatorItem]:
    with store.session() as s:
        stats = indicator_stats(s)
    items: list[IndicatorItem] = []
    for item in catalog():
        st = stats.pop(item.id, None)
        items.append(item.model_copy(update=st and {"targets": st["targets"], "documents": st["documents"]}))
    # ids found on targets but unknown to the catalog (an older or newer catalog) still show
    items += [
        IndicatorItem(id=i, name=st["name"] or i, targets=st["targets"], documents=st["documents"])
        for i, st in stats.items()
    ]
    return items


@router.get("", response_model=IndicatorList)
def indicators(
    store: StoreDep,
    text: Annotated[Words, Query(description="words of the name or an alias, accents optional")] = None,
    used: Annotated[bool, Query(description="only indicators with stored targets")] = False,
    limit: Limit = 200,
    offset: Offset = 0,
) -> IndicatorList:
    """Indicators with stored targets first (most targets first), then the rest of the catalog by name."""
    items = _all(store)
    if used:
        items = [i for i in items if i.targets]
    words = terms(text)
    if words:
        items = [i for i in items if _names_hold(i, words)]
    items.sort(key=lambda i: (-i.targets, i.name))
    return IndicatorList(items=items[offset : offset + limit], total=len(items))


def _names_hold(item: IndicatorItem, words: list[str]) -> bool:
    """Every word stands alone in the indicator's id, name or an alias (as the stored-text filters)."""
    names = fold(" | ".join([item.id, item.name, *item.aliases]))
    return all(has_word(names, w) for w in words)


def _one(store: StoreDep, indicator_id: str) -> IndicatorItem:
    found = next((i for i in _all(store) if i.id == indicator_id), None)
    if found is None:
        raise HTTPException(404, f"no indicator {indicator_id}")
    return found


@router.get("/{indicator_id}", response_model=IndicatorItem, responses={404: {"description": "Unknown id"}})
def indicator(indicator_id: str, store: StoreDep) -> IndicatorItem:
    return _one(store, indicator_id)


@router.get("/{indicator_id}/targets", response_model=IndicatorTargets, responses={404: {"description": "Unknown id"}})
async def indicator_targets(
    request: Request,
    indicator_id: str,
    store: StoreDep,
    f: TargetFilterDep,
    sort: Annotated[str, Query(description=SORT_HELP, pattern=SORT_PATTERN)] = "-year",
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """The targets set for one indicator across documents (other filters of GET /targets apply)."""
    f.indicator = indicator_id

    def read() -> dict:
        return {"indicator": _one(store, indicator_id).model_dump(), **find_targets(store, f, sort, limit, offset)}

    return json_response(await read_in_thread(request, read))
