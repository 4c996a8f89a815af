"""Hostile input to ``add`` (issue 11): an article the analysis cannot handle costs only itself,
bad lines of ``--analyses`` each get their own line, a page claiming another article's canonical URL
never replaces it, and the workers of ``add --jobs 2`` die with their parent. Real files, real
SQLite, the real model, the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from newsread.core.cli import cli
from newsread.core.store.library import Library
from spacy.language import Language
from spacy.tokens import Doc

ARTICLES = {
    "a.txt": "Budget talks\n\nThe mayor of Springfield said the budget would be balanced by spring.\n",
    "b.txt": "Vote planned\n\nThe vote will be held on Monday, officials said.\n",
    "c.txt": "Bridge reopens\n\nThe bridge reopened after repairs, the transport department said in a statement.\n",
    "d.txt": "Harbour dredged\n\nThe harbour was dredged over the winter, the port authority said on its website.\n",
}


REFUSED_WORD = "Monday"


@Language.component("newsread_test_refuses_a_word")
def _refuses_a_word(doc: Doc) -> Doc:
    """A faulty component of a third-party pipeline: it raises on any text naming ``REFUSED_WORD``."""
    if REFUSED_WORD in doc.text:
        raise OverflowError(f"this pipeline cannot handle {REFUSED_WORD!r}")
    return doc


@pytest.fixture(scope="module")
def faulty_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The real model saved with that component at its end: ``--model PATH`` loads it as any other."""
    from newsread.core.nlp import load

    nlp = load()
    nlp.add_pipe("newsread_test_refuses_a_word", last=True)
    path = tmp_path_factory.mktemp("model") / "faulty"
    nlp.to_disk(path)
    nlp.remove_pipe("newsread_test_refuses_a_word")  # the cached model of this process stays sound
    return str(path)


def _add(db: Path, *args: str) -> Result:
    """``newsread add`` through the real CLI; an uncaught exception fails the test (no traceback)."""
    return CliRunner().invoke(cli, ["--db", str(db), "add", *args], catch_exceptions=False)


def _titles(db: Path) -> set[str]:
    with Library.open(db) as lib:
        return {row.title or "" for row in lib.articles(limit=100)}


# -- item 2: one article's analysis error costs only that article ---------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_analysis_error_costs_only_its_own_article(tmp_path: Path, jobs: str, faulty_model: str) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "l.db"
    result = _add(db, "--progress", "plain", "--jobs", jobs, "--model", faulty_model, str(folder))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[-1] == "added 3, duplicates 0, updated 0, failed 1"
    errors = result.stderr.splitlines()
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"newsread: {folder / 'b.txt'}: analysis failed: OverflowError")
    assert _titles(db) == {"Budget talks", "Bridge reopens", "Harbour dredged"}


def test_every_failing_article_gets_its_own_line_and_the_rest_are_stored(tmp_path: Path, faulty_model: str) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "e.txt").write_text("Poll date\n\nThe poll closes on Monday, the commission said.\n", encoding="utf-8")
    db = tmp_path / "l.db"
    result = _add(db, "--progress", "jsonl", "--model", faulty_model, str(folder))
    assert result.exit_code == 1, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    failed = sorted(Path(e["source"]).name for e in events if e["event"] == "item" and e["status"] == "failed")
    assert failed == ["b.txt", "e.txt"]
    assert len(result.stderr.splitlines()) == 2
    assert _titles(db) == {"Budget talks", "Bridge reopens", "Harbour dredged"}


# -- item 8: every bad line of --analyses gets its own line; the good ones are stored -------------


def _analysis_line(text: str, **fields: object) -> str:
    """One line of ``analyze --jsonl`` for ``text``, with ``fields`` set or replaced."""
    data: dict[str, object] = {"text": text, "title": None, "entities": [], "speakers": [], "quotes": [], "figures": []}
    data.update(fields)
    return json.dumps(data, ensure_ascii=True)


SAID = "Cook said the talks would go on."
BAD_LINES = {
    "a 400-digit figure": _analysis_line(
        SAID, figures=[{"start": 0, "end": 4, "text": "Cook", "value": 10**400, "kind": "count"}]
    ),
    "a speaker with 10**30 quotes": _analysis_line(SAID, speakers=[{"name": "Cook", "aliases": [], "quotes": 10**30}]),
    "a quote at offset 10**30": _analysis_line(
        SAID, quotes=[{"start": 10**30, "end": 10**30 + 4, "text": "Cook", "speaker": None, "cue": None}]
    ),
    "nesting": "[" * 100_000,
    "a lone surrogate": _analysis_line(SAID, title="\ud800"),
    "a speaker that is an object": _analysis_line(
        SAID, quotes=[{"start": 0, "end": 4, "text": "Cook", "speaker": {}, "cue": "said"}]
    ),
    "an invented quote": _analysis_line(
        SAID, quotes=[{"start": 10, "end": 31, "text": "we will win the war", "speaker": "Cook", "cue": "said"}]
    ),
    "an infinite figure": _analysis_line(SAID, figures=[{"start": 0, "end": 4, "text": "Cook", "value": 1.0}]).replace(
        '"value": 1.0', '"value": 1e999'
    ),
    "a NaN figure": _analysis_line(SAID, figures=[{"start": 0, "end": 4, "text": "Cook", "value": 1.0}]).replace(
        '"value": 1.0', '"value": NaN'
    ),
    "a statement at offset 10**30": _analysis_line(
        SAID,
        quotes=[
            {"start": 0, "end": 4, "text": "Cook", "speaker": None, "cue": None, "kind": "partial"}
            | {"statement_start": 0, "statement_end": 10**30}
        ],
    ),
    "half a statement": _analysis_line(
        SAID, quotes=[{"start": 0, "end": 4, "text": "Cook", "speaker": None, "cue": None, "statement_start": 0}]
    ),
    "a speaker with 'many' reported statements": _analysis_line(
        SAID, speakers=[{"name": "Cook", "aliases": [], "quotes": 0, "reported": "many"}]
    ),
    "a figure of no known kind": _analysis_line(
        SAID, figures=[{"start": 0, "end": 4, "text": "Cook", "value": 1.0, "kind": "\x1b[2Jheadcount"}]
    ),
    "a figure whose qualifier is a number": _analysis_line(
        SAID, figures=[{"start": 0, "end": 4, "text": "Cook", "value": 1.0, "qualifier": 3}]
    ),
    "a 400-digit high": _analysis_line(
        SAID, figures=[{"start": 0, "end": 4, "text": "Cook", "value": 1.0, "low": 1, "high": 10**400}]
    ),
    "an infinite low": _analysis_line(
        SAID, figures=[{"start": 0, "end": 4, "text": "Cook", "value": 1.0, "low": 2.0}]
    ).replace('"low": 2.0', '"low": -1e999'),
    "not UTF-8": "\udcff",  # written as the byte 0xff below
}


def test_every_bad_analysis_line_is_refused_on_its_own_and_the_good_ones_are_stored(
    tmp_path: Path, seed_analysis
) -> None:
    good_first = json.dumps(seed_analysis.to_dict())
    good_last = _analysis_line(SAID, title="Talks go on", quotes=[], figures=[])
    lines = [good_first, *BAD_LINES.values(), good_last]
    f = tmp_path / "analyses.jsonl"
    f.write_bytes("\n".join(lines).encode("utf-8", "surrogateescape") + b"\n")
    db = tmp_path / "l.db"
    result = _add(db, "--progress", "plain", "--analyses", str(f))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[-1] == f"added 2, duplicates 0, updated 0, failed {len(BAD_LINES)}"
    errors = result.stderr.splitlines()
    assert [line.split(": bad analysis: ")[0] for line in errors] == [
        f"newsread: {f}:{n}" for n in range(2, len(BAD_LINES) + 2)
    ], errors
    assert all(len(line) < 300 for line in errors), errors
    reasons = dict(zip(BAD_LINES, (line.split(": bad analysis: ")[1] for line in errors), strict=True))
    assert reasons["an invented quote"] == "quotes[0]: its text is not the article's text at 10..31"
    assert "outside the text" in reasons["a quote at offset 10**30"]
    assert "finite" in reasons["an infinite figure"] and "finite" in reasons["a 400-digit figure"]
    assert "NaN" in reasons["a NaN figure"]
    assert "surrogate" in reasons["a lone surrogate"]
    assert reasons["a speaker that is an object"] == "quotes[0].speaker is not a string or null"
    assert "does not hold the quote or is outside the text" in reasons["a statement at offset 10**30"]
    assert reasons["half a statement"] == "quotes[0]: statement_start and statement_end go together"
    assert "reported" in reasons["a speaker with 'many' reported statements"]
    assert reasons["a figure of no known kind"].startswith("figures[0].kind '\\x1b[2Jheadcount' is not one of count,")
    assert reasons["a figure whose qualifier is a number"] == "figures[0].qualifier is not a string or null"
    assert reasons["a 400-digit high"] == "figures[0].high is not a finite number"
    assert "finite" in reasons["an infinite low"]
    assert "\x1b" not in result.stderr
    assert _titles(db) == {seed_analysis.title, "Talks go on"}


def test_analyses_from_stdin_are_read_the_same_way(tmp_path: Path) -> None:
    good = _analysis_line(SAID, title="Talks go on")
    stdin = "\n".join([BAD_LINES["nesting"], good, BAD_LINES["an invented quote"]]) + "\n"
    db = tmp_path / "l.db"
    result = CliRunner().invoke(
        cli, ["--db", str(db), "add", "--progress", "plain", "--analyses", "-"], input=stdin, catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    assert [line.split(": bad analysis: ")[0] for line in result.stderr.splitlines()] == [
        "newsread: -:1",
        "newsread: -:3",
    ]
    assert _titles(db) == {"Talks go on"}


# -- item 23: the workers of add --jobs 2 die with their parent ------------------------------------

CLI = [sys.executable, "-c", "from newsread.core.cli import main; main()"]
PLAIN = Path("/work/shared/corpus/plain")


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Running, not a zombie left for a parent that does not reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_until(check, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return check()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "kill-9"])
def test_the_workers_of_add_jobs_2_die_with_their_parent(tmp_path: Path, sig: signal.Signals) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    for p in sorted(PLAIN.glob("*.txt"))[:60]:
        shutil.copy(p, folder / p.name)
    cmd = [*CLI, "--db", str(tmp_path / "l.db"), "add", "--progress", "jsonl", "--jobs", "2", str(folder)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    workers: set[int] = set()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # the first article analysed by a worker is stored: both are busy
            event = json.loads(line)
            if event["event"] == "item" and event["status"] == "added":
                break
        workers = _children(proc.pid)
        assert len(workers) >= 2
        os.kill(proc.pid, sig)
        proc.wait(timeout=60)
        assert _wait_until(lambda: not any(_alive(w) for w in workers), 30), [w for w in workers if _alive(w)]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in workers:  # what a failing run left behind is not left running on the machine
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    if sig == signal.SIGTERM:
        assert proc.returncode == 128 + signal.SIGTERM


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_analyze_prints_every_article_but_the_one_whose_analysis_fails(
    tmp_path: Path, jobs: str, faulty_model: str
) -> None:
    paths = []
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    result = CliRunner().invoke(
        cli, ["analyze", "--jsonl", "--jobs", jobs, "--model", faulty_model, *paths], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == [
        "Budget talks",
        "Bridge reopens",
        "Harbour dredged",
    ]
    assert result.stderr.splitlines() == [
        f"newsread: {tmp_path / 'b.txt'}: analysis failed: OverflowError: this pipeline cannot handle 'Monday'"
    ]
