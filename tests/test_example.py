"""The done-when checks of the foundation on the example article raw/000."""

from __future__ import annotations


def _target(a, value: float):  # noqa: ANN001, ANN202
    return next(t for t in a.targets if t.value == value)


def test_example_target_is_the_admission_rate_range_per_year(example_analysis):
    t = _target(example_analysis, 3.0)
    assert (t.value, t.value_max, t.unit, t.per, t.comparator) == (3.0, 4.0, "%", "năm", "range")
    assert "tổng số đảng viên" in (t.base or "")
    assert "kết nạp đảng viên mới" in t.metric
    assert "Ban Tổ chức Huyện ủy" in t.actors


def test_example_reference_to_plan_117_carries_its_date(example_analysis):
    ref = next(r for r in example_analysis.references if r.number == "117-KH/HU")
    assert ref.issued_date == "2022-10-31"
    assert ref.doc_type == "ke_hoach"


def test_example_people_places_and_bodies(example_analysis):
    ents = {(e.label, e.text) for e in example_analysis.entities}
    assert ("PER", "Lữ Thị Truyền") in ents
    assert ("ORG", "Huyện ủy Càng Long") in ents
    locs = " | ".join(text for label, text in ents if label == "LOC")
    assert "Tân An" in locs and "Trà Ốp" in locs


def test_example_has_the_guidance_items_with_inspection(example_analysis):
    items = example_analysis.guidance
    assert len(items) >= 4
    inspection = [g for g in items if "kiểm tra, giám sát" in g.text]
    assert inspection and inspection[0].category == "inspection"
    assert not any(g.text.startswith("(") for g in items)  # the photo caption is not a task


def test_visitor_counter_yields_no_target(example_analysis):
    a = example_analysis
    counter = a.text.index("Thống kê truy cập")
    assert all(t.start < counter for t in a.targets)
    assert len(a.targets) == 1


def test_example_is_a_news_article_with_its_headline_as_title(example_analysis):
    doc = example_analysis.document
    assert doc.doc_type == "tin_tuc"
    assert doc.title == "Huyện ủy Càng Long uốn nắn công tác tạo nguồn kết nạp đảng viên"


def test_every_span_points_into_the_text(example_analysis):
    a = example_analysis
    spans = [*a.entities, *a.references, *a.targets, *a.guidance]
    assert spans
    for span in spans:
        assert a.text[span.start : span.end] == span.text
