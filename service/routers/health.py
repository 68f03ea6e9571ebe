"""GET /health: liveness and version."""

from __future__ import annotations

from fastapi import APIRouter

from service import __version__

router = APIRouter(tags=["health"])


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok", "version": __version__}


@router.head("/health", include_in_schema=False)  # monitors probe with HEAD; one operation in the API docs
def health_head() -> None:
    return None
