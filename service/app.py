"""The ASGI app: `uvicorn service.app:app`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from service import __version__
from service.routers import analyze, health

log = logging.getLogger("chitieu")


def warm_up() -> None:
    """Import the pipeline and run it once so that models are loaded before the first request."""
    from nlp.pipeline import analyze_text

    analyze_text("Khởi động.")


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    await run_in_threadpool(warm_up)
    yield


app = FastAPI(
    title="chitieu",
    version=__version__,
    description="Vietnamese directive analysis: targets (chỉ tiêu), references, entities and guidance items.",
    lifespan=lifespan,
)


@app.exception_handler(Exception)
async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse(status_code=500, content={"detail": "internal error"})


app.include_router(health.router)
app.include_router(analyze.router)
