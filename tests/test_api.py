from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from helpers_service import SAMPLE_PLAN, needs_pipeline

from service.settings import get_settings


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    from service import app as app_module

    monkeypatch.setenv("CHITIEU_MAX_UPLOAD_MB", "0.01")  # 10 KiB
    get_settings.cache_clear()
    # the warm-up needs the pipeline; the ingest and error paths do not
    monkeypatch.setattr(app_module, "warm_up", lambda: None)
    with TestClient(app_module.app, raise_server_exceptions=False) as c:
        yield c
    get_settings.cache_clear()


def test_health(client: TestClient) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["version"]


@pytest.mark.parametrize("path", ["/", "/health"])
def test_monitors_may_probe_the_page_and_health_with_head(client: TestClient, path: str) -> None:
    r = client.head(path)
    assert r.status_code == 200
    assert r.content == b""
    health = client.get("/openapi.json").json()["paths"]["/health"]
    assert {m: op["operationId"] for m, op in health.items()} == {"get": "health_health_get"}  # clients' names


def test_docs(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert "/analyze" in spec["paths"]


def test_the_api_docs_pages_load_every_asset_from_the_app_not_a_cdn(client: TestClient) -> None:
    import re

    assert client.get("/redoc").status_code == 404  # its bundle fetches a logo from a CDN
    for page in ("/docs",):
        html = client.get(page).text
        urls = re.findall(r"""(?:src|href|url)\s*[=:]\s*['"]([^'"]+)['"]""", html)
        assert urls and not [u for u in urls if "//" in u], (page, urls)  # no http(s):// nor //cdn…
        for url in urls:
            r = client.get(url)
            assert r.status_code == 200 and r.content, url


@needs_pipeline
def test_analyze_text_upload(client: TestClient) -> None:
    r = client.post("/analyze", files={"file": ("ke-hoach.txt", SAMPLE_PLAN.encode(), "text/plain")})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["schema_version"] == "1"
    assert "45-KH/HU" in body["text"]
    assert body["source"]["filename"] == "ke-hoach.txt"
    assert body["source"]["media_type"] == "text/plain"


def test_empty_upload(client: TestClient) -> None:
    r = client.post("/analyze", files={"file": ("rong.txt", b"", "text/plain")})
    assert 400 <= r.status_code < 500
    assert r.json() == {"detail": "empty file"}


def test_binary_upload(client: TestClient) -> None:
    r = client.post("/analyze", files={"file": ("anh.png", b"\x89PNG\r\n\x1a\n\x00\x00" * 50, "image/png")})
    assert r.status_code == 415
    assert r.json() == {"detail": "binary file, not text or PDF"}


def test_not_utf8_upload(client: TestClient) -> None:
    r = client.post("/analyze", files={"file": ("cu.txt", b"Ngh\xec\xf2 quy\xea\xect", "text/plain")})
    assert r.status_code == 422
    assert "not UTF-8" in r.json()["detail"]


def test_corrupt_pdf_upload(client: TestClient) -> None:
    r = client.post("/analyze", files={"file": ("hong.pdf", b"%PDF-1.7\n" + b"x" * 100, "application/pdf")})
    assert r.status_code == 422
    assert "PDF" in r.json()["detail"]


def test_too_large(client: TestClient) -> None:
    big = ("Ban Thường vụ Huyện ủy giao chỉ tiêu kết nạp đảng viên. " * 400).encode()
    assert len(big) > 10 * 1024
    r = client.post("/analyze", files={"file": ("lon.txt", big, "text/plain")})
    assert r.status_code == 413
    assert "too large" in r.json()["detail"]


def test_an_upload_without_its_file_field_says_so_in_a_sentence(client: TestClient) -> None:
    r = client.post("/analyze")
    assert r.status_code == 422
    assert r.json()["detail"] == "the request is not valid: body.file: Field required"
    assert r.json()["errors"] == [{"loc": ["body", "file"], "msg": "Field required"}]


def test_unexpected_error_is_json_500(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from service.routers import analyze

    def boom(data: bytes, filename: str | None) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(analyze, "_analyse", boom)
    r = client.post("/analyze", files={"file": ("a.txt", b"Kiem tra.", "text/plain")})
    assert r.status_code == 500
    assert r.json() == {"detail": "internal error"}
    assert "secret" not in r.text
