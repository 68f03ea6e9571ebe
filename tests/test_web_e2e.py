"""The web page end to end, in headless Chromium: upload, see the targets highlighted and listed.

The app runs under uvicorn in a subprocess (a temp data folder, a free loopback port); the
browser is Debian's /usr/bin/chromium driven by Playwright (`playwright install` is never run).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from helpers_service import REPO, SAMPLE_PLAN, needs_pipeline

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium (/usr/bin/chromium) is not installed"),
    needs_pipeline,
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(tmp_path_factory, {})


def _serve(tmp_path_factory: pytest.TempPathFactory, settings: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "CHITIEU_DATA_DIR": str(tmp_path_factory.mktemp("web-data"))}
    env.pop("DATABASE_URL", None)
    env.pop("CHITIEU_API_KEYS", None)
    env.update(settings)
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "service.app:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # start-up loads the models
            if proc.poll() is not None:
                pytest.fail(f"the app did not start: {proc.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("the app did not answer /health")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def page(server: str) -> Iterator:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(locale="vi-VN")
        # no request may leave the machine: every asset is served by the app
        outside: list[str] = []
        context.on("request", lambda r: None if r.url.startswith((server, "data:", "blob:")) else outside.append(r.url))
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        yield pg
        assert outside == []
        browser.close()


def _example(tmp_path: Path) -> Path:
    raw = REPO.parent / "shared" / "corpus" / "raw" / "000.txt"
    if raw.is_file():
        return raw
    p = tmp_path / "ke-hoach-45.txt"  # without the corpus: our own plan, which has the same 3-4% target
    p.write_text(SAMPLE_PLAN, encoding="utf-8")
    return p


def _plan_pdf(tmp_path: Path) -> Path:
    """A digital PDF of the sample plan, with a font that has the Vietnamese letters."""
    canvas_mod = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.exists():
        pytest.skip("DejaVu Sans is needed to write a Vietnamese PDF")
    pdfmetrics.registerFont(TTFont("DejaVu", str(font)))
    path = tmp_path / "ke-hoach-45.pdf"
    c = canvas_mod.Canvas(str(path))
    c.setFont("DejaVu", 11)
    y = 800
    for line in SAMPLE_PLAN.splitlines():
        c.drawString(50, y, line)
        y -= 16
    c.save()
    return path


def test_upload_the_example_and_see_its_target_highlighted_and_listed(page, server: str, tmp_path: Path) -> None:
    page.goto(server + "/")
    assert page.locator("h1", has_text="Tải văn bản lên").is_visible()
    page.set_input_files("#file-input", str(_example(tmp_path)))
    link = page.locator("#upload-list a")
    link.wait_for()
    assert page.locator("#upload-list progress").evaluate("p => p.value") == 1
    link.click()

    target = page.locator("#doc-text .hl-target").first
    target.wait_for()  # the page polls until the analysis is done
    highlighted = page.locator("#doc-text [data-target]").evaluate_all(
        "els => els.map(e => e.textContent).join('')"
    )
    assert "3-4%" in highlighted
    assert "3–4%" in page.locator("#doc-targets").inner_text()  # listed with its value range
    colours = {
        cls: page.locator(f"#doc-text .{cls}").first.evaluate("e => getComputedStyle(e).backgroundColor")
        for cls in ("hl-target", "hl-ref")
    }
    assert colours["hl-target"] != colours["hl-ref"]
    assert page.locator("#doc-entities").inner_text().strip()
    assert page.locator("#doc-guidance [data-category]").count() >= 1


def test_targets_after_emoji_and_flags_are_highlighted_on_their_own_words(page, server: str, tmp_path: Path) -> None:
    # a page saved from social media: each emoji and flag letter is two UTF-16 units in the browser, one character
    # in the API's offsets
    path = tmp_path / "tin-noi-bat.txt"
    path.write_text("📌📌 Tin nổi bật 🇻🇳🇻🇳\n\n" + SAMPLE_PLAN.replace("năm 2024\n\nCăn", "năm 2024 🎯\n\nCăn"),
                    encoding="utf-8")
    page.goto(server + "/")
    page.set_input_files("#file-input", str(path))
    link = page.locator("#upload-list a")
    link.wait_for()
    doc_id = link.get_attribute("href").rsplit("/", 1)[-1]
    link.click()
    page.locator("#doc-text .hl-target").first.wait_for()
    expected = {str(t["id"]): t["text"] for t in httpx.get(f"{server}/documents/{doc_id}/analysis").json()["targets"]}
    shown: dict[str, str] = {}  # a target cut by an entity's ends is shown in pieces
    for target_id, text in page.locator("#doc-text [data-target]").evaluate_all(
            "els => els.map(e => [e.dataset.target, e.textContent])"):
        shown[target_id] = shown.get(target_id, "") + text
    assert expected and shown == expected


def test_upload_a_pdf_and_find_its_targets_in_the_targets_table(page, server: str, tmp_path: Path) -> None:
    page.goto(server + "/")
    page.set_input_files("#file-input", str(_plan_pdf(tmp_path)))
    page.locator("#upload-list a").wait_for()
    page.locator("#upload-list a").click()
    page.locator("#doc-text .hl-target").first.wait_for()
    assert "3–4%" in page.locator("#doc-targets").inner_text()

    page.goto(server + "/#/chi-tieu")
    page.fill("#target-filters input[name=text]", "ket nap")  # no accents needed
    page.click("#target-filters button[type=submit]")
    page.locator("#targets-table tbody tr").first.wait_for()
    rows = page.locator("#targets-table tbody tr")
    assert all("kết nạp" in rows.nth(i).inner_text() for i in range(rows.count()))
    with page.expect_download() as download:
        page.click("#csv")
    csv_text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].startswith("document_id,")
    assert "kết nạp" in csv_text


def test_a_scan_whose_number_is_illegible_shows_the_warning(page, server: str, tmp_path: Path) -> None:
    scan = tmp_path / "chi-thi-scan.txt"
    scan.write_text(
        "ỦY BAN NHÂN DÂN CỌNG HÒA XÃ HỘI CHÚ NGHĨA VIỆT NAM\nTỈNH GIA LAI    Độc lập - Tự do - Hạnh phúc\n"
        "Số: ⁄‡6 /CT-UBND    Pleiku, ngày 14 tháng 2 năm 2024\nCHỈ THỊ\nVề việc tăng cường phòng cháy, chữa cháy rừng\n"
        "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ngành rà soát phương án phòng cháy rừng.\n",
        encoding="utf-8",
    )
    page.goto(server + "/")
    page.set_input_files("#file-input", str(scan))
    page.locator("#upload-list a").wait_for()
    page.locator("#upload-list a").click()
    page.locator("#doc-warnings li").first.wait_for()  # the page polls until the analysis is done
    assert "number is illegible" in page.locator("#doc-warnings").inner_text()
    assert page.locator("#doc-text").inner_text().startswith("ỦY BAN")


def test_the_api_docs_render_their_operations_without_leaving_the_machine(page, server: str) -> None:
    page.goto(server + "/docs")
    page.locator(".opblock-summary-path").first.wait_for()  # Swagger UI ran and read /openapi.json
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/analyze" in [p.strip().replace("\u200b", "") for p in paths]


def test_with_keys_required_for_reads_the_analysis_json_is_fetched_with_the_key(
    page, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path,
) -> None:
    keyed = _serve(tmp_path_factory, {"CHITIEU_API_KEYS": "khoa-doc", "CHITIEU_API_KEYS_FOR_READS": "true"})
    base = next(keyed)
    context = page.context.browser.new_context(locale="vi-VN", accept_downloads=True)  # one Playwright per process
    try:
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        pg.goto(base + "/")
        pg.evaluate("localStorage.setItem('chitieu.apiKey', 'khoa-doc')")
        pg.reload()
        pg.set_input_files("#file-input", str(_example(tmp_path)))
        pg.locator("#upload-list a").click()
        link = pg.locator("a", has_text="JSON phân tích")
        link.wait_for()  # the page polls until the analysis is done
        with pg.expect_download() as download:
            link.click()  # a plain link would open a tab answering 401
        analysis = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert analysis["targets"] and analysis["schema_version"] == "1"
    finally:
        context.close()
        keyed.close()


def test_a_bad_filter_in_the_address_says_in_vietnamese_which_field_to_fix(page, server: str) -> None:
    page.goto(server + "/#/chi-tieu?year_from=abc")
    error = page.locator("p.error")
    error.wait_for()
    said = error.inner_text()
    assert "Dữ liệu nhập không hợp lệ" in said and "year_from" in said


def test_an_address_with_a_broken_escape_says_so_instead_of_keeping_the_old_view(page, server: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/#/chi-so/%E0%A4%A")
    alert = page.locator("p.error")
    alert.wait_for()
    assert alert.inner_text().startswith("Địa chỉ không hợp lệ")
    assert errors == []
