"""The ASGI app: `uvicorn service.app:app`.

At start-up: the pipeline is warmed up, the analysis worker starts, and documents left
`pending` by a previous run are queued again. The database is migrated on first use.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.concurrency import run_in_threadpool

from service import __version__
from service.routers import analyze, documents, entities, errors, health, indicators, search, targets, web
from service.settings import get_settings
from service.storage import BlobStore, Store
from service.worker import Worker

log = logging.getLogger("chitieu")


def warm_up() -> None:
    """Import the pipeline and run it once so that models are loaded before the first request."""
    from nlp.pipeline import load_models

    load_models()  # a missing or corrupt model stops start-up with its own message


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    store = Store(settings.database)
    blobs = BlobStore(settings.data_dir / "files")
    worker = Worker(store, blobs, settings.workers)
    app.state.store, app.state.blobs, app.state.worker = store, blobs, worker
    app.state.read_limiter = anyio.CapacityLimiter(settings.read_thread_count)
    await run_in_threadpool(warm_up)
    # The models are some 300,000 long-lived objects: frozen, the garbage collector no longer walks them,
    # and its full collections stop stalling every request in flight (up to 0.4 s each under load).
    gc.collect()
    gc.freeze()
    worker.start()
    if store.exists():  # a SQLite file not created yet has nothing pending
        await run_in_threadpool(worker.requeue_pending)
    try:
        yield
    finally:
        await run_in_threadpool(worker.stop)
        store.dispose()
        gc.unfreeze()  # an app started again in the same process (tests) freezes what is alive then


def create_app() -> FastAPI:
    """Build the app from the current settings (CORS is fixed at construction)."""
    # FastAPIOffline: /docs with Swagger UI served by the app (FastAPI's own page loads it from a CDN and
    # stays blank offline); under /static/ so the rate limit leaves the assets alone. No /redoc: its
    # bundle still fetches a logo from cdn.redoc.ly.
    application = FastAPIOffline(
        static_url="/static/docs",
        redoc_url=None,
        title="chitieu",
        version=__version__,
        description=(
            "Vietnamese directive analysis: targets (chỉ tiêu), references, entities and guidance items. "
            "Upload documents, query their targets across documents, read the results at `/`."
        ),
        lifespan=lifespan,
    )
    errors.install(application)
    application.add_middleware(errors.LimitsMiddleware, settings_getter=get_settings)
    origins = get_settings().cors_origin_list
    if origins:
        application.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["X-API-Key", "Authorization", "Content-Type"],
        )
    for module in (health, analyze, documents, targets, entities, indicators, search, web):
        application.include_router(module.router)
    application.mount("/static", StaticFiles(directory=web.STATIC), name="static")
    return application


app = create_app()
