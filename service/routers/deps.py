"""Dependencies shared by the routers: the store, the worker, API keys, pagination."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Request

from service.settings import Settings, get_settings
from service.storage import BlobStore, Store
from service.worker import Worker


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_blobs(request: Request) -> BlobStore:
    return request.app.state.blobs


def get_worker(request: Request) -> Worker:
    return request.app.state.worker


def _presented_key(x_api_key: str | None, authorization: str | None) -> str | None:
    if x_api_key:
        return x_api_key.strip()
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def _check(settings: Settings, key: str | None) -> None:
    keys = settings.api_key_list
    if not keys:
        return
    if key is None:
        raise HTTPException(401, "an API key is required (header X-API-Key)", {"WWW-Authenticate": "Bearer"})
    if not any(hmac.compare_digest(key.encode(), k.encode()) for k in keys):
        raise HTTPException(401, "invalid API key", {"WWW-Authenticate": "Bearer"})


def require_write_key(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: Annotated[str | None, Header(description="API key, when CHITIEU_API_KEYS is set")] = None,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> None:
    _check(settings, _presented_key(x_api_key, authorization))


def require_read_key(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: Annotated[str | None, Header(description="API key, when reads require one")] = None,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> None:
    if settings.api_keys_for_reads:
        _check(settings, _presented_key(x_api_key, authorization))


StoreDep = Annotated[Store, Depends(get_store)]
BlobsDep = Annotated[BlobStore, Depends(get_blobs)]
WorkerDep = Annotated[Worker, Depends(get_worker)]
Limit = Annotated[int, Query(ge=1, le=1000, description="page size")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]
