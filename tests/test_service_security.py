"""API keys, CORS, file names, size and rate limits of the service (SQLite; no analysis needed)."""

from __future__ import annotations

from pathlib import Path

from test_service_api import service_client, upload

PLAN = "KẾ HOẠCH\nPhấn đấu kết nạp 25 đảng viên mới trong năm 2025.\n"


def test_writes_need_a_configured_api_key_and_reads_stay_open(tmp_path: Path) -> None:
    with service_client(tmp_path, CHITIEU_API_KEYS="khoa-mot, khoa-hai") as c:
        refused = upload(c, "kh.txt", PLAN)
        assert refused.status_code == 401 and refused.headers["content-type"] == "application/problem+json"
        assert upload(c, "kh.txt", PLAN, **{"X-API-Key": "sai"}).status_code == 401
        assert upload(c, "kh.txt", PLAN, **{"X-API-Key": "khoa-hai"}).status_code == 201
        assert c.get("/documents").status_code == 200
        assert c.delete("/documents/1").status_code == 401
        assert c.delete("/documents/1", headers={"Authorization": "Bearer khoa-mot"}).status_code == 204


def test_reads_need_a_key_when_configured(tmp_path: Path) -> None:
    with service_client(tmp_path, CHITIEU_API_KEYS="khoa", CHITIEU_API_KEYS_FOR_READS="true") as c:
        assert c.get("/targets").status_code == 401
        assert c.get("/targets", headers={"X-API-Key": "khoa"}).status_code == 200
        assert c.get("/health").status_code == 200 and c.get("/").status_code == 200


def test_without_keys_configured_everything_is_open(tmp_path: Path) -> None:
    with service_client(tmp_path) as c:
        assert upload(c, "kh.txt", PLAN).status_code == 201


def test_cors_is_off_by_default_and_follows_the_configured_origins(tmp_path: Path) -> None:
    origin = {"Origin": "https://cong-thong-tin.example.vn"}
    with service_client(tmp_path / "a") as c:
        assert "access-control-allow-origin" not in c.get("/targets", headers=origin).headers
    with service_client(tmp_path / "b", CHITIEU_CORS_ORIGINS="https://cong-thong-tin.example.vn") as c:
        r = c.get("/targets", headers=origin)
        assert r.headers["access-control-allow-origin"] == "https://cong-thong-tin.example.vn"
        other = c.get("/targets", headers={"Origin": "https://khac.example.com"})
        assert "access-control-allow-origin" not in other.headers


def test_uploaded_file_names_never_become_paths(tmp_path: Path) -> None:
    with service_client(tmp_path / "data") as c:
        r = upload(c, "../../ngoai/../kế-hoạch.txt", PLAN)
        assert r.status_code == 201
        assert r.json()["filename"] == "kế-hoạch.txt"
        windows = upload(c, "..\\..\\ngoai\\ke-hoach-2.txt", PLAN.replace("25", "30"))
        assert windows.json()["filename"] == "ke-hoach-2.txt"
        stored = [p for p in (tmp_path / "data" / "files").rglob("*") if p.is_file()]
        assert sorted(p.name for p in stored) == sorted([r.json()["sha256"], windows.json()["sha256"]])
    assert not (tmp_path / "ngoai").exists()


def test_rate_limit_answers_429_with_retry_after(tmp_path: Path) -> None:
    with service_client(tmp_path, CHITIEU_RATE_LIMIT_READS="3") as c:
        codes = [c.get("/documents").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        r = c.get("/documents")
        assert int(r.headers["retry-after"]) >= 1 and r.json()["status"] == 429


def test_body_above_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    with service_client(tmp_path, CHITIEU_MAX_UPLOAD_MB="0.01") as c:
        r = c.post("/documents", content=b"x" * 200_000, headers={"Content-Type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413 and "too large" in r.json()["detail"]


def test_a_key_with_vietnamese_letters_is_accepted_as_it_was_typed(tmp_path: Path) -> None:
    with service_client(tmp_path, CHITIEU_API_KEYS="khóa-bí-mật", CHITIEU_API_KEYS_FOR_READS="true") as c:
        typed = "khóa-bí-mật".encode()  # as curl sends it: the UTF-8 bytes
        assert c.get("/targets", headers=[(b"X-API-Key", typed)]).status_code == 200
        assert c.get("/targets", headers=[(b"X-API-Key", b"khoa-bi-mat")]).status_code == 401
