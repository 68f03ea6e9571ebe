"""The service API on a real database: SQLite always, PostgreSQL when CHITIEU_TEST_POSTGRES_URL is set
(`.ci/start-postgres.sh` sets it). Documents go through the real upload, worker and pipeline."""

from __future__ import annotations

import csv
import io
import os
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from helpers_service import CORPUS, SAMPLE_PLAN, needs_pipeline

from nlp.schema import Analysis
from service.routers.models import TargetList
from service.settings import get_settings

pytestmark = needs_pipeline
PG_URL = os.environ.get("CHITIEU_TEST_POSTGRES_URL")

# Written for the tests in the style of a commune resolution (not copied from the corpus).
RESOLUTION = """ĐẢNG BỘ HUYỆN CHÂU THÀNH
ĐẢNG ỦY XÃ HÒA LỢI
Số 08-NQ/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Hòa Lợi, ngày 20 tháng 7 năm 2025

NGHỊ QUYẾT
về phát triển kinh tế - xã hội xã Hòa Lợi giai đoạn 2025-2030

I. MỤC TIÊU
1. Đến năm 2030, thu nhập bình quân đầu người đạt 95 triệu đồng/năm.
2. Phấn đấu giảm tỷ lệ hộ nghèo bình quân mỗi năm 1,5%.
3. Đến năm 2028, 100% ấp Sóc Thát và ấp Rạch Vồn có đường giao thông được nhựa hóa.

II. NHIỆM VỤ, GIẢI PHÁP
1. Ủy ban nhân dân xã chủ trì, phối hợp với Mặt trận Tổ quốc xã tuyên truyền sâu rộng đến nhân dân.
2. Văn phòng Đảng ủy theo dõi, báo cáo kết quả thực hiện nghị quyết hằng năm.
"""


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh schema on the test server for one client; its URL selects it through search_path."""
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@contextmanager
def service_client(data_dir: Path, backend: str = "sqlite", **env: str) -> Iterator[TestClient]:
    """The app with its own data folder (and database), settings from `env`, started and stopped."""
    if backend == "postgresql" and not PG_URL:
        pytest.skip("CHITIEU_TEST_POSTGRES_URL is not set (source .ci/start-postgres.sh to run on PostgreSQL)")
    with pytest.MonkeyPatch.context() as mp, (postgres_schema() if backend == "postgresql" else _none()) as url:
        for name in ("DATABASE_URL", "CHITIEU_API_KEYS", "CHITIEU_API_KEYS_FOR_READS", "CHITIEU_CORS_ORIGINS",
                     "CHITIEU_RATE_LIMIT_READS", "CHITIEU_RATE_LIMIT_WRITES", "CHITIEU_MAX_UPLOAD_MB"):
            mp.delenv(name, raising=False)
        mp.setenv("CHITIEU_DATA_DIR", str(data_dir))
        if url:
            mp.setenv("DATABASE_URL", url)
        for name, value in env.items():
            mp.setenv(name, value)
        get_settings.cache_clear()
        from service.app import create_app

        try:
            with TestClient(create_app(), raise_server_exceptions=False) as client:
                yield client
        finally:
            get_settings.cache_clear()


@contextmanager
def _none() -> Iterator[None]:
    yield None


def upload(client: TestClient, name: str, data: bytes | str, **headers: str):  # noqa: ANN201 - httpx.Response
    body = data.encode() if isinstance(data, str) else data
    return client.post("/documents", files={"file": (name, body, "application/octet-stream")}, headers=headers)


def wait_done(client: TestClient) -> None:
    client.app.state.worker.join()


# ---------------------------------------------------------------- a loaded service per backend


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """Two documents written for the tests, and the example article when the corpus is present."""
    with service_client(tmp_path_factory.mktemp("data"), request.param, CHITIEU_MAX_UPLOAD_MB="0.05") as client:
        ids = {
            "plan": upload(client, "ke-hoach-45.txt", SAMPLE_PLAN).json()["id"],
            "resolution": upload(client, "nghi-quyet-08.txt", RESOLUTION).json()["id"],
        }
        example = CORPUS / "raw" / "000.txt"
        if example.is_file():
            ids["example"] = upload(client, "000.txt", example.read_bytes()).json()["id"]
        wait_done(client)
        yield {"client": client, "ids": ids, "backend": request.param}


def test_uploaded_plan_is_analysed_in_the_background_with_its_identity(loaded: dict) -> None:
    c, ids = loaded["client"], loaded["ids"]
    doc = c.get(f"/documents/{ids['plan']}").json()
    assert doc["status"] == "done" and doc["error"] is None
    assert (doc["doc_type"], doc["number"], doc["issued_date"]) == ("ke_hoach", "45-KH/HU", "2024-03-12")
    assert doc["filename"] == "ke-hoach-45.txt"
    assert doc["counts"]["targets"] >= 1


def test_new_upload_answers_201_pending_before_the_analysis(loaded: dict) -> None:
    c = loaded["client"]
    text = SAMPLE_PLAN.replace("Số 45-KH/HU", "Số 46-KH/HU")
    r = upload(c, "ke-hoach-46.txt", text)
    assert r.status_code == 201
    assert r.json()["status"] in {"pending", "done"} and r.headers["location"] == f"/documents/{r.json()['id']}"
    wait_done(c)
    assert c.get(f"/documents/{r.json()['id']}").json()["status"] == "done"
    assert c.delete(f"/documents/{r.json()['id']}").status_code == 204


def test_same_content_again_returns_the_stored_document(loaded: dict) -> None:
    c, ids = loaded["client"], loaded["ids"]
    r = upload(c, "ban-sao.txt", SAMPLE_PLAN)
    assert r.status_code == 200
    assert r.json()["id"] == ids["plan"] and r.json()["duplicate"] is True


def test_analysis_endpoint_returns_the_contract_json(loaded: dict) -> None:
    c, ids = loaded["client"], loaded["ids"]
    body = c.get(f"/documents/{ids['resolution']}/analysis").json()
    a = Analysis.model_validate(body)
    assert a.schema_version == "1"
    assert a.document.number == "08-NQ/ĐU"
    assert a.source.filename == "nghi-quyet-08.txt"
    for span in [*a.targets, *a.entities]:
        assert a.text[span.start : span.end] == span.text
    listed = c.get("/targets", params={"document_id": ids["resolution"]}).json()
    assert sorted(t["key"] for t in listed["items"]) == sorted(t.id for t in a.targets)


def test_document_list_filters_by_type_issuer_date_and_text(loaded: dict) -> None:
    c, ids = loaded["client"], loaded["ids"]

    def found(**params: str) -> set[int]:
        return {d["id"] for d in c.get("/documents", params=params).json()["items"]}

    assert ids["resolution"] in found(doc_type="nghi_quyet") and ids["plan"] not in found(doc_type="nghi_quyet")
    assert found(issuer="dang uy xa hoa loi") == {ids["resolution"]}
    assert ids["plan"] in found(date_from="2024-01-01", date_to="2024-12-31")
    assert ids["resolution"] not in found(date_from="2024-01-01", date_to="2024-12-31")
    assert ids["resolution"] in found(text="nhựa hóa") and ids["plan"] not in found(text="nhua hoa")
    # whole words: the plan's "kế hoạch" holds "hoa" only as a part of a word, the resolution's "Hòa Lợi" as one
    assert ids["resolution"] in found(text="hoa") and ids["plan"] not in found(text="hoa")
    assert ids["plan"] in found(text="hoach") and ids["resolution"] not in found(issuer="uy xa hoa l")


def test_document_list_is_paginated_with_a_total(loaded: dict) -> None:
    c = loaded["client"]
    everything = c.get("/documents").json()
    page = c.get("/documents", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == everything["total"] >= 2
    assert [d["id"] for d in page["items"]] == [everything["items"][1]["id"]]


def test_target_text_filter_ignores_accents(loaded: dict) -> None:
    c, ids = loaded["client"], loaded["ids"]
    items = c.get("/targets", params={"text": "ket nap"}).json()["items"]
    plan = [t for t in items if t["document"]["id"] == ids["plan"]]
    assert plan and (plan[0]["value"], plan[0]["value_max"], plan[0]["unit"]) == (3.0, 4.0, "%")
    assert all("kết nạp" in (t["text"] + t["metric"]).lower() for t in items)


def test_targets_filter_by_year_range_location_issuer_type_and_unit(loaded: dict) -> None:
    c, ids = loaded["client"], loaded["ids"]

    def docs(**params: str) -> set[int]:
        return {t["document"]["id"] for t in c.get("/targets", params={**params, "limit": 500}).json()["items"]}

    assert docs(year_from="2026", year_to="2030") == {ids["resolution"]}
    assert ids["plan"] in docs(year_from="2024", year_to="2024")
    assert docs(location="rach von") == {ids["resolution"]}
    assert docs(issuer="huyen uy tan phu") == {ids["plan"]}
    assert docs(doc_type="ke_hoach") == {ids["plan"]}
    units = {t["unit"] for t in c.get("/targets", params={"unit": "%", "limit": 500}).json()["items"]}
    assert units == {"%"}


def test_targets_sort_and_paginate(loaded: dict) -> None:
    c = loaded["client"]
    desc = c.get("/targets", params={"sort": "-value", "limit": 500}).json()
    # "sort=+value" typed in a URL arrives as " value" (a "+" is a space in a query string): ascending
    typed = c.get("/targets?sort=+value&limit=500")
    assert typed.status_code == 200
    assert [t["id"] for t in typed.json()["items"]] == [t["id"] for t in c.get(
        "/targets", params={"sort": "value", "limit": 500}).json()["items"]]
    TargetList.model_validate(desc)  # the page is built without pydantic: check it keeps the schema
    values = [t["value"] for t in desc["items"]]
    assert values == sorted(values, reverse=True) and desc["total"] == len(values) >= 3
    second = c.get("/targets", params={"sort": "-value", "limit": 1, "offset": 1}).json()
    assert second["items"][0]["id"] == desc["items"][1]["id"] and second["total"] == desc["total"]


def test_targets_csv_export_has_every_matching_target(loaded: dict) -> None:
    c = loaded["client"]
    r = c.get("/targets.csv", params={"unit": "%"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == c.get("/targets", params={"unit": "%"}).json()["total"]
    assert {row["unit"] for row in rows} == {"%"}
    assert any(row["value"] == "3" and row["value_max"] == "4" for row in rows)


def test_entities_are_aggregated_by_label_and_text(loaded: dict) -> None:
    c = loaded["client"]
    body = c.get("/entities", params={"label": "LOC", "text": "rach von"}).json()
    assert body["items"] and all(e["label"] == "LOC" for e in body["items"])
    row = next(e for e in body["items"] if e["text"] == "ấp Rạch Vồn")
    assert row["mentions"] >= 1 and row["documents"] == 1
    everything = c.get("/entities", params={"limit": 1000}).json()
    keys = [(e["label"], e["text"]) for e in everything["items"]]
    assert len(keys) == len(set(keys)) == everything["total"]


def test_indicator_lists_its_targets_across_documents(loaded: dict) -> None:
    c = loaded["client"]
    linked = [t for t in c.get("/targets", params={"limit": 500}).json()["items"] if t["indicator"]]
    if not linked:
        pytest.skip("the pipeline linked no target to an indicator")
    indicator_id = linked[0]["indicator"]["id"]
    listed = {i["id"]: i for i in c.get("/indicators", params={"used": "true"}).json()["items"]}
    assert listed[indicator_id]["targets"] == sum(t["indicator"]["id"] == indicator_id for t in linked)
    body = c.get(f"/indicators/{indicator_id}/targets").json()
    assert body["indicator"]["id"] == indicator_id
    assert body["total"] == listed[indicator_id]["targets"]
    assert all(t["indicator"]["id"] == indicator_id for t in body["items"])
    assert c.get("/indicators/khong-co/targets").status_code == 404


def test_search_without_accents_finds_the_accented_phrase(loaded: dict) -> None:
    c, ids = loaded["client"], loaded["ids"]
    body = c.get("/search", params={"q": "ket nap dang vien"}).json()
    hits = {item["document"]["id"]: item for item in body["items"]}
    assert ids["plan"] in hits and ids["resolution"] not in hits
    if "example" in ids:  # the article says "kết nạp đảng viên" itself: the phrase ranks it first
        assert body["items"][0]["document"]["id"] == ids["example"]
    item = hits[ids["plan"]]
    marked = [item["snippet"][a:b].lower() for a, b in item["highlights"]]
    assert "kết nạp" in " ".join(marked) or "nạp" in marked


def test_search_finds_a_word_only_where_it_stands_alone(loaded: dict) -> None:
    c, ids = loaded["client"], loaded["ids"]
    hits = {item["document"]["id"]: item for item in c.get("/search", params={"q": "hoa"}).json()["items"]}
    assert ids["resolution"] in hits and ids["plan"] not in hits  # the plan has "kế hoạch", no "hòa"
    item = hits[ids["resolution"]]
    marked = {item["snippet"][a:b] for a, b in item["highlights"]}
    assert marked and all(m.lower() in ("hòa", "hóa", "hoa", "họa", "hỏa", "hõa") for m in marked), marked


def test_unreadable_pdf_is_stored_as_failed_with_its_reason(loaded: dict) -> None:
    c = loaded["client"]
    r = upload(c, "hong.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 200)
    assert r.status_code == 201
    wait_done(c)
    doc = c.get(f"/documents/{r.json()['id']}").json()
    assert doc["status"] == "failed" and doc["error"]
    assert "Traceback" not in doc["error"]
    assert c.get(f"/documents/{doc['id']}/analysis").status_code == 409
    assert c.delete(f"/documents/{doc['id']}").status_code == 204


def test_delete_removes_the_document_its_targets_and_its_file(loaded: dict, tmp_path: Path) -> None:
    c = loaded["client"]
    r = upload(c, "xoa.txt", RESOLUTION.replace("08-NQ/ĐU", "09-NQ/ĐU"))
    doc_id, sha = r.json()["id"], r.json()["sha256"]
    wait_done(c)
    blob = c.app.state.blobs.path(sha)
    assert blob.exists() and c.get("/targets", params={"document_id": doc_id}).json()["total"] >= 1
    assert c.delete(f"/documents/{doc_id}").status_code == 204
    assert c.get(f"/documents/{doc_id}").status_code == 404
    assert c.get("/targets", params={"document_id": doc_id}).json()["total"] == 0
    assert not blob.exists()
    assert c.delete(f"/documents/{doc_id}").status_code == 404


def test_files_that_can_never_be_read_are_refused_at_once(loaded: dict) -> None:
    c = loaded["client"]
    assert upload(c, "anh.png", b"\x89PNG\r\n\x1a\n\x00\x00" * 50).status_code == 415
    assert upload(c, "rong.txt", b"").status_code == 422
    big = upload(c, "lon.txt", ("Ban Thường vụ giao chỉ tiêu kết nạp đảng viên. " * 1500).encode())
    assert big.status_code == 413
    assert big.headers["content-type"] == "application/problem+json"


def test_errors_are_problem_details_without_internals(loaded: dict) -> None:
    c = loaded["client"]
    r = c.get("/documents/987654")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert r.json() == {"type": "about:blank", "title": "Not Found", "status": 404,
                        "detail": "no document 987654", "instance": "/documents/987654"}
    bad = c.get("/targets", params={"year_from": "hai nghìn"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["query", "year_from"]
    assert bad.json()["detail"].startswith("the request is not valid: query.year_from: ")  # what to fix, for the page


def test_simultaneous_uploads_are_all_processed(loaded: dict) -> None:
    c = loaded["client"]
    texts = [SAMPLE_PLAN.replace("Số 45-KH/HU", f"Số {100 + i}-KH/HU") for i in range(6)]
    with ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(lambda t: upload(c, "dong-thoi.txt", t), texts))
    assert [r.status_code for r in responses] == [201] * 6
    wait_done(c)
    ids = [r.json()["id"] for r in responses]
    assert [c.get(f"/documents/{i}").json()["status"] for i in ids] == ["done"] * 6
    for i in ids:
        c.delete(f"/documents/{i}")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_restart_analyses_documents_left_pending(backend: str, tmp_path: Path) -> None:
    with service_client(tmp_path, backend) as c:
        store, blobs = c.app.state.store, c.app.state.blobs
        data = RESOLUTION.encode()
        import hashlib

        sha = hashlib.sha256(data).hexdigest()
        blobs.put(sha, data)
        doc, _ = store.create(sha, "con-dang-cho.txt", "text/plain", len(data))  # never submitted: a crash
        # a second start of the app, on the same database and files
        url = store.url
        from service.app import create_app

        with TestClient(create_app()) as again:
            assert again.app.state.store.url == url
            wait_done(again)
            assert again.get(f"/documents/{doc.id}").json()["status"] == "done"
