"""`chitieu batch`: tables, duplicates, failures, resumability (local engine)."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from helpers_service import needs_pipeline
from test_batch_inputs import OUTPUT_FILES, output_bytes, write_small_corpus

from nlp.schema import Analysis
from service.batch import tables
from service.batch.runner import BatchOptions, run_batch
from service.cli import main

pytestmark = needs_pipeline


@pytest.fixture(scope="module")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    corpus = write_small_corpus(tmp_path_factory.mktemp("inputs"))
    out = tmp_path_factory.mktemp("out")
    summary = run_batch(BatchOptions(inputs=[str(corpus)], out=out, workers=2, progress=False))
    return corpus, out, summary


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_output_is_written(small_run) -> None:  # noqa: ANN001
    _, out, _ = small_run
    for name in OUTPUT_FILES:
        assert (out / name).is_file(), name
    assert not list(out.glob(".*.tmp")) and not list((out / ".results").glob("*/.*.tmp"))


def test_one_analysis_per_content_and_every_path_in_documents(small_run) -> None:  # noqa: ANN001
    corpus, out, summary = small_run
    analyses = [Analysis.model_validate_json(line) for line in (out / "analyses.jsonl").read_text("utf-8").splitlines()]
    assert len(analyses) == 4  # the copy in ban-sao/ shares the content of nq-12.txt
    assert summary.files == 6 and summary.distinct == 5 and summary.analysed == 4
    docs = pq.read_table(out / "documents.parquet").to_pylist()
    paths = [d["path"] for d in docs]
    assert paths == sorted(paths) and len(paths) == 5
    copy = next(d for d in docs if d["path"].endswith("nq-12-copy.txt"))
    original = next(d for d in docs if d["path"].endswith("/nq-12.txt"))
    # the first path in path order ("ban-sao/..." < "nq-12.txt") is the one the others duplicate
    assert original["duplicate_of"] == copy["path"] and copy["duplicate_of"] is None
    assert copy["sha256"] == original["sha256"]
    assert original["number"] == "12-NQ/HU" and original["doc_type"] == "nghi_quyet"
    assert original["issuer_level"] == "huyen" and original["year"] == 2024
    assert not any(".ghi-chu" in p for p in paths)


def test_unreadable_file_is_recorded_and_does_not_stop_the_run(small_run) -> None:  # noqa: ANN001
    _, out, summary = small_run
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert [Path(e["path"]).name for e in errors] == ["anh.bin"]
    assert errors[0]["stage"] == "ingest" and errors[0]["sha256"]
    assert summary.failed_files == 1


def test_tables_have_the_documented_columns_in_parquet_and_csv(small_run) -> None:  # noqa: ANN001
    _, out, _ = small_run
    for name in tables.TABLES:
        documented = [c.name for c in tables.COLUMNS[name]]
        assert pq.read_schema(out / f"{name}.parquet").names == documented
        with open(out / f"{name}.csv", encoding="utf-8") as fh:
            assert fh.readline().rstrip("\n").split(",") == documented


def test_child_tables_hold_every_item_of_the_analyses(small_run) -> None:  # noqa: ANN001
    _, out, _ = small_run
    analyses = [json.loads(line) for line in (out / "analyses.jsonl").read_text("utf-8").splitlines()]
    for name, field in [("targets", "targets"), ("references", "references"), ("entities", "entities"),
                        ("guidance", "guidance")]:
        rows = pq.read_table(out / f"{name}.parquet").to_pylist()
        assert len(rows) == sum(len(a[field]) for a in analyses), name
        assert len(_csv(out / f"{name}.csv")) == len(rows)
    targets = pq.read_table(out / "targets.parquet").to_pylist()
    assert any(t["unit"] == "%" and t["value"] == 3.0 and t["value_max"] == 4.0 for t in targets)
    linked = {(a["source"]["sha256"], t["id"]): (t.get("indicator") or {}).get("id") for a in analyses for t in a["targets"]}
    assert {(t["sha256"], t["target_id"]): t["indicator_id"] for t in targets} == linked  # null when not linked


def test_citations_resolve_to_the_cited_document_of_the_batch(small_run) -> None:  # noqa: ANN001
    _, out, _ = small_run
    docs = {d["number"]: d["sha256"] for d in pq.read_table(out / "documents.parquet").to_pylist() if d["number"]}
    refs = pq.read_table(out / "references.parquet").to_pylist()
    to_nq = [r for r in refs if r["number_key"] == "12-NQ/HU"]
    citing = {r["sha256"] for r in to_nq}
    assert citing == {docs["45-KH/HU"], docs["03-CT/ĐU"]}
    assert {r["cited_sha256"] for r in to_nq} == {docs["12-NQ/HU"]}


def test_rerun_analyses_nothing_again_and_writes_identical_outputs(small_run) -> None:  # noqa: ANN001
    corpus, out, _ = small_run
    before = output_bytes(out)
    again = run_batch(BatchOptions(inputs=[str(corpus)], out=out, workers=1, progress=False))
    assert again.skipped == 4 and again.analysed == 0
    assert output_bytes(out) == before


def test_cli_reports_failures_with_exit_1_and_usage_errors_with_2(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path / "in")
    code = main(["batch", str(corpus / "kh-45.txt"), str(corpus / "anh.bin"), str(tmp_path / "khong-co"),
                 "--out", str(tmp_path / "out"), "--workers", "1", "--no-progress"])
    assert code == 1
    errors = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text("utf-8").splitlines()]
    assert sorted(e["stage"] for e in errors) == ["ingest", "input"]
    assert len(_csv(tmp_path / "out" / "documents.csv")) == 1
    with pytest.raises(SystemExit) as info:
        main(["batch", str(corpus), "--out", str(tmp_path / "o"), "--workers", "0"])
    assert info.value.code == 2
    assert main(["batch", str(corpus), "--out", str(tmp_path / "o"), "--scheduler", "tcp://x:1"]) == 2


def test_an_empty_folder_is_reported_and_exits_1(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / ".ghi-chu").write_text("tệp ẩn", encoding="utf-8")  # hidden files are not documents
    assert main(["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-progress"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"chitieu: no files found in {tmp_path / 'in'}; nothing was analysed")


def test_an_output_path_that_cannot_be_a_folder_is_a_usage_error(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    corpus = write_small_corpus(tmp_path / "in")
    (tmp_path / "bao-cao.txt").write_text("không phải thư mục", encoding="utf-8")
    assert main(["batch", str(corpus), "--out", str(tmp_path / "bao-cao.txt"), "--no-progress"]) == 2
    assert "a file is in the way" in capsys.readouterr().err
    assert main(["batch", str(corpus), "--out", str(tmp_path / "bao-cao.txt" / "ra"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "cannot create the folder" in err and "Traceback" not in err
    with pytest.raises(SystemExit):
        main(["batch", str(corpus), "--out", str(tmp_path / "o"), "--workers", "abc"])
    assert "not a whole number: 'abc'" in capsys.readouterr().err


def test_glob_inputs_and_the_output_folder_inside_the_input_is_not_read(tmp_path: Path) -> None:
    from service.batch.inputs import discover

    corpus = write_small_corpus(tmp_path / "in")
    (corpus / "out").mkdir()
    (corpus / "out" / "analyses.jsonl").write_text("{}", encoding="utf-8")
    files, problems = discover([str(corpus / "*.txt"), str(corpus), str(corpus / "*.docx")], exclude=corpus / "out")
    names = [Path(f.path).name for f in files]
    assert names.count("kh-45.txt") == 1  # named twice, read once
    assert "analyses.jsonl" not in names and ".ghi-chu" not in names
    assert [p.error for p in problems] == ["no file matches this pattern"]


def test_a_link_to_nothing_in_a_folder_is_reported_not_skipped(tmp_path: Path) -> None:
    from service.batch.inputs import discover

    corpus = write_small_corpus(tmp_path / "in")
    (corpus / "mat.txt").symlink_to(tmp_path / "khong-con")
    files, problems = discover([str(corpus)])
    assert "mat.txt" not in [Path(f.path).name for f in files]
    assert [(Path(p.path).name, p.error.split(" (")[0]) for p in problems] == [("mat.txt", "broken link")]


def test_a_second_run_on_the_same_folder_is_refused_while_one_runs(tmp_path: Path) -> None:
    from service.batch.store import BatchBusy, locked

    with locked(tmp_path), pytest.raises(BatchBusy):
        with locked(tmp_path):
            pass


def test_db_option_stores_each_content_once_and_a_second_save_adds_nothing(small_run, tmp_path: Path) -> None:  # noqa: ANN001
    pytest.importorskip("service.storage")
    from service.batch.db import saver
    from service.storage import Store

    _, out, _ = small_run
    url = f"sqlite:///{tmp_path / 'chitieu.db'}"
    assert saver(url)(out) == 4
    assert saver(url)(out) == 0
    store = Store(url)
    for line in (out / "analyses.jsonl").read_text("utf-8").splitlines():
        doc = store.find_by_sha(json.loads(line)["source"]["sha256"])
        assert doc is not None and doc.status == "done"
    store.dispose()


def test_an_interrupted_run_keeps_the_last_completed_error_list(tmp_path: Path) -> None:
    from service.batch.store import ErrorLog

    first = ErrorLog(tmp_path / "errors.jsonl")
    first.add("kh/ke-hoach-12.pdf", None, "ingest", "scanned PDF without a text layer")
    first.finish()
    completed = (tmp_path / "errors.jsonl").read_text("utf-8")
    assert not (tmp_path / "errors.jsonl.partial").exists()

    second = ErrorLog(tmp_path / "errors.jsonl")
    second.add("kh/nghi-quyet-08.docx", None, "analysis", "worker died")
    second.close()  # Ctrl-C: finish() never runs
    assert (tmp_path / "errors.jsonl").read_text("utf-8") == completed
    live = [json.loads(x) for x in (tmp_path / "errors.jsonl.partial").read_text("utf-8").splitlines()]
    assert [r["path"] for r in live] == ["kh/nghi-quyet-08.docx"]


def test_a_completed_run_removes_the_results_of_older_analysis_versions(tmp_path: Path) -> None:
    from service.batch.fingerprint import analysis_fingerprint

    corpus = write_small_corpus(tmp_path / "in")
    out = tmp_path / "out"
    old = out / ".results" / ("0" * 16)
    old.mkdir(parents=True)
    (old / f"{'a' * 64}.json").write_text("{}\n", encoding="utf-8")
    run_batch(BatchOptions(inputs=[str(corpus)], out=out, workers=1, progress=False))
    assert [p.name for p in (out / ".results").iterdir()] == [analysis_fingerprint()]


def test_a_file_name_that_is_not_utf8_is_escaped_and_the_run_completes(tmp_path: Path) -> None:
    from test_batch_inputs import NGHI_QUYET

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(NGHI_QUYET, encoding="utf-8")
    # a name saved on a Windows-1258 machine: "Nghị quyết" is not UTF-8 there
    try:
        with open(os.path.join(os.fsencode(folder), b"ngh\xf2 quy\xeat.txt"), "wb") as fh:
            fh.write(NGHI_QUYET.replace("Số 12-NQ/HU", "Số 13-NQ/HU").encode("utf-8"))
    except OSError:
        pytest.skip("this filesystem refuses file names that are not UTF-8")
    out = tmp_path / "out"
    missing = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"m\xe2t.txt"))  # named, not there
    summary = run_batch(BatchOptions(inputs=[str(folder), missing], out=out, workers=1, progress=False))
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert [(Path(e["path"]).name, e["error"]) for e in errors] == [("m\\xe2t.txt", "no such file or folder")]
    assert summary.failed_files == 1
    paths = sorted(Path(r["path"]).name for r in _csv(out / "documents.csv"))
    assert paths == ["ngh\\xf2 quy\\xeat.txt", "ok.txt"]
    names = {json.loads(line)["source"]["filename"] for line in (out / "analyses.jsonl").read_text("utf-8").splitlines()}
    assert names == {"ngh\\xf2 quy\\xeat.txt", "ok.txt"}
