"""report.html opens in headless Chromium with the network cut and draws every chart."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers_service import needs_pipeline
from test_batch_inputs import write_small_corpus

from service.batch.report import ReportData, render
from service.batch.runner import BatchOptions, run_batch

pytestmark = needs_pipeline
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
CHARTS = ["doc-types", "targets-by-indicator", "targets-by-year", "issuer-levels", "issuers",
          "guidance-categories", "organisations", "places", "most-cited", "citation-graph"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = write_small_corpus(tmp_path_factory.mktemp("inputs"))
    out = tmp_path_factory.mktemp("out")
    run_batch(BatchOptions(inputs=[str(corpus)], out=out, workers=1, progress=False))
    return out / "report.html"


def test_report_is_self_contained(report: Path) -> None:
    html = report.read_text("utf-8")
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
    for name in CHARTS:
        assert f'data-chart="{name}"' in html, name


def test_report_counts_the_files_as_the_command_does_failed_ones_included(report: Path) -> None:
    counts = re.search(r"(\d+) files: (\d+) read, (\d+) failed", report.read_text("utf-8"))
    assert counts is not None
    named, read, failed = map(int, counts.groups())
    assert failed == 1 and named == read + failed  # anh.bin is no document


def test_every_chart_is_drawn_in_chromium_without_network(report: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("chromium is not installed")
    outside: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(offline=True)
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                          else (outside.append(route.request.url), route.abort()))
            page = context.new_page()
            page.goto(report.as_uri())
            drawn = page.evaluate(
                """() => [...document.querySelectorAll('svg.chart')].map(svg => {
                    const box = svg.getBoundingClientRect();
                    const marks = [...svg.querySelectorAll('rect.bar, circle.node')]
                        .filter(m => m.getBBox().width > 0 && m.getBBox().height > 0);
                    return {name: svg.dataset.chart, width: box.width, height: box.height, marks: marks.length};
                })"""
            )
        finally:
            browser.close()
    assert outside == []
    by_name = {c["name"]: c for c in drawn}
    assert sorted(by_name) == sorted(CHARTS)
    for name in CHARTS:
        chart = by_name[name]
        assert chart["width"] > 100 and chart["height"] > 20, name
        assert chart["marks"] > 0, f"{name} has no bars or nodes"
    assert by_name["citation-graph"]["marks"] >= 3  # two citing plans and the resolution they cite


def test_targets_linked_to_indicators_are_charted_by_indicator_name(report: Path) -> None:
    from test_batch_inputs import NGHI_QUYET

    from nlp.pipeline import analyze_text
    from service.batch import tables

    a = analyze_text(NGHI_QUYET).model_dump()
    for t in a["targets"]:
        t["indicator"] = {"id": "IND-1", "name": "Tỷ lệ kết nạp đảng viên", "score": 0.9}
    info = tables.doc_info(a)
    rows = tables.target_rows("abc", a, info)
    assert rows and all(r["indicator_name"] == "Tỷ lệ kết nạp đảng viên" for r in rows)
    html = render(ReportData([], rows, [], [], [], 0))
    assert "Tỷ lệ kết nạp đảng viên" in html
