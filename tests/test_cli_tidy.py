"""Tidying through the command line on real library files: ``rm`` keeps notes as orphans unless
told otherwise, ``mark`` marks read and unread by id, for the library and per feed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result
from newsread.core.cli import cli
from newsread.core.notes import Notes
from newsread.core.store.feeds import Feeds
from newsread.core.store.library import Library

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><title>One</title><guid>1</guid><description>The mayor said the budget would be balanced.</description></item>
<item><title>Two</title><guid>2</guid><description>The union said the plant would stay open.</description></item>
</channel></rss>"""


def _run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def _newsread(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsread.core.cli", "--db", str(db), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def _ls(db: Path, *args: str) -> list[dict]:
    return json.loads(_run(db, "ls", "--json", *args).stdout)


def test_rm_keeps_notes_as_orphans_and_says_how_many(seed_library: Path) -> None:
    with Library.open(seed_library) as lib:
        Notes(lib).add(1, 0, 20, body="my note on the opening")
    result = _run(seed_library, "rm", "1")
    assert result.exit_code == 0
    assert result.stdout == "deleted 1 article; kept their 1 note as orphans (see All notes)\n"
    assert _ls(seed_library) == []
    with Library.open(seed_library) as lib:
        (note,) = Notes(lib).all_notes()
        assert note.article_id is None and note.orphaned and note.body == "my note on the opening"
        assert note.article_title and "Blinken" in note.article_title
        assert lib.speakers() == [] and lib.quotes() == []


def test_rm_with_delete_notes_and_ids_that_name_nothing(seed_library: Path) -> None:
    with Library.open(seed_library) as lib:
        Notes(lib).add(1, 0, 20, body="gone with it")
    proc = _newsread(seed_library, "rm", "1", "77", "--delete-notes")
    assert proc.returncode == 1
    assert proc.stdout == "deleted 1 article and 1 note\n"
    assert proc.stderr == "newsread: no article with id 77 (see `newsread ls`)\n"
    with Library.open(seed_library) as lib:
        assert Notes(lib).all_notes() == [] and lib.count() == 0
    bad = _newsread(seed_library, "rm", "zero")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and len(bad.stderr.splitlines()) == 1


def test_mark_read_and_unread_by_id_for_all_and_per_feed(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED)
    assert _run(db, "feeds", "add", str(feed)).exit_code == 0
    assert _run(db, "refresh", "--progress", "plain").exit_code == 0
    (tmp_path / "other.txt").write_text("Elsewhere\n\nThe council said on Monday that it would meet again.")
    assert _run(db, "add", str(tmp_path / "other.txt")).exit_code == 0
    assert len(_ls(db, "--unread")) == 3
    assert _run(db, "mark", "read", "--feed", "Local").stdout == "marked 2 articles read\n"
    assert [r["title"] for r in _ls(db, "--unread")] == ["Elsewhere"]
    with Library.open(db) as lib:
        assert Feeds(lib).find("Local").unread == 0
    one = _ls(db)[-1]["id"]
    assert _run(db, "mark", "unread", str(one)).stdout == "marked 1 article unread\n"
    assert _run(db, "mark", "read", "--all").stdout == "marked 2 articles read\n"
    assert _ls(db, "--unread") == []
    assert _run(db, "mark", "unread", "--all").stdout == "marked 3 articles unread\n"
    usage = _newsread(db, "mark", "read")
    assert usage.returncode == 2 and "give article ids, --all or --feed FEED" in usage.stderr
    missing = _newsread(db, "mark", "read", "99")
    assert missing.returncode == 1 and missing.stderr == "newsread: no article with id 99 (see `newsread ls`)\n"
