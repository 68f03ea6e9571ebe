"""Target queries on analyses written for the tests (no pipeline): accent-folded text filters through the
SQLite trigram index and without it (and on PostgreSQL when CHITIEU_TEST_POSTGRES_URL is set), each
checked against a plain Python filter; sorting, pages, the CSV export, the index kept in step with
deletes and re-analyses, and a database of migration 0001 upgraded with its targets indexed."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from test_service_api import PG_URL, postgres_schema, service_client

from nlp.schema import Analysis, DocumentInfo, EntityOut, IndicatorLink, Period, TargetOut
from service.routers.models import IndicatorTargets, TargetList
from service.settings import Settings
from service.storage import Store
from service.storage.fold import fold, terms
from service.storage.queries import TargetFilter, target_page

# (text, metric, value, value_max, unit, period start, period end, actors)
PLAN = (
    DocumentInfo(doc_type="ke_hoach", number="45-KH/HU", issued_date="2024-03-12", issuer="Huyện ủy Tân Phú",
                 title="Kế hoạch thực hiện công tác phát triển đảng viên năm 2024"),
    ["xã Tân An", "huyện Tân Phú"],
    [
        ("Phấn đấu kết nạp từ 3-4% đảng viên mới/năm so với tổng số đảng viên", "tỷ lệ kết nạp đảng viên mới",
         3, 4, "%", "2024", "2024", ["Ban Tổ chức Huyện ủy"]),
        ("100% đảng viên được quán triệt kế hoạch trong quý II năm 2024", "đảng viên được quán triệt",
         100, None, "%", "2024-04", "2024-06", ["Các chi bộ"]),
        ("Kết nạp 25 đảng viên mới trong năm", "số đảng viên mới", 25, None, "đảng viên", "2024", "2024", []),
    ],
)
RESOLUTION = (
    DocumentInfo(doc_type="nghi_quyet", number="08-NQ/ĐU", issued_date="2025-07-20", issuer="Đảng ủy xã Hòa Lợi",
                 title="Nghị quyết về phát triển kinh tế - xã hội xã Hòa Lợi giai đoạn 2025-2030"),
    ["ấp Sóc Thát", "ấp Rạch Vồn"],
    [
        ("Đến năm 2030, thu nhập bình quân đầu người đạt 95 triệu đồng/năm", "thu nhập bình quân đầu người",
         95, None, "triệu đồng", "2030", "2030", ["Ủy ban nhân dân xã"]),
        ("Phấn đấu giảm tỷ lệ hộ nghèo bình quân mỗi năm 1,5%", "tỷ lệ hộ nghèo", 1.5, None, "%", "2025", "2030",
         []),
        ("Đến năm 2028, 100% xã đạt chuẩn nông thôn mới nâng cao", "xã đạt chuẩn nông thôn mới nâng cao",
         100, None, "%", "2028", "2028", ["Ủy ban nhân dân xã", "Mặt trận Tổ quốc xã"]),
    ],
)
DIRECTIVE = (
    DocumentInfo(doc_type="chi_thi", number="12-CT/TU", issued_date="2023-01-05",
                 issuer="Ban Thường vụ Tỉnh ủy An Giang", title="Chỉ thị về chuyển đổi số"),
    ["tỉnh An Giang"],
    [
        ("Đạt 80% hồ sơ thủ tục hành chính (mã 12x34) được xử lý trực tuyến", "hồ sơ xử lý trực tuyến",
         80, None, "%", "2025", "2025", ["Sở Thông tin và Truyền thông"]),
        ("Đảm bảo 100% cán bộ, công chức cấp xã sử dụng chữ ký số", "chữ ký số chuyên dùng", 100, None, "%",
         "2026", "2026", []),
    ],
)
DOCS = {"plan": PLAN, "resolution": RESOLUTION, "directive": DIRECTIVE}
INDICATOR = IndicatorLink(id="thu-nghiem-ntm", name="Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao", score=0.9)


def analysis(doc: tuple) -> Analysis:
    info, places, rows = doc
    text = "\n".join([info.title or "", *places, *(r[0] for r in rows)])
    targets = [
        TargetOut(id=f"t{i + 1}", text=t, start=0, end=len(t), metric=m, value=v, value_max=vmax, unit=u,
                  comparator="range" if vmax else "=", period=Period(start=ps, end=pe), actors=actors,
                  indicator=INDICATOR if "nông thôn mới" in t else None)
        for i, (t, m, v, vmax, u, ps, pe, actors) in enumerate(rows)
    ]
    entities = [EntityOut(text=p, label="LOC", start=0, end=len(p)) for p in places]
    return Analysis(text=text, document=info, targets=targets, entities=entities)


def save(store: Store, name: str, doc: tuple) -> int:
    stored, _ = store.create(name * 32, f"{name}.txt", "text/plain", 100)
    assert store.save_analysis(stored.id, analysis(doc))
    return stored.id


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "postgresql" and not PG_URL:
        pytest.skip("CHITIEU_TEST_POSTGRES_URL is not set (source .ci/start-postgres.sh to run on PostgreSQL)")
    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / 'chitieu.db'}")
        for name, doc in zip(("a1", "b2", "c3"), DOCS.values(), strict=True):
            save(s, name, doc)
        yield s
        s.dispose()
        return
    with postgres_schema() as url:
        s = Store(url)
        for name, doc in zip(("a1", "b2", "c3"), DOCS.values(), strict=True):
            save(s, name, doc)
        yield s
        s.dispose()


def page(store: Store, fts: bool, sort: str = "id", limit: int = 1000, offset: int = 0, **filters) -> dict:
    with store.reading() as conn:
        rows, total = target_page(conn, TargetFilter(**filters), sort, limit, offset, fts=fts)
    return {"texts": [r[6] for r in rows], "values": [r[8] for r in rows], "total": total}


def expected(store: Store, **filters: str) -> list[str]:
    """The same filters in plain Python over every stored target: every folded word standing alone in its
    column (no letter or digit touching it)."""
    columns = {"text": "text_folded", "issuer": "orgs_folded", "location": "locations_folded"}
    with store.reading() as conn:
        rows = conn.execute(sa.text("SELECT id, text, text_folded, orgs_folded, locations_folded FROM targets "
                                    "ORDER BY id")).mappings().all()
    return [r["text"] for r in rows
            if all(_stands_alone(w, r[columns[name]]) for name, query in filters.items() for w in terms(query))]


def _stands_alone(word: str, text: str) -> bool:
    """Some occurrence of `word` with no letter or digit touching its letter or digit edges, and no "0," or ",5"
    making a number of its edge the part of a decimal."""
    for m in re.finditer(re.escape(word), text):
        before, after = text[: m.start()], text[m.end() :]
        if word[0].isalnum() and before[-1:].isalnum() or word[0].isdigit() and re.search(r"\d[.,]$", before):
            continue
        if word[-1].isalnum() and after[:1].isalnum() or word[-1].isdigit() and re.match(r"[.,]\d", after):
            continue
        return True
    return False


def answers(store: Store, **filters: str) -> list[str]:
    """Targets found by the query layer, through the trigram index where there is one and without it:
    both must agree with each other and with `expected`."""
    found = page(store, store.fts, **filters)
    assert found["texts"] == page(store, False, **filters)["texts"] == expected(store, **filters), filters
    assert found["total"] == len(found["texts"])
    return found["texts"]


def test_sqlite_stores_get_the_trigram_index(store: Store) -> None:
    assert store.fts == (store.engine.dialect.name == "sqlite")


def test_text_filter_ignores_accents_case_and_word_order(store: Store) -> None:
    ket_nap = answers(store, text="ket nap")
    assert ket_nap == [PLAN[2][0][0], PLAN[2][2][0]]
    assert all("kết nạp" in fold(t) or "ket nap" in fold(t) for t in ket_nap)
    assert answers(store, text="KẾT NẠP") == answers(store, text="nạp kết") == ket_nap
    assert answers(store, text="Nông thôn MỚI") == [RESOLUTION[2][2][0]]
    assert answers(store, text="nong thon moi ket nap") == []


def test_text_filter_reads_the_metric_too(store: Store) -> None:
    assert answers(store, text="quan triet") == [PLAN[2][1][0]]
    assert answers(store, text="chu ky so chuyen") == [DIRECTIVE[2][1][0]]  # "chuyên" is only in the metric


def test_short_words_and_words_inside_other_words(store: Store) -> None:
    # "an" and "uy" are shorter than a trigram: tested on the rows; "uy" is also inside "huyen"
    assert answers(store, location="an")
    assert answers(store, location="tan an") == [t[0] for t in PLAN[2]]
    assert answers(store, issuer="huyen uy") == [t[0] for t in PLAN[2]]
    # the plan's first target has the actor "Ban Tổ chức Huyện ủy"; the directive's issuer is a "Ban"
    assert answers(store, issuer="uy ban") == [PLAN[2][0][0], RESOLUTION[2][0][0], RESOLUTION[2][2][0],
                                               *(t[0] for t in DIRECTIVE[2])]
    assert answers(store, issuer="to quoc", text="nong thon") == [RESOLUTION[2][2][0]]
    assert answers(store, text="ho ngheo", location="ap rach von") == [RESOLUTION[2][1][0]]


def test_a_word_is_found_whole_never_inside_another_word(store: Store) -> None:
    # "hoa" is a word of the issuer "Đảng ủy xã Hòa Lợi" but only a part of "kế hoạch" in a target's text;
    # "uy" stands alone in "huyện ủy", not in "huyen"
    assert answers(store, text="hoach") == [PLAN[2][1][0]]
    assert answers(store, text="hoa") == []
    assert answers(store, text="ke hoa") == []
    assert answers(store, location="hoa") == []
    assert answers(store, issuer="hoa loi") == [t[0] for t in RESOLUTION[2]]
    assert answers(store, issuer="hoa") == answers(store, issuer="hoa loi")
    assert answers(store, text="nap dang") == answers(store, text="ket nap")
    assert answers(store, text="na") == answers(store, text="ap") == []
    # a number stands alone too: "3" is in "3-4%", "4%" is its end, "34" is only inside "12x34"
    assert answers(store, text="3") == [PLAN[2][0][0]]
    assert answers(store, text="4%") == [PLAN[2][0][0]]
    assert answers(store, text="34") == []
    # and is no part of a decimal: "5%" and "1" are not in "1,5%", which "1,5%" and "1,5" find
    assert answers(store, text="5%") == answers(store, text="1") == []
    assert answers(store, text="1,5%") == answers(store, text="1,5") == [RESOLUTION[2][1][0]]


def test_query_characters_are_plain_text(store: Store) -> None:
    assert answers(store, text="3-4%") == [PLAN[2][0][0]]
    assert answers(store, text="12x34") == [DIRECTIVE[2][0][0]]
    assert answers(store, text="12_34") == []  # not a LIKE pattern
    assert answers(store, text="12%34") == []
    # FTS5 query syntax in a query is only text: quotes, operators, column filters, prefixes
    for query in ['"', 'nạp"', '"ket nap"', 'ket"nap', 'kết"" nạp', "ket OR nap", "NEAR(ket nap)", "ket*", "text_folded:ket", "-nap",
                  "^ket", "nap AND", "(", "{text_folded}", "ket\x00nap", "\x00"]:
        answers(store, text=query)


def test_text_filters_combine_with_the_other_filters(store: Store) -> None:
    assert answers(store, text="dang vien") == [t[0] for t in PLAN[2]]
    with_type = page(store, store.fts, text="ty le", doc_type="nghi_quyet")["texts"]
    assert with_type == [RESOLUTION[2][1][0]]
    assert page(store, store.fts, text="dang vien", unit="%", year_from=2024, year_to=2024)["total"] == 2
    assert page(store, store.fts, location="an", year_from=2026)["texts"] == [DIRECTIVE[2][1][0]]


def test_sorting_and_pages(store: Store) -> None:
    by_value = page(store, store.fts, sort="-value", unit="%")
    assert by_value["values"] == [100, 100, 100, 80, 3, 1.5] and by_value["total"] == 6
    # ties in value: the newest row first when descending
    assert by_value["texts"][:3] == [DIRECTIVE[2][1][0], RESOLUTION[2][2][0], PLAN[2][1][0]]
    assert page(store, store.fts, sort="value", unit="%")["values"] == [1.5, 3, 80, 100, 100, 100]
    pages = [page(store, store.fts, sort="-value", unit="%", limit=2, offset=o)["texts"] for o in (0, 2, 4)]
    assert sum(pages, []) == by_value["texts"]
    assert page(store, store.fts, sort="-value", unit="%", limit=2, offset=6)["texts"] == []
    assert page(store, store.fts, sort="-value", unit="%", limit=2, offset=6)["total"] == 6
    years = page(store, store.fts, sort="year", text="dang vien")["texts"]
    assert years == [PLAN[2][0][0], PLAN[2][1][0], PLAN[2][2][0]]  # same year: by id
    newest = page(store, store.fts, sort="-issued_date", year_from=2025)["texts"]
    assert newest[:3] == [t[0] for t in reversed(RESOLUTION[2])]
    assert page(store, store.fts, sort="not-a-column", text="dang vien")["texts"] == years


def test_the_index_follows_deletes_and_new_analyses(store: Store) -> None:
    with store.reading() as conn:
        plan_id = conn.execute(sa.text("SELECT id FROM documents WHERE number = '45-KH/HU'")).scalar_one()
    assert store.delete(plan_id) is not None
    assert answers(store, text="ket nap") == []
    assert page(store, store.fts, text="dang vien")["total"] == 0
    # a document analysed again replaces its targets: old words are gone, new ones found
    with store.reading() as conn:
        resolution_id = conn.execute(sa.text("SELECT id FROM documents WHERE number = '08-NQ/ĐU'")).scalar_one()
    info, places, rows = RESOLUTION
    changed = [("Phấn đấu kết nạp 12 đảng viên mới ở ấp Sóc Thát", "số đảng viên mới", 12, None, "đảng viên", "2026",
                "2026", ["Chi bộ ấp"]), *rows[1:]]
    assert store.save_analysis(resolution_id, analysis((info, places, changed)))
    assert answers(store, text="ket nap") == [changed[0][0]]
    assert answers(store, text="thu nhap binh quan") == []
    assert page(store, store.fts, text="ket nap")["total"] == 1


def test_api_pages_sort_and_csv_with_text_filters(tmp_path: Path) -> None:
    with service_client(tmp_path) as c:
        store: Store = c.app.state.store
        for name, doc in zip(("a1", "b2", "c3"), DOCS.values(), strict=True):
            save(store, name, doc)
        body = c.get("/targets", params={"text": "KET NAP", "sort": "-value"}).json()
        TargetList.model_validate(body)
        assert body["total"] == 2 and [t["value"] for t in body["items"]] == [25.0, 3.0]
        first = body["items"][1]
        assert (first["value"], first["value_max"], first["unit"], first["document"]["number"]) == (3.0, 4.0, "%",
                                                                                                   "45-KH/HU")
        assert first["document"]["issued_date"] == "2024-03-12" and first["actors"] == ["Ban Tổ chức Huyện ủy"]
        second = c.get("/targets", params={"text": "ket nap", "sort": "-value", "limit": 1, "offset": 1}).json()
        assert second["total"] == 2 and second["items"][0]["id"] == first["id"]
        r = c.get("/targets.csv", params={"text": "ket nap", "sort": "-value"})
        assert r.status_code == 200 and r.content.startswith("\ufeff".encode())
        rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
        assert [row["target"] for row in rows] == ["t3", "t1"]
        assert rows[1]["text"] == PLAN[2][0][0] and rows[1]["issuer"] == "Huyện ủy Tân Phú"
        assert rows[1]["value"] == "3" and rows[1]["value_max"] == "4" and rows[1]["actors"] == "Ban Tổ chức Huyện ủy"
        everything = c.get("/targets.csv").content.decode("utf-8-sig")
        assert len(list(csv.DictReader(io.StringIO(everything)))) == c.get("/targets").json()["total"] == 8
        assert c.get("/targets", params={"location": "an", "issuer": "uy"}).json()["total"] == 5
        assert c.get("/targets", params={"year_from": "abc"}).status_code == 422
        # the indicator page reads its targets the same way
        linked = c.get("/indicators/thu-nghiem-ntm/targets", params={"text": "nong thon"}).json()
        IndicatorTargets.model_validate(linked)
        assert linked["indicator"]["id"] == "thu-nghiem-ntm" and linked["total"] == 1
        assert linked["items"][0]["indicator"] == INDICATOR.model_dump()
        assert c.get("/indicators/thu-nghiem-ntm/targets", params={"text": "ket nap"}).json()["total"] == 0
        assert c.app.state.read_limiter.total_tokens == 2  # SQLite: two threads for the reads


def test_read_threads_default_to_two_on_sqlite_and_eight_on_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "CHITIEU_READ_THREADS"):
        monkeypatch.delenv(name, raising=False)
    assert Settings().read_thread_count == 2
    monkeypatch.setenv("DATABASE_URL", "postgresql://chitieu:chitieu@127.0.0.1/chitieu")
    assert Settings().read_thread_count == 8
    monkeypatch.setenv("CHITIEU_READ_THREADS", "4")
    assert Settings().read_thread_count == 4


def test_a_database_of_migration_0001_gets_its_targets_indexed(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy.orm import sessionmaker

    from service.storage.db import alembic_config, make_engine

    url = f"sqlite:///{tmp_path / 'chitieu.db'}"
    engine = make_engine(url)
    cfg = alembic_config(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    old = Store(url)  # the targets stored by the previous release: no migration beyond 0001
    old._engine = make_engine(url)
    old._sessions = sessionmaker(old._engine, expire_on_commit=False)
    save(old, "a1", PLAN)
    old.dispose()
    with sa.create_engine(url).connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    store = Store(url)  # migrates to the newest revision: the trigram index is built from the stored rows
    assert store.fts
    assert answers(store, text="ket nap") == [PLAN[2][0][0], PLAN[2][2][0]]
    assert page(store, True, text="dang vien")["total"] == 3
    store.dispose()


def test_the_csv_export_keeps_every_digit_of_large_and_decimal_values(tmp_path: Path) -> None:
    tourism = (
        DocumentInfo(doc_type="ke_hoach", number="21-KH/UBND", issued_date="2025-01-10", issuer="UBND tỉnh Hòa Sơn",
                     title="Kế hoạch phát triển du lịch năm 2025"),
        ["tỉnh Hòa Sơn"],
        [
            ("Phấn đấu năm 2025 thu hút 1.234.567 lượt khách", "lượt khách", 1234567, None, "lượt khách", "2025",
             "2025", []),
            ("Tổng thu từ du lịch đạt 12.345,67 tỷ đồng", "tổng thu từ du lịch", 12345.67, None, "tỷ đồng", "2025",
             "2025", []),
        ],
    )
    with service_client(tmp_path) as c:
        save(c.app.state.store, "d4", tourism)
        rows = list(csv.DictReader(io.StringIO(c.get("/targets.csv").content.decode("utf-8-sig"))))
    assert [row["value"] for row in rows] == ["1234567", "12345.67"]  # `:g` wrote 1.23457e+06 and 12345.7


def test_the_location_filter_also_finds_a_documents_own_place(tmp_path: Path) -> None:
    plan = (
        DocumentInfo(doc_type="ke_hoach", number="07-KH/HU", issued_date="2023-03-15", place="Tân Phú",
                     issuer="Huyện ủy Tân Phú", title="Kế hoạch phát triển đảng viên năm 2023"),
        [],  # no place named in the body: only the date line's "Tân Phú, ngày 15 tháng 3 năm 2023"
        [("Kết nạp 30 đảng viên mới", "số đảng viên mới", 30, None, "đảng viên", "2023", "2023", [])],
    )
    with service_client(tmp_path) as c:
        save(c.app.state.store, "e5", plan)
        for words in ("tan phu", "Tân Phú"):
            assert c.get("/targets", params={"location": words}).json()["total"] == 1, words
        assert c.get("/targets", params={"location": "dong nai"}).json()["total"] == 0
