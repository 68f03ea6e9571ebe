"""Entities aggregated over all documents: one row per (label, text) with its counts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from nlp.schema import EntityLabel
from service.routers.deps import Limit, Offset, StoreDep, Words, require_read_key
from service.routers.models import EntityItem, EntityList
from service.storage.queries import aggregate_entities

router = APIRouter(tags=["entities"], dependencies=[Depends(require_read_key)])


@router.get("/entities", response_model=EntityList)
def entities(
    store: StoreDep,
    label: EntityLabel | None = None,
    text: Annotated[Words, Query(description="words of the entity, accents optional")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> EntityList:
    """Most mentioned first."""
    with store.session() as s:
        items, total = aggregate_entities(s, label, text, limit, offset)
    return EntityList(items=[EntityItem(**i) for i in items], total=total)
