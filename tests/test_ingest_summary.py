"""What ``add`` sums up: stored analyses and sources given together are one run to the user (one
summary line, one ``done`` event, counting both), and the feed items kept as summaries are a count
and a bounded tally of reasons, right after a commit undone and stored again."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.ingest import REASONS_KEPT, _Progress

DATA = Path(__file__).parent / "data" / "sources"
UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens, the connection is refused
PASTED = 'Pasted headline\nThe minister said: "We will act," on Monday.\n'


def _analyses(path: Path, seed_analysis) -> str:
    """The seed's analysis, a copy of it as another article, and a line that is no analysis."""
    data = seed_analysis.to_dict()
    copy = {**data, "text": f"{data['text']}\n\nCopy.", "path": "copy.txt"}
    path.write_text(f"{json.dumps(data)}\n{json.dumps(copy)}\n{{not json\n", encoding="utf-8")
    return str(path)


def test_analyses_and_sources_are_one_run_with_one_done_event(tmp_path: Path, seed_analysis) -> None:
    """Three lines (two stored, one bad), then three sources (the seed again: a duplicate; pasted
    text: added; a binary file: failed): the items numbered on across both parts, each part's
    ``start`` counting the sources before it, and one ``done`` at the end for both."""
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    analyses = _analyses(tmp_path / "a.jsonl", seed_analysis)
    sources = [str(DATA / "seed.txt"), "-", str(tmp_path / "bin.txt")]
    result = CliRunner().invoke(
        cli,
        ["--db", str(tmp_path / "l.db"), "add", "--progress", "jsonl", "--analyses", analyses, *sources],
        input=PASTED,
    )
    assert result.exit_code == 1
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e for e in events if e["event"] == "start"] == [
        {"event": "start", "total": 3},
        {"event": "start", "total": 6},
    ]
    items = [e for e in events if e["event"] == "item"]
    assert [(e["done"], e["total"]) for e in items] == [(1, 3), (2, 3), (3, 3), (4, 6), (5, 6), (6, 6)]
    assert [e["status"] for e in items[:3]] == ["added", "added", "failed"]
    assert sorted(e["status"] for e in items[3:]) == ["added", "duplicate", "failed"]  # failed at load: first
    assert [e for e in events if e["event"] == "done"] == [events[-1]]
    assert events[-1] == {"event": "done", "added": 3, "duplicates": 1, "updated": 0, "failed": 2, "summaries": 0}
    assert result.stderr.count("\n") == 2 and "binary file" in result.stderr and "a.jsonl:3" in result.stderr


def test_analyses_and_a_feed_kept_as_summaries_end_in_one_note_and_one_summary_line(
    tmp_path: Path, seed_analysis
) -> None:
    """Plain lines: every item numbered across both parts, the note about the feed's pages once,
    and one summary line, the last, counting the stored analyses and the feed's items; exit status
    0 when nothing failed."""
    feed = tmp_path / "offline.rss.xml"
    feed.write_bytes(
        (DATA / "bbc_news_world.rss.xml").read_bytes().replace(b"https://www.bbc.com/", UNREACHABLE.encode() + b"/")
    )
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(seed_analysis.to_dict()) + "\n", encoding="utf-8")
    db = str(tmp_path / "l.db")
    result = CliRunner().invoke(cli, ["--db", db, "add", "--progress", "plain", "--analyses", str(good), str(feed)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    numbered = [line.split("]", 1)[0] for line in lines if line.startswith("[")]
    assert numbered == ["[1/1"] + [f"[{k}/34" for k in range(2, 35)]
    assert sum(line.startswith("kept the feed's summary for 33 feed items: ") for line in lines) == 1
    assert [line for line in lines if line.startswith("added ")] == [lines[-1]]
    assert lines[-1] == "added 34, duplicates 0, updated 0, failed 0"
    again = CliRunner().invoke(cli, ["--db", db, "add", "--progress", "jsonl", "--analyses", str(good), str(feed)])
    assert again.exit_code == 0
    events = [json.loads(line) for line in again.stdout.splitlines()]
    assert [e["event"] for e in events].count("note") == 1  # the pages were tried again, and failed again
    assert events[-1] == {"event": "done", "added": 0, "duplicates": 34, "updated": 0, "failed": 0, "summaries": 33}


def _kept(progress: _Progress, n: int, reason: str, start: int = 0) -> None:
    for k in range(start, start + n):
        progress.item("added", f"feed#{k}", article_id=k + 1, title=f"item {k}", summary_only=reason)


def test_unfetched_pages_are_a_count_and_a_bounded_tally_of_reasons() -> None:
    """Thousands of items each failing for a reason of its own (a URL in it) hold a bounded tally;
    the count is whole, and the line names the reason given most often though it came after them."""
    events: list[dict] = []
    progress = _Progress(events.append)
    progress.start(5000)
    for k in range(4000):
        progress.item("added", f"feed#{k}", article_id=k, summary_only=f"HTTP 404 at /story/{k}")
    _kept(progress, 1000, "could not connect", start=4000)
    summary = progress.finish()
    assert summary.unfetched.count == summary.summaries == 5000
    assert len(summary.unfetched.reasons) == REASONS_KEPT
    assert events[-2]["message"].startswith(
        "kept the feed's summary for 5000 feed items: the page could not be fetched (could not connect); "
    )


def test_a_commit_stored_again_counts_its_unfetched_pages_once() -> None:
    """``mark``/``rewind`` around a commit that is undone and stored again one article at a time:
    its items kept as summaries are counted once, with their reasons, and a rewind to the same mark
    twice gives the same counts."""
    events: list[dict] = []
    progress = _Progress(events.append)
    progress.start(6)
    _kept(progress, 2, "HTTP 500 Internal Server Error")
    mark = progress.mark()
    for _ in range(2):  # a commit undone, then the same again
        _kept(progress, 3, "could not connect", start=2)
        progress.rewind(mark)
    assert (progress.done, progress.summary.summaries, progress.summary.unfetched.count) == (2, 2, 2)
    _kept(progress, 3, "could not connect", start=2)
    progress.item("failed", "feed#5", reason="analysis failed")
    summary = progress.finish()
    assert (summary.summaries, summary.unfetched.count, summary.failed) == (5, 5, 1)
    assert dict(summary.unfetched.reasons) == {"HTTP 500 Internal Server Error": 2, "could not connect": 3}
    assert events[-2] == {
        "event": "note",
        "message": "kept the feed's summary for 5 feed items: the page could not be fetched (could not connect); "
        "add the feed again later to fetch the full text",
    }
    assert events[-1]["summaries"] == 5
