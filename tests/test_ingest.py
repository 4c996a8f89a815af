"""Ingest end to end with the real model: progress events, duplicates, stored analyses, faults,
an interrupted run (kill -9) and two writers at once."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from newsread.core.ingest import ingest, ingest_analyses
from newsread.core.store.library import Library

PLAIN = Path("/work/shared/corpus/plain")
DATA = Path(__file__).parent / "data" / "sources"
CLI = [sys.executable, "-c", "from newsread.core.cli import main; main()"]


def _plain(tmp: Path, n: int, start: int = 0, name: str = "folder") -> Path:
    folder = tmp / name
    folder.mkdir()
    for p in sorted(PLAIN.glob("*.txt"))[start : start + n]:
        shutil.copy(p, folder / p.name)
    return folder


def _check_whole(path: Path) -> int:
    """Integrity, and every article holds exactly its analysis rows (its quote count: quotations,
    not reported statements)."""
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    bad = conn.execute(
        "SELECT a.id FROM articles a WHERE a.quote_count != "
        "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id AND q.kind <> 'indirect')"
        " OR a.model IS NULL OR NOT EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id)"
    ).fetchall()
    assert bad == []
    n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    fts = conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0]
    assert fts == n
    conn.close()
    return n


def test_ingest_mixed_sources_events_and_duplicates(tmp_path: Path) -> None:
    folder = _plain(tmp_path, 3)
    (folder / "empty.txt").write_bytes(b"")
    events: list[dict] = []
    with Library.open(tmp_path / "l.db") as lib:
        summary = ingest(
            [str(folder), str(DATA / "page3.html"), str(DATA / "seed.txt"), "ftp://example.com/x"],
            lib,
            published="2020-02-02",
            on_event=events.append,
        )
        assert (summary.added, summary.duplicates, summary.failed) == (5, 0, 2)
        assert events[0] == {"event": "start", "total": 7}
        items = [e for e in events if e["event"] == "item"]
        assert [e["done"] for e in items] == list(range(1, 8))
        assert {e["status"] for e in items} == {"added", "failed"}
        failed = {e["source"]: e["reason"] for e in items if e["status"] == "failed"}
        assert failed[str(folder / "empty.txt")] == "empty file"
        assert "unsupported URL scheme" in failed["ftp://example.com/x"]
        assert events[-1] == {"event": "done", "added": 5, "duplicates": 0, "updated": 0, "failed": 2, "summaries": 0}
        page = next(a for a in lib.articles() if a.url and "thehill.com" in a.url)
        assert page.published.startswith("2019-11")  # the page's own date wins over --published
        assert page.site and page.title
        seed = next(a for a in lib.articles() if a.title and a.title.startswith("Blinken"))
        assert seed.published == "2020-02-02"
        assert lib.quotes(article_id=seed.id)

        again: list[dict] = []
        summary = ingest([str(folder), str(DATA / "seed.txt")], lib, on_event=again.append)
        assert (summary.added, summary.duplicates, summary.failed) == (0, 4, 1)
        assert all(e["id"] for e in again if e["event"] == "item" and e["status"] == "duplicate")
    assert _check_whole(tmp_path / "l.db") == 5


def test_stored_analyses_are_validated_line_by_line(tmp_path: Path, seed_analysis) -> None:
    good = seed_analysis.to_dict()
    bad_offsets = json.loads(json.dumps(good))
    bad_offsets["text"] = "Other text entirely, short."
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps(bad_offsets),
        json.dumps({"title": "no text"}),
        "",
        json.dumps(good),
    ]
    f = tmp_path / "a.jsonl"
    f.write_text("\n".join(lines) + "\n")
    events: list[dict] = []
    with Library.open(tmp_path / "l.db") as lib:
        summary = ingest_analyses(str(f), lib, on_event=events.append)
        assert (summary.added, summary.duplicates, summary.failed) == (1, 1, 3)
        reasons = dict(summary.failures)
        assert "bad analysis" in reasons[f"{f}:2"]
        assert "outside the text" in reasons[f"{f}:3"]
        assert "no 'text'" in reasons[f"{f}:4"]
        stored = lib.analysis(1)
        assert stored is not None and len(stored.quotes) == len(seed_analysis.quotes)


def test_kill_9_mid_folder_leaves_whole_articles_and_rerun_adds_the_rest(tmp_path: Path) -> None:
    folder = _plain(tmp_path, 40)
    db = tmp_path / "k.db"
    cmd = [*CLI, "--db", str(db), "add", "--progress", "jsonl", "--batch-size", "2", str(folder)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    added = 0
    deadline = time.monotonic() + 300
    for line in proc.stdout:
        event = json.loads(line)
        if event["event"] == "item" and event["status"] == "added":
            added += 1
        if added >= 5 or time.monotonic() > deadline:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert added >= 5
    partial = _check_whole(db)
    assert added <= partial < 40

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    done = json.loads(rerun.stdout.strip().splitlines()[-1])
    assert done["duplicates"] == partial and done["added"] == 40 - partial and done["failed"] == 0
    assert _check_whole(db) == 40


def test_two_processes_adding_at_once_both_succeed(tmp_path: Path) -> None:
    a = _plain(tmp_path, 6, 0, "a")
    b = _plain(tmp_path, 6, 6, "b")
    db = tmp_path / "two.db"  # new: schema creation races too
    procs = [
        subprocess.Popen(
            [*CLI, "--db", str(db), "add", "--progress", "plain", str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (a, b)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "added 6, duplicates 0, updated 0, failed 0" in out
    assert _check_whole(db) == 12


@pytest.mark.parametrize("jobs", [2])
def test_jobs_gives_the_same_library(tmp_path: Path, jobs: int) -> None:
    folder = _plain(tmp_path, 4)
    with Library.open(tmp_path / "j.db") as lib:
        summary = ingest([str(folder)], lib, jobs=jobs)
        assert summary.added == 4
        quotations = lib.conn.execute("SELECT COUNT(*) FROM quotes WHERE kind <> 'indirect'").fetchone()[0]
        assert sum(a.quote_count for a in lib.articles()) == quotations


def _copies(seed_analysis, path: Path, n: int) -> None:
    """``n`` lines of the seed's analysis, each a new article (a sentence of its own after the
    text: the items' offsets stay true), as the add-analyses benchmark makes them."""
    data = seed_analysis.to_dict()
    with path.open("w", encoding="utf-8") as out:
        for k in range(n):
            out.write(json.dumps({**data, "text": f"{data['text']}\n\nCopy {k}.", "path": f"copy-{k}.txt"}) + "\n")


def test_kill_9_mid_analyses_keeps_every_article_reported_and_rerun_adds_the_rest(
    tmp_path: Path, seed_analysis
) -> None:
    """Articles share commits: a run killed at any moment
    keeps whole articles (their quotes grouped across sources too), at least every one reported
    added, and the same file again adds exactly the others."""
    lines = tmp_path / "a.jsonl"
    _copies(seed_analysis, lines, 300)
    db = tmp_path / "k.db"
    cmd = [*CLI, "--db", str(db), "add", "--progress", "jsonl", "--analyses", str(lines)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    reported: set[int] = set()
    for line in proc.stdout:
        event = json.loads(line)
        if event["event"] == "item" and event["status"] == "added":
            reported.add(event["id"])
        if len(reported) >= 40:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = _check_whole(db)
    assert len(reported) == 40 and 40 <= stored < 300
    conn = sqlite3.connect(db)
    assert reported <= {r[0] for r in conn.execute("SELECT id FROM articles")}
    grouped = conn.execute("SELECT COUNT(*) FROM quote_echoes").fetchone()[0]
    assert grouped and grouped % stored == 0  # the same matched quotes in every stored copy
    assert conn.execute("SELECT COUNT(DISTINCT echo_group) FROM quote_echoes").fetchone()[0] == grouped // stored
    conn.close()
    with Library.open(db) as lib:
        summary = ingest_analyses(str(lines), lib)
    assert (summary.added, summary.duplicates, summary.failed) == (300 - stored, stored, 0)
    assert _check_whole(db) == 300


def test_a_write_failing_mid_commit_costs_only_its_own_article(
    tmp_path: Path, seed_analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles committed together without a savepoint each: a write that fails inside one article
    (here its fifth line's quotes, refused by a trigger) rolls the commit back and its lines are
    stored again one by one, where that article alone fails; the others are stored whole, each
    line reported once, and the connection's page cache is its own size again after the run."""
    from newsread.core import ingest as ingest_module

    monkeypatch.setattr(ingest_module, "COMMIT_EVERY_S", 60.0)  # one commit for the whole file
    lines = tmp_path / "a.jsonl"
    _copies(seed_analysis, lines, 8)
    db = tmp_path / "f.db"
    with Library.open(db) as lib:
        cache = lib.conn.execute("PRAGMA cache_size").fetchone()[0]
        lib.conn.execute(
            "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.quotes "
            "WHEN (SELECT source FROM main.articles WHERE id = new.article_id) = 'copy-4.txt' "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
        events: list[dict] = []
        summary = ingest_analyses(str(lines), lib, on_event=events.append)
        assert lib.conn.execute("PRAGMA cache_size").fetchone()[0] == cache
    items = [(e["done"], e["source"], e["status"]) for e in events if e["event"] == "item"]
    assert items == [(k + 1, f"copy-{k}.txt", "failed" if k == 4 else "added") for k in range(8)]
    assert (summary.added, summary.failed) == (7, 1)
    assert summary.failures[0][0] == "copy-4.txt" and "refused" in summary.failures[0][1]
    assert _check_whole(db) == 7
    conn = sqlite3.connect(db)
    sources = [r[0] for r in conn.execute("SELECT source FROM articles ORDER BY id")]
    assert sources == [f"copy-{k}.txt" for k in (0, 1, 2, 3, 5, 6, 7)]
    orphans = [conn.execute(f"SELECT COUNT(*) FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
               for t in ("entities", "speakers", "quotes", "figures", "quote_echoes")]  # fmt: skip
    assert orphans == [0] * 5
    conn.close()
