"""Errors as RFC 9457 problem details (never a stack trace), and the request limits.

`POST /analyze` keeps the `{"detail": ...}` body it documented before the service existed.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("chitieu")

PROBLEM = "application/problem+json"
_LEGACY_PATHS = {"/analyze"}


def problem(status: int, detail: str | None = None, path: str = "", headers: dict | None = None, **extra) -> JSONResponse:
    if path in _LEGACY_PATHS:
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    if path:
        body["instance"] = path
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM)


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return problem(exc.status_code, detail, request.url.path, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        # `detail` names the fields, so that a client showing only it (the web page) still says what to fix
        said = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)
        detail = f"the request is not valid: {said}" if said else "the request is not valid"
        if request.url.path in _LEGACY_PATHS:  # its documented body: `detail` is a sentence, as for its other errors
            return JSONResponse({"detail": detail, "errors": errors}, status_code=422)
        return problem(422, detail, request.url.path, errors=errors)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem(500, "internal error", request.url.path)


class _RateLimiter:
    """Fixed one-minute windows per client and kind (read/write); thread-safe, in memory."""

    def __init__(self) -> None:
        self._counts: dict[tuple[str, str, int], int] = {}
        self._lock = threading.Lock()

    def allow(self, client: str, kind: str, per_minute: int) -> tuple[bool, int]:
        now = time.time()
        window = int(now // 60)
        key = (client, kind, window)
        with self._lock:
            if len(self._counts) > 10_000:  # forget old windows
                self._counts = {k: v for k, v in self._counts.items() if k[2] == window}
            n = self._counts.get(key, 0) + 1
            self._counts[key] = n
        return n <= per_minute, math.ceil(60 - now % 60)


class LimitsMiddleware:
    """Refuses bodies above the upload limit (413) and clients above their rate (429) before routing."""

    WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

    def __init__(self, app: ASGIApp, settings_getter) -> None:  # noqa: ANN001 - () -> Settings
        self.app = app
        self.settings_getter = settings_getter
        self.limiter = _RateLimiter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        settings = self.settings_getter()
        path = scope.get("path", "")
        method = scope.get("method", "GET")
        write = method in self.WRITE_METHODS
        per_minute = settings.rate_limit_writes if write else settings.rate_limit_reads
        if per_minute and not path.startswith("/static/"):
            client = (scope.get("client") or ("?", 0))[0]
            ok, retry = self.limiter.allow(client, "w" if write else "r", per_minute)
            if not ok:
                resp = problem(429, "too many requests", path, {"Retry-After": str(retry)})
                await resp(scope, receive, send)
                return
        # the multipart envelope adds a little to the file itself
        limit = settings.max_upload_bytes + 64 * 1024
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            detail = f"file too large (limit {settings.max_upload_mb:g} MB)"
            await problem(413, detail, path)(scope, receive, send)
            return
        await self.app(scope, self._counting(receive, limit, path, send), send)

    @staticmethod
    def _counting(receive: Receive, limit: int, path: str, send: Send) -> Receive:
        """For bodies without Content-Length: stop reading once the limit is passed."""
        seen = 0

        async def wrapped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise StarletteHTTPException(413, "request body too large")
            return message

        return wrapped
