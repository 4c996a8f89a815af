"""``add --analyses FILE.jsonl`` streams: its memory does not grow with the file, and a bad line (one
cut short where the writer stopped, one that is no JSON) costs only that line, the lines around it
stored.

The memory is measured in a child process (its peak RSS) on two files of the real
seed analysis repeated: 300 lines and 3,000 lines (about 10× the bytes). Every copy after the first
is a duplicate, so the run is quick, yet each line is read, parsed, checked and looked up as any
other: a reader that held the file, its lines or their analyses would show the extra ~70 MB.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.store.library import Library

MEASURED = """
import re, sys
from pathlib import Path
from newsread.core.cli import main
sys.argv = ["newsread", *sys.argv[1:]]
status = 0
try:
    main()
except SystemExit as end:
    status = end.code
peak = re.search(r"VmHWM:\\s*(\\d+) kB", Path("/proc/self/status").read_text()).group(1)
print("peak_rss_kb", peak, "status", status, file=sys.stderr)
"""


def _peak_rss_kb(db: Path, analyses: Path) -> tuple[int, str]:
    """Peak RSS (KB) of ``newsread add --analyses`` in a child process, and its last stdout line.

    The peak is the kernel's high-water mark of this process's own memory (``VmHWM``), which starts
    afresh at exec; ``getrusage``'s ``ru_maxrss`` would carry the forking test process's peak."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, "--db", str(db), "add", "--progress", "plain", "--analyses", str(analyses)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = done.stderr.strip().splitlines()[-1].split()
    assert report[0] == "peak_rss_kb" and report[3] == "0", done.stderr[-2000:]
    return int(report[1]), done.stdout.strip().splitlines()[-1]


def test_memory_does_not_grow_with_the_file(tmp_path: Path, seed_analysis) -> None:
    line = json.dumps(seed_analysis.to_dict(), ensure_ascii=False) + "\n"
    rss = {}
    for lines in (300, 3000):
        analyses = tmp_path / f"{lines}.jsonl"
        with analyses.open("w", encoding="utf-8") as out:
            for _ in range(lines):
                out.write(line)
        rss[lines], summary = _peak_rss_kb(tmp_path / f"{lines}.db", analyses)
        assert summary == f"added 1, duplicates {lines - 1}, updated 0, failed 0"
    grown_mb = (rss[3000] - rss[300]) / 1024
    extra_file_mb = len(line.encode()) * 2700 / 1024**2
    assert extra_file_mb > 50
    assert grown_mb < 10, f"peak RSS grew {grown_mb:.1f} MB for {extra_file_mb:.0f} MB more of file ({rss})"


def _line(title: str, text: str) -> str:
    return json.dumps({"text": text, "title": title, "entities": [], "speakers": [], "quotes": [], "figures": []})


def test_a_bad_line_costs_only_that_line_and_a_cut_last_line_only_itself(tmp_path: Path) -> None:
    lines = [_line(f"Story {n}", f"The council met for the {n}th time on Tuesday.") for n in range(1, 7)]
    lines[2] = "{not json"
    cut = _line("Story cut", "The last story was being written when the writer stopped.")
    analyses = tmp_path / "analyses.jsonl"
    analyses.write_text("\n".join(lines) + "\n" + cut[: len(cut) // 2], encoding="utf-8")
    db = tmp_path / "library.db"
    result = CliRunner().invoke(
        cli, ["--db", str(db), "add", "--progress", "plain", "--analyses", str(analyses)], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "added 5, duplicates 0, updated 0, failed 2"
    errors = result.stderr.splitlines()
    assert [e.split(": bad analysis: ")[0] for e in errors] == [f"newsread: {analyses}:3", f"newsread: {analyses}:7"]
    assert all(e.split(": bad analysis: ")[1].startswith("not JSON") for e in errors), errors
    with Library.open(db, create=False) as lib:
        titles = [r[0] for r in lib.conn.execute("SELECT title FROM articles ORDER BY id")]
    assert titles == ["Story 1", "Story 2", "Story 4", "Story 5", "Story 6"]


def _stored_when_reported(tmp_path: Path, stories: int) -> tuple[int, list[tuple[int, int]]]:
    """Store ``stories`` one-sentence articles with ``ingest_analyses``: how many were added, and
    for each item event (its ``done``) how many articles another connection saw at that moment."""
    import sqlite3

    from newsread.core import ingest

    analyses = tmp_path / "analyses.jsonl"
    analyses.write_text("".join(_line(f"Story {n}", f"The council met {n} times.") + "\n" for n in range(stories)))
    db = tmp_path / "library.db"
    seen: list[tuple[int, int]] = []
    with Library.open(db) as lib:
        other = sqlite3.connect(db)

        def on_event(event: dict) -> None:
            if event["event"] == "item":
                stored = other.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                seen.append((event["done"], stored))

        summary = ingest.ingest_analyses(str(analyses), lib, on_event=on_event)
        other.close()
    return summary.added, seen


def test_each_article_reported_stored_is_committed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles share commits (``COMMIT_EVERY_S``), and each is reported only once its commit is
    done: another connection already sees every article reported added."""
    from newsread.core import ingest

    monkeypatch.setattr(ingest, "COMMIT_EVERY_S", 60.0)  # one commit for the whole file
    assert _stored_when_reported(tmp_path, 20) == (20, [(n, 20) for n in range(1, 21)])


def test_a_commit_holds_at_most_commit_max_bytes_of_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A commit's lines are kept until it is done, so it ends once they hold ``COMMIT_MAX_BYTES``
    whatever the time: with a limit of one byte each article is its own commit, seen by another
    connection as soon as it is reported."""
    from newsread.core import ingest

    monkeypatch.setattr(ingest, "COMMIT_EVERY_S", 60.0)
    monkeypatch.setattr(ingest, "COMMIT_MAX_BYTES", 1)
    assert _stored_when_reported(tmp_path, 5) == (5, [(n, n) for n in range(1, 6)])


def test_a_read_failing_mid_commit_reports_none_of_the_rolled_back_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file cannot be read any further (a disk error) in the middle of a commit: the commit is
    rolled back, so none of its articles is reported added, and the run is one ``InputError``."""
    import errno

    from newsread.core import ingest
    from newsread.core.errors import InputError

    monkeypatch.setattr(ingest, "COMMIT_EVERY_S", 60.0)  # one commit for the whole file
    analyses = tmp_path / "analyses.jsonl"
    analyses.write_text("".join(_line(f"Story {n}", f"The council met {n} times.") + "\n" for n in range(6)))
    numbered = ingest._numbered_lines
    passes: list[int] = []

    def failing_second_pass(stream):  # the count reads the whole file; storing fails after 3 lines
        passes.append(1)
        for lineno, line in numbered(stream):
            if len(passes) == 2 and lineno == 4:
                raise OSError(errno.EIO, "Input/output error")
            yield lineno, line

    monkeypatch.setattr(ingest, "_numbered_lines", failing_second_pass)
    events: list[dict] = []
    with Library.open(tmp_path / "library.db") as lib:
        with pytest.raises(InputError, match="cannot read"):
            ingest.ingest_analyses(str(analyses), lib, on_event=events.append)
        stored = lib.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert stored == 0
    assert [e for e in events if e["event"] == "item"] == []


@pytest.mark.parametrize("commit_every_s", [60.0, 0.0])  # the disk fills inside a commit's group / its own
def test_a_full_disk_ends_the_run_in_one_error_keeping_what_was_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, commit_every_s: float
) -> None:
    """The disk fills up part way (here the library may not grow past a few pages): that is the
    library's one-line write error, raised once, not a "could not store" for every line left;
    the articles stored are those reported added, no line is reported failed, and the page cache
    is its own size again."""
    from newsread.core import ingest
    from newsread.core.store.errors import LibraryWriteError

    monkeypatch.setattr(ingest, "COMMIT_EVERY_S", commit_every_s)
    words = " ".join(f"word{k}" for k in range(400))
    analyses = tmp_path / "analyses.jsonl"
    analyses.write_text("".join(_line(f"Story {n}", f"Story {n}. {words}") + "\n" for n in range(100)))
    events: list[dict] = []
    with Library.open(tmp_path / "library.db") as lib:
        pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
        lib.conn.execute(f"PRAGMA max_page_count = {pages + 30}")
        cache = lib.conn.execute("PRAGMA cache_size").fetchone()[0]
        with pytest.raises(LibraryWriteError, match="the disk is full"):
            ingest.ingest_analyses(str(analyses), lib, on_event=events.append)
        assert lib.conn.execute("PRAGMA cache_size").fetchone()[0] == cache  # put back after the error too
        assert lib.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
        stored = {r[0] for r in lib.conn.execute("SELECT id FROM articles")}
    items = [e for e in events if e["event"] == "item"]
    assert [e["status"] for e in items] == ["added"] * len(items)
    assert {e["id"] for e in items} == stored and len(stored) < 100
    assert len(stored) > 0 if commit_every_s == 0.0 else len(stored) == 0  # the commit under way is rolled back


def test_a_commit_stored_again_line_by_line_reports_each_line_once_with_its_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write refused inside a commit's group rolls it back and its lines are stored again one by
    one: a line repeating an earlier line of that group is still its duplicate, a bad line is
    reported once with its number, and the counts are those of the lines, not of both passes."""
    from newsread.core import ingest

    monkeypatch.setattr(ingest, "COMMIT_EVERY_S", 60.0)  # one commit for the whole file
    story = {t: _line(t, f"The council met about {t} on Tuesday.") for t in "ABCD"}
    lines = [story["A"], story["B"], story["A"], "{not json", story["C"], story["D"]]
    analyses = tmp_path / "analyses.jsonl"
    analyses.write_text("\n".join(lines) + "\n")
    events: list[dict] = []
    with Library.open(tmp_path / "library.db") as lib:
        lib.conn.execute(
            "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.articles WHEN new.title = 'C' "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
        summary = ingest.ingest_analyses(str(analyses), lib, on_event=events.append)
        titles = [r[0] for r in lib.conn.execute("SELECT title FROM articles ORDER BY id")]
    items = [(e["done"], e["title"], e["status"]) for e in events if e["event"] == "item"]
    assert items == [(1, "A", "added"), (2, "B", "added"), (3, "A", "duplicate"), (4, None, "failed"),
                     (5, "C", "failed"), (6, "D", "added")]  # fmt: skip
    failed = [e["source"] for e in events if e["event"] == "item" and e["status"] == "failed"]
    assert failed == [f"{analyses}:4", f"{analyses}:5"]
    assert (summary.added, summary.duplicates, summary.failed) == (3, 1, 2)
    assert [e for e in events if e["event"] == "done"] == [summary.to_event()]
    assert titles == ["A", "B", "D"]


@pytest.mark.parametrize(
    ("refused", "damaged"),
    [(None, ("Story 2", 1)), ("Story 2", ("Story 1", 2))],  # in a commit's group / in its lines stored again
)
def test_a_damaged_library_part_way_ends_the_run_in_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refused: str | None, damaged: tuple[str, int]
) -> None:
    """SQLite finds the file damaged while storing a line: that is the library's one-line error
    (restore a backup), not that line reported failed and every line after it stored into a
    damaged file. In a commit's group the commit is rolled back; when a refused write has the group
    stored again line by line (where the damage shows, at the second try of an earlier line), the
    lines committed before the damage stay reported."""
    import sqlite3

    from newsread.core import ingest
    from newsread.core.store.errors import LibraryDamaged

    monkeypatch.setattr(ingest, "COMMIT_EVERY_S", 60.0)
    insert = Library._insert_analysis
    tries: dict[str, int] = {}

    def damaged_at(self, article_id, analysis):
        tries[analysis.title] = tries.get(analysis.title, 0) + 1
        if (analysis.title, tries[analysis.title]) == damaged:
            raise sqlite3.DatabaseError("database disk image is malformed")
        return insert(self, article_id, analysis)

    monkeypatch.setattr(Library, "_insert_analysis", damaged_at)
    analyses = tmp_path / "analyses.jsonl"
    analyses.write_text("".join(_line(f"Story {n}", f"The council met {n} times.") + "\n" for n in range(5)))
    events: list[dict] = []
    with Library.open(tmp_path / "library.db") as lib:
        if refused is not None:
            lib.conn.execute(
                f"CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.articles WHEN new.title = '{refused}' "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        with pytest.raises(LibraryDamaged, match="is damaged"):
            ingest.ingest_analyses(str(analyses), lib, on_event=events.append)
        titles = [r[0] for r in lib.conn.execute("SELECT title FROM articles")]
    items = [(e["title"], e["status"]) for e in events if e["event"] == "item"]
    if refused is None:
        assert (titles, items) == ([], [])
    else:
        assert (titles, items) == (["Story 0"], [("Story 0", "added")])


def test_the_log_is_copied_back_less_often_while_analyses_are_stored(tmp_path: Path) -> None:
    """While ``add --analyses`` writes, the write-ahead log is copied back into the library every
    ``BULK_WAL_PAGES`` pages instead of SQLite's 1,000; the connection's own setting after."""
    from newsread.core import ingest

    analyses = tmp_path / "analyses.jsonl"
    analyses.write_text("".join(_line(f"Story {n}", f"Story {n} was told.") + "\n" for n in range(3)))
    seen: list[int] = []
    with Library.open(tmp_path / "library.db") as lib:

        def sink(event: dict) -> None:
            if event["event"] == "item":
                seen.append(lib.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])

        ingest.ingest_analyses(str(analyses), lib, on_event=sink)
        after = lib.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    assert seen == [ingest.BULK_WAL_PAGES] * 3
    assert after == 1000
