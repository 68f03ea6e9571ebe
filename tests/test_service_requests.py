"""Requests a client gets wrong: they are answered with a 4xx that says why, never a 500 or a silent default."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from test_service_api import service_client, upload, wait_done

PLAN = "KẾ HOẠCH\nPhấn đấu năm 2026 kết nạp ít nhất 30 đảng viên mới; 100% chi bộ ấp có đảng viên là đoàn viên.\n"


def _zip_of_text() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("ke-hoach.txt", PLAN)
    return buf.getvalue()


def test_analyze_needs_the_write_key_like_every_other_post(tmp_path: Path) -> None:
    with service_client(tmp_path, CHITIEU_API_KEYS="khoa") as c:
        files = {"file": ("kh.txt", PLAN.encode(), "text/plain")}
        assert c.post("/analyze", files=files).status_code == 401
        assert c.post("/analyze", files=files, headers={"X-API-Key": "khoa"}).status_code == 200


def test_ids_and_offsets_beyond_the_database_integer_are_422(tmp_path: Path) -> None:
    with service_client(tmp_path) as c:
        for url in ("/documents/9223372036854775808", "/documents?offset=99999999999999999999",
                    "/targets?offset=99999999999999999999", "/entities?offset=99999999999999999999",
                    "/targets?document_id=99999999999999999999"):
            r = c.get(url)
            assert r.status_code == 422, url
            assert r.headers["content-type"] == "application/problem+json"
        assert c.get("/documents/9223372036854775807").status_code == 404


def test_rtf_and_zip_files_are_refused_at_upload_as_by_analyze(tmp_path: Path) -> None:
    with service_client(tmp_path) as c:
        rtf = upload(c, "ke-hoach.rtf", rb"{\rtf1\ansi Ke hoach so 12-KH/HU}")
        assert rtf.status_code == 415 and "RTF" in rtf.json()["detail"]
        packed = upload(c, "ke-hoach.docx", _zip_of_text())
        assert packed.status_code == 415 and "ZIP" in packed.json()["detail"]
        assert c.get("/documents").json()["total"] == 0


def test_several_files_in_one_request_are_refused_and_none_is_stored(tmp_path: Path) -> None:
    with service_client(tmp_path) as c:
        files = [("file", ("a.txt", PLAN.encode(), "text/plain")),
                 ("file", ("b.txt", PLAN.replace("30", "40").encode(), "text/plain"))]
        r = c.post("/documents", files=files)
        assert r.status_code == 422 and "one file per request" in r.json()["detail"]
        assert c.get("/documents").json()["total"] == 0
        assert c.post("/analyze", files=files).status_code == 422


def test_unknown_sort_keys_are_refused_with_the_allowed_ones(tmp_path: Path) -> None:
    with service_client(tmp_path) as c:
        for sort in ("bogus", "-", "--value"):
            r = c.get("/targets", params={"sort": sort})
            assert r.status_code == 422, sort
            assert "value" in r.text and "year" in r.text
        assert c.get("/targets.csv", params={"sort": "bogus"}).status_code == 422
        assert c.get("/targets", params={"sort": "-value"}).status_code == 200


def test_reanalysing_a_document_whose_file_is_gone_is_409_and_keeps_its_analysis(tmp_path: Path) -> None:
    with service_client(tmp_path / "data") as c:
        doc = upload(c, "ke-hoach.txt", PLAN).json()
        wait_done(c)
        assert c.get(f"/documents/{doc['id']}").json()["status"] == "done"
        for blob in (tmp_path / "data" / "files").rglob(doc["sha256"]):
            blob.unlink()  # as for a document stored by `chitieu batch --db`, which keeps no originals
        r = c.post(f"/documents/{doc['id']}/reanalyze")
        assert r.status_code == 409 and "upload it again" in r.json()["detail"]
        assert c.get(f"/documents/{doc['id']}").json()["status"] == "done"
        assert c.get(f"/documents/{doc['id']}/analysis").status_code == 200
        again = upload(c, "ke-hoach.txt", PLAN)  # "upload it again" must work as the message says
        assert again.status_code == 200 and again.json()["id"] == doc["id"] and again.json()["duplicate"] is True
        assert c.post(f"/documents/{doc['id']}/reanalyze").status_code == 202
        wait_done(c)
        assert c.get(f"/documents/{doc['id']}").json()["status"] == "done"


def test_words_to_look_for_without_a_letter_or_digit_are_refused_and_empty_means_no_filter(tmp_path: Path) -> None:
    with service_client(tmp_path) as c:
        assert upload(c, "ke-hoach.txt", PLAN).status_code == 201
        wait_done(c)
        for url in ("/search?q=...", "/targets?text=...", "/targets?issuer=%25", "/targets.csv?location=--",
                    "/documents?text=%E2%80%A6", "/entities?text=?", "/indicators?text=!!"):
            r = c.get(url)
            assert r.status_code == 422, url
            assert "holds no letter or digit" in r.json()["detail"], url
        assert c.get("/targets?text=").json()["total"] == c.get("/targets").json()["total"] == 2
        assert c.get("/targets?text=30").json()["total"] == 1
