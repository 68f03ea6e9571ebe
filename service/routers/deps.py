"""Dependencies shared by the routers: the store, the worker, API keys, pagination.

They are `async def` on purpose: none of them blocks, and FastAPI runs every plain `def`
dependency through the thread pool (one thread hop each, per request).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated, TypeVar

from anyio import to_thread
from fastapi import Depends, Header, HTTPException, Path, Query, Request
from pydantic import AfterValidator

from service.settings import Settings, get_settings
from service.storage import BlobStore, Store
from service.worker import Worker

T = TypeVar("T")


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_blobs(request: Request) -> BlobStore:
    return request.app.state.blobs


async def get_worker(request: Request) -> Worker:
    return request.app.state.worker


async def read_in_thread(request: Request, fn: Callable[..., T], *args: object) -> T:
    """`fn(*args)` in a worker thread, with at most `Settings.read_thread_count` such reads running at once
    (the app's `read_limiter`; other work keeps the thread pool's own limit)."""
    limiter = getattr(request.app.state, "read_limiter", None)  # None (no lifespan): the pool's limit
    return await to_thread.run_sync(fn, *args, limiter=limiter)


async def settings_dep() -> Settings:
    return get_settings()


SettingsDep = Annotated[Settings, Depends(settings_dep)]


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
    try:  # a header's bytes arrive decoded as Latin-1: a key typed "sécret" was sent as UTF-8 bytes
        presented = key.encode("latin-1")
    except UnicodeEncodeError:
        presented = key.encode()
    if not any(hmac.compare_digest(presented, k.encode()) for k in keys):
        raise HTTPException(401, "invalid API key", {"WWW-Authenticate": "Bearer"})


async def require_write_key(
    settings: SettingsDep,
    x_api_key: Annotated[str | None, Header(description="API key, when CHITIEU_API_KEYS is set")] = None,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> None:
    _check(settings, _presented_key(x_api_key, authorization))


async def require_read_key(
    settings: SettingsDep,
    x_api_key: Annotated[str | None, Header(description="API key, when reads require one")] = None,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> None:
    if settings.api_keys_for_reads:
        _check(settings, _presented_key(x_api_key, authorization))


StoreDep = Annotated[Store, Depends(get_store)]
BlobsDep = Annotated[BlobStore, Depends(get_blobs)]
WorkerDep = Annotated[Worker, Depends(get_worker)]
# SQLite stores integers in 8 bytes: a larger id or offset is refused with 422 rather than overflowing into a 500
DB_INT_MAX = 2**63 - 1
Limit = Annotated[int, Query(ge=1, le=1000, description="page size")]
Offset = Annotated[int, Query(ge=0, le=DB_INT_MAX, description="items to skip")]
DocId = Annotated[int, Path(ge=1, le=DB_INT_MAX, description="document id")]


def _has_word(value: str | None) -> str | None:
    """Words to look for hold a letter or a digit: "..." would be ignored (every row listed) and "%" would match
    every "%", so such a value is refused and the user learns the filter did nothing. Empty means no filter."""
    if value is not None and value.strip() and not any(ch.isalnum() for ch in value):
        raise ValueError("holds no letter or digit to look for")
    return value


Words = Annotated[str | None, AfterValidator(_has_word)]  # a text filter; the Query(...) is added where it is used
RequiredWords = Annotated[str, AfterValidator(_has_word)]
