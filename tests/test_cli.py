from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers_service import REPO, needs_pipeline, write_plan

from service.cli import main


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    return write_plan(tmp_path)


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["analyze"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["khong-co-lenh"])
    assert info.value.code == 2


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["analyze", "--help"])
    assert info.value.code == 0
    assert "--json" in capsys.readouterr().out


@needs_pipeline
def test_json_one_line_per_file_in_order(
    tmp_path: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = tmp_path / "chi-thi.txt"
    second.write_text(
        "CHỈ THỊ\nvề tăng cường công tác kiểm tra, giám sát\n"
        "Các cấp ủy phấn đấu đến năm 2025 có 100% chi bộ được kiểm tra.\n",
        encoding="utf-8",
    )
    code = main(["analyze", str(plan_file), str(second), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2
    first, other = (json.loads(line) for line in lines)
    assert first["schema_version"] == "1"
    assert first["source"]["filename"] == plan_file.name
    assert other["source"]["filename"] == second.name
    assert "45-KH/HU" in first["text"]
    assert "100% chi bộ" in other["text"]


@needs_pipeline
def test_missing_file_does_not_stop_the_others(
    tmp_path: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "khong-co.txt"
    code = main(["analyze", str(missing), str(plan_file), "--json"])
    out, err = capsys.readouterr()
    assert code == 1
    assert len(out.splitlines()) == 1
    assert json.loads(out)["source"]["filename"] == plan_file.name
    err_lines = err.strip().splitlines()
    assert err_lines == [f"chitieu: {missing}: no such file"]
    assert "Traceback" not in err


@needs_pipeline
def test_bad_inputs_each_one_line(
    tmp_path: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "rac.bin"
    junk.write_bytes(b"\x00\xff" * 64)
    code = main(["analyze", str(empty), str(plan_file), str(junk)])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.strip().splitlines() == [
        f"chitieu: {empty}: empty file",
        f"chitieu: {junk}: binary file, not text or PDF",
    ]
    assert plan_file.name in out


@needs_pipeline
def test_summary(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["analyze", str(plan_file)])
    out, err = capsys.readouterr()
    assert code == 0, err
    for heading in (
        "type:",
        "number:",
        "date:",
        "issuer:",
        "title:",
        "Targets (",
        "References (",
        "Entities (",
        "Guidance (",
    ):
        assert heading in out
    assert err == ""


@needs_pipeline
def test_subprocess(tmp_path: Path, plan_file: Path) -> None:
    missing = tmp_path / "mat.txt"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "service.cli", "analyze", str(plan_file), str(missing), "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["source"]["filename"] == plan_file.name
    assert proc.stderr.strip().splitlines()[-1] == f"chitieu: {missing}: no such file"
    assert "Traceback" not in proc.stderr


def test_eval_errors_are_refused_for_the_test_split(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--split", "test", "--errors"]) == 2
    assert "only looked at as totals" in capsys.readouterr().err


@needs_pipeline
def test_a_dash_reads_the_text_piped_in(plan_file: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "service.cli", "analyze", "-", "--json"], input=plan_file.read_bytes(),
        capture_output=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=300,
    )
    assert run.returncode == 0, run.stderr.decode()
    [line] = run.stdout.decode().splitlines()
    analysis = json.loads(line)
    assert "45-KH/HU" in analysis["text"] and analysis["targets"]


def test_the_summary_writes_numbers_with_every_digit_and_no_exponent() -> None:
    from service.numbers import plain

    assert [plain(x) for x in (1234567.0, 12345.67, 2_500_000.0, 0.5, 3.0, 1.5e20)] == [
        "1234567", "12345.67", "2500000", "0.5", "3", "150000000000000000000"]


def test_eval_refuses_a_save_path_it_cannot_write_before_scoring(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--split", "dev", "--save", str(tmp_path / "khong-co" / "dev.json")]) == 2
    assert main(["eval", "--split", "dev", "--save", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"chitieu: {tmp_path / 'khong-co' / 'dev.json'}: no such folder: {tmp_path / 'khong-co'}",
                   f"chitieu: {tmp_path}: is a folder; give a file name"]


@pytest.mark.parametrize("argv", [["eval", "--split", "dev"], ["annotate", "check"]])
def test_a_missing_corpus_folder_is_one_line_and_the_option_may_follow_the_action(
        argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--corpus", str(tmp_path / "corpus")]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        f"chitieu: {tmp_path / 'corpus'}: no such corpus folder (give --corpus PATH or set CHITIEU_CORPUS)"]


@needs_pipeline
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("unbuffered", ["1", None])
def test_output_to_a_full_disk_is_one_line_not_a_traceback(plan_file: Path, unbuffered: str | None) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:  # each write fails at once; buffered, the failure shows when the output is flushed
        env["PYTHONUNBUFFERED"] = unbuffered
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "service.cli", "analyze", str(plan_file), "--json"], stdout=full,
            stderr=subprocess.PIPE, text=True, cwd=REPO, env=env, timeout=600, check=False,
        )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == ["chitieu: cannot write the output (No space left on device)"]
