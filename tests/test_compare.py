"""Across documents: targets grouped by indicator and period, ordered by level, weaker ones flagged."""

from __future__ import annotations

from nlp.compare import UNKNOWN, compare, issuer_level
from nlp.pipeline import analyze_text
from nlp.schema import Analysis, DocumentInfo, IndicatorLink, Period, ReferenceOut, Source, TargetOut


def _doc(name: str, issuer: str | None, number: str | None, targets: list[TargetOut],
         cites: list[str] | None = None) -> Analysis:
    return Analysis(
        text="", source=Source(filename=name), document=DocumentInfo(doc_type="ke_hoach", issuer=issuer, number=number),
        targets=targets,
        references=[ReferenceOut(text=n, number=n, start=0, end=0) for n in cites or []],
    )


def _target(ind: str, value: float, unit: str = "%", metric: str = "x", comparator: str = "=",
            year: str = "2025", value_max: float | None = None) -> TargetOut:
    return TargetOut(
        id="t1", text=metric, start=0, end=0, metric=metric, value=value, value_max=value_max, unit=unit,
        comparator=comparator, period=Period(end=year), indicator=IndicatorLink(id=ind, name=ind, score=0.9),  # type: ignore[arg-type]
    )


def test_issuer_level_from_issuer_text_then_number_code() -> None:
    assert issuer_level("Ban Chấp hành Trung ương", "57-NQ/TW") == 0
    assert issuer_level("Ủy ban nhân dân tỉnh Phú Yên", "122/KH-UBND") == 1
    assert issuer_level("Ủy ban nhân dân thành phố Cần Thơ") == 1
    assert issuer_level("Ban Thường vụ Huyện ủy Càng Long", "117-KH/HU") == 2
    assert issuer_level("Đảng ủy xã Tân An, huyện Càng Long") == 3
    assert issuer_level(None, "22/NQ-TU") == 1
    assert issuer_level(None, "2597/QĐ-TTg") == 0
    assert issuer_level("Ủy ban nhân dân", "12/KH-UBND") == UNKNOWN


def test_lower_rate_at_district_is_flagged_against_province() -> None:
    province = _doc("tinh.txt", "Ủy ban nhân dân tỉnh A", "10/KH-UBND", [_target("DP-001", 100, metric="xã đạt chuẩn nông thôn mới")])
    district = _doc("huyen.txt", "Ủy ban nhân dân huyện B", "5/KH-UBND", [_target("DP-001", 80, metric="xã đạt chuẩn nông thôn mới")])
    commune = _doc("xa.txt", "Đảng ủy xã C", "3-NQ/ĐU", [_target("DP-001", 90, metric="xã đạt chuẩn nông thôn mới")])
    groups = compare([commune, district, province])
    assert len(groups) == 1
    g = groups[0]
    assert (g.indicator_id, g.period) == ("DP-001", "2025")
    assert [e.document for e in g.entries] == ["tinh.txt", "huyen.txt", "xa.txt"]
    flagged = {(w.child.document, w.parent.document) for w in g.weaker}
    assert flagged == {("huyen.txt", "tinh.txt")}  # 90 at xã is above its huyện parent's 80


def test_reduction_metric_where_lower_level_is_a_higher_ceiling() -> None:
    province = _doc("tinh.txt", "Tỉnh ủy A", "01-NQ/TU", [_target("DP-010", 2, metric="tỷ lệ hộ nghèo giảm còn", comparator="<")])
    district = _doc("huyen.txt", "Huyện ủy B", "02-NQ/HU", [_target("DP-010", 3, metric="tỷ lệ hộ nghèo giảm còn", comparator="<")])
    stronger = _doc("huyen2.txt", "Huyện ủy C", "03-NQ/HU", [_target("DP-010", 1.5, metric="tỷ lệ hộ nghèo giảm còn", comparator="<")])
    g = compare([province, district, stronger])[0]
    assert [(w.child.document, w.parent.document) for w in g.weaker] == [("huyen.txt", "tinh.txt")]


def test_bigger_reduction_is_stronger_and_other_periods_stay_apart() -> None:
    province = _doc("tinh.txt", "Tỉnh ủy A", "01-NQ/TU", [_target("DP-011", 1.5, metric="tỷ lệ hộ nghèo giảm"),
                                                         _target("DP-011", 1.0, metric="tỷ lệ hộ nghèo giảm", year="2030")])
    district = _doc("huyen.txt", "Huyện ủy B", "02-NQ/HU", [_target("DP-011", 1.0, metric="tỷ lệ hộ nghèo giảm")])
    groups = {g.period: g for g in compare([province, district])}
    assert set(groups) == {"2025"}  # 2030 has one document only
    assert [w.child.document for w in groups["2025"].weaker] == ["huyen.txt"]


def test_cited_parent_is_preferred_and_units_must_match() -> None:
    p1 = _doc("tinh1.txt", "Tỉnh ủy A", "01-KH/TU", [_target("DANG-002", 500, unit="đảng viên")])
    p2 = _doc("tinh2.txt", "Tỉnh ủy A", "07-KH/TU", [_target("DANG-002", 100, unit="đảng viên")])
    child = _doc("huyen.txt", "Huyện ủy B", "02-KH/HU", [_target("DANG-002", 200, unit="đảng viên")], cites=["07-KH/TU"])
    percent = _doc("huyen2.txt", "Huyện ủy C", "03-KH/HU", [_target("DANG-002", 3, unit="%")])
    g = compare([p1, p2, child, percent])[0]
    assert g.weaker == []  # 200 ≥ 100 of the cited plan; "%" is not compared with a count


def test_analyses_of_written_plans_compare_end_to_end() -> None:
    province = analyze_text("Phấn đấu đến năm 2025 có 100% xã đạt chuẩn nông thôn mới.", Source(filename="tinh.txt"))
    district = analyze_text("Phấn đấu đến năm 2025 có 80% xã đạt chuẩn nông thôn mới.", Source(filename="huyen.txt"))
    groups = compare([district, province], levels=[2, 1])
    assert len(groups) == 1 and groups[0].indicator_id == "DP-001"
    assert [e.document for e in groups[0].entries] == ["tinh.txt", "huyen.txt"]
    assert groups[0].weaker and "below" in groups[0].weaker[0].reason
