"""GET /health: liveness and version."""

from __future__ import annotations

from fastapi import APIRouter

from service import __version__

router = APIRouter(tags=["health"])


@router.api_route("/health", methods=["GET", "HEAD"])
def health() -> dict[str, str]:
    return {"status": "ok", "version": __version__}
