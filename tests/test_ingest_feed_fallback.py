"""Feeds whose pages cannot be fetched keep their entries as summaries (issue 10 item 8): offline,
or an item's page failing, ``add`` stores the feed's summary, marks it and says so in one line;
adding the feed again once the pages answer replaces each summary with the full text in place.
A real local HTTP server on 127.0.0.1, real library files, the real model."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.errors import InputError
from newsread.core.sources import NOT_FETCHED
from newsread.core.sources.web import Fetcher
from newsread.core.store.library import Library
from support.feeds import SUMMARIES, FeedHandler
from support.server import serve

DATA = Path(__file__).parent / "data" / "sources"
UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens, the connection is refused


@pytest.fixture
def server() -> Iterator[str]:
    with serve(FeedHandler) as base:
        yield base
    FeedHandler.broken = set()


def _add(db: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), "add", *args], catch_exceptions=False)


def test_offline_feed_keeps_every_entry_as_its_summary_and_says_so_once(tmp_path: Path) -> None:
    feed = tmp_path / "bbc_news_world.rss.xml"
    feed.write_bytes(
        (DATA / "bbc_news_world.rss.xml").read_bytes().replace(b"https://www.bbc.com/", UNREACHABLE.encode() + b"/")
    )
    db = tmp_path / "l.db"
    result = _add(db, "--progress", "plain", str(feed))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-1] == "added 33, duplicates 0, updated 0, failed 0"
    notes = [line for line in lines if line.startswith("kept the feed's summary")]
    assert notes == [
        "kept the feed's summary for 33 feed items: the page could not be fetched (could not connect "
        + notes[0].split("(could not connect ", 1)[1]
    ]
    assert notes[0].endswith("; add the feed again later to fetch the full text")
    assert sum(line.endswith("(feed summary only)") for line in lines) == 33
    assert result.stderr == ""
    with Library.open(db) as lib:
        rows = lib.articles(limit=100)
        assert len(rows) == 33 and all(r.url and r.url.startswith(UNREACHABLE) for r in rows)
        assert all(r.title for r in rows)


def test_an_unreachable_host_is_tried_once_per_run() -> None:
    with Fetcher(timeout=2) as fetcher:
        with pytest.raises(InputError, match="could not connect"):
            fetcher.fetch(f"{UNREACHABLE}/one")
        assert "127.0.0.1:9" in fetcher.unreachable
        with pytest.raises(InputError, match=r"^http://127.0.0.1:9/two: could not connect"):
            fetcher.fetch(f"{UNREACHABLE}/two")


def test_failing_pages_keep_summaries_and_a_later_add_fetches_them_in_place(tmp_path: Path, server: str) -> None:
    FeedHandler.broken = {"/story/1", "/story/2"}
    db = tmp_path / "l.db"
    first = _add(db, "--progress", "jsonl", f"{server}/feed")
    assert first.exit_code == 0, first.output
    events = [json.loads(line) for line in first.stdout.splitlines()]
    items = {e["source"].rsplit("/", 1)[1]: e for e in events if e["event"] == "item"}
    assert {n: (e["status"], e["summary"]) for n, e in items.items()} == {
        "1": ("added", True),
        "2": ("added", True),
        "3": ("added", False),
    }
    assert items["1"]["reason"] == "HTTP 500 Internal Server Error" and items["1"]["title"] == "Story 1"
    assert [e["message"] for e in events if e["event"] == "note"] == [
        "kept the feed's summary for 2 feed items: the page could not be fetched (HTTP 500 Internal Server Error); "
        "add the feed again later to fetch the full text"
    ]
    assert events[-1] == {"event": "done", "added": 3, "duplicates": 0, "updated": 0, "failed": 0, "summaries": 2}
    ids = {n: e["id"] for n, e in items.items()}
    with Library.open(db) as lib:
        summary = lib.analysis(ids["1"])
        assert summary is not None and summary.text == SUMMARIES[1]

    FeedHandler.broken = set()  # the pages answer again
    second = _add(db, "--progress", "jsonl", f"{server}/feed")
    assert second.exit_code == 0, second.output
    events = [json.loads(line) for line in second.stdout.splitlines()]
    items = {e["source"].rsplit("/", 1)[1]: e for e in events if e["event"] == "item"}
    assert {n: (e["status"], e["id"], e["summary"]) for n, e in items.items()} == {
        "1": ("updated", ids["1"], False),
        "2": ("updated", ids["2"], False),
        "3": ("duplicate", ids["3"], False),
    }
    assert not [e for e in events if e["event"] == "note"]
    with Library.open(db) as lib:
        assert len(lib.articles(limit=10)) == 3  # replaced in place, not added beside the summary
        full = lib.analysis(ids["1"])
        assert full is not None and len(full.text) > 5 * len(SUMMARIES[1])


def test_no_fetch_keeps_summaries_by_choice_without_the_failure_line(tmp_path: Path, server: str) -> None:
    result = _add(tmp_path / "l.db", "--progress", "plain", "--no-fetch", f"{server}/feed")
    assert result.exit_code == 0
    assert "kept the feed's summary" not in result.output
    assert result.stdout.splitlines()[-1] == "added 3, duplicates 0, updated 0, failed 0"


# -- the mark: stored, shown, cleared (schema 3) --------------------------------------------------

WIDE = {"COLUMNS": "250"}


def _run(db: Path, *args: str) -> str:
    result = CliRunner(env=WIDE).invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _cells(table: str) -> list[list[str]]:
    """The rows of a printed table (the header first), each as its cells' text."""
    lines = [re.split("[│┃]", line) for line in table.splitlines()]
    return [[c.strip() for c in cells[1:-1]] for cells in lines if len(cells) > 2]


def _outcome(output: str) -> dict[str, tuple[str, int, bool]]:
    """Story number -> (status, article id, kept as summary), from ``add --progress jsonl`` output."""
    events = [json.loads(line) for line in output.splitlines()]
    return {e["source"].rsplit("/", 1)[1]: (e["status"], e["id"], e["summary"]) for e in events if e["event"] == "item"}


def _ids(output: str) -> dict[str, int]:
    """Story number -> article id, from ``add --progress jsonl`` output."""
    return {n: article_id for n, (_, article_id, _) in _outcome(output).items()}


def test_a_kept_summary_is_marked_in_ls_and_show_until_its_full_text_replaces_it(tmp_path: Path, server: str) -> None:
    FeedHandler.broken = {"/story/1"}
    db = tmp_path / "l.db"
    ids = _ids(_run(db, "add", "--progress", "jsonl", f"{server}/feed"))
    reason = "HTTP 500 Internal Server Error"
    with Library.open(db) as lib:
        marks = {n: lib.article(i).summary_only for n, i in ids.items()}  # type: ignore[union-attr]
    assert marks == {"1": reason, "2": None, "3": None}

    header, *rows = _cells(_run(db, "ls"))
    assert header[:4] == ["id", "title", "text", "site"]  # a column after the title says so
    assert {r[1]: r[2] for r in rows if r[1].startswith("Story")} == {"Story 1": "summary"}
    assert [r[2] for r in rows].count("summary") == 1
    as_json = {r["id"]: r["summary_only"] for r in json.loads(_run(db, "ls", "--json"))}
    assert as_json == {ids["1"]: reason, ids["2"]: None, ids["3"]: None}
    shown = _run(db, "show", str(ids["1"]))
    assert f"feed summary only ({reason}) — add the feed again to fetch the full text" in shown
    assert json.loads(_run(db, "show", str(ids["1"]), "--json"))["summary_only"] == reason
    assert "feed summary only" not in _run(db, "show", str(ids["2"]))

    FeedHandler.broken = set()  # the page answers: the full text takes the summary's place, unmarked
    again = _ids(_run(db, "add", "--progress", "jsonl", f"{server}/feed"))
    assert again["1"] == ids["1"]
    with Library.open(db) as lib:
        row1 = lib.article(ids["1"])
        assert row1 is not None and row1.summary_only is None
        assert lib.conn.execute("SELECT COUNT(*) FROM articles WHERE summary_only IS NOT NULL").fetchone()[0] == 0
    header, *rows = _cells(_run(db, "ls"))
    assert "text" not in header and not any("summary" in r for r in rows)
    assert "feed summary only" not in _run(db, "show", str(ids["1"]))
    assert json.loads(_run(db, "show", str(ids["1"]), "--json"))["summary_only"] is None


def test_a_summary_never_replaces_or_joins_a_full_text_already_stored(tmp_path: Path, server: str) -> None:
    """Added while online, then again while a page fails: the library keeps the full text, once."""
    db = tmp_path / "l.db"
    ids = _ids(_run(db, "add", "--progress", "jsonl", f"{server}/feed"))  # the pages' canonical URLs
    with Library.open(db) as lib:
        before = {n: lib.analysis(i).text for n, i in ids.items()}  # type: ignore[union-attr]
    FeedHandler.broken = {"/story/1", "/story/2"}
    second = _run(db, "add", "--progress", "jsonl", f"{server}/feed")
    assert _outcome(second) == {n: ("duplicate", ids[n], False) for n in ("1", "2", "3")}
    assert "kept the feed's summary" not in second
    with Library.open(db) as lib:
        assert lib.count() == 3
        assert {n: lib.analysis(i).text for n, i in ids.items()} == before  # type: ignore[union-attr]
        assert all(r.summary_only is None for r in lib.articles(limit=10))


def test_no_fetch_marks_each_summary_as_not_fetched(tmp_path: Path, server: str) -> None:
    db = tmp_path / "l.db"
    _run(db, "add", "--progress", "plain", "--no-fetch", f"{server}/feed")
    with Library.open(db) as lib:
        assert {r.summary_only for r in lib.articles(limit=10)} == {NOT_FETCHED}
    exported = json.loads(_run(db, "export", "quotes", "--format", "json"))
    # every quotation and reported statement of a summary is marked as the summary's
    assert [(q["kind"], q["article_summary_only"]) for q in exported] == [
        ("indirect", NOT_FETCHED),  # "Officials in Texas said a new campaign …"
        ("direct", NOT_FETCHED),
        ("indirect", NOT_FETCHED),  # "… a spokeswoman said"
    ]
    assert exported[1]["text"] == "“The budget will be balanced by spring,”"
