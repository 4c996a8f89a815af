"""``ingest.Summary`` keeps the count of the sources that failed and only the first
``FAILURES_KEPT`` of them with their reasons, on a real library: an archive whose lines fail by the
million holds a bounded list, each failure still reported as it happens."""

from __future__ import annotations

from pathlib import Path

from newsread.core.ingest import FAILURES_KEPT, ingest_analyses
from newsread.core.store.library import Library

BAD = 3 * FAILURES_KEPT + 7


def bad_lines(path: Path, n: int) -> str:
    path.write_text("".join(f'{{"title": "no text {k}"}}\n' for k in range(n)))
    return str(path)


def test_many_failures_are_counted_and_the_first_kept(tmp_path: Path) -> None:
    events: list[dict] = []
    with Library.open(tmp_path / "lib.db") as lib:
        summary = ingest_analyses(bad_lines(tmp_path / "bad.jsonl", BAD), lib, on_event=events.append)
    assert (summary.failed, summary.added) == (BAD, 0)
    kept = list(summary.failures)
    assert len(kept) == FAILURES_KEPT
    assert [source for source, _ in kept] == [f"{tmp_path / 'bad.jsonl'}:{k}" for k in range(1, FAILURES_KEPT + 1)]
    assert all("no 'text'" in reason for _, reason in kept)
    assert summary.failures[0] == kept[0]
    assert [e["event"] for e in events].count("item") == BAD  # each reported as it happened
    assert events[-1] == {"event": "done", "added": 0, "duplicates": 0, "updated": 0, "failed": BAD, "summaries": 0}


def test_two_summaries_add_up_their_failures_and_keep_the_first(tmp_path: Path) -> None:
    """What ``add --analyses FILE SOURCE…`` does with the sources' summary: one exit status for both."""
    with Library.open(tmp_path / "lib.db") as lib:
        first = ingest_analyses(bad_lines(tmp_path / "a.jsonl", 3), lib)
        second = ingest_analyses(bad_lines(tmp_path / "b.jsonl", BAD), lib)
    first.merge(second)
    assert first.failed == 3 + BAD
    kept = list(first.failures)
    assert len(kept) == FAILURES_KEPT
    assert [s.rsplit("/", 1)[-1] for s, _ in kept[:4]] == ["a.jsonl:1", "a.jsonl:2", "a.jsonl:3", "b.jsonl:1"]
