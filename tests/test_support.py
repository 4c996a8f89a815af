"""Tests of the shared test helpers (``tests/support``), so a broken helper fails here rather than as
a puzzling failure of the tests that use it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from newsread.core.store.library import Library
from support.app import fake_child, multiply_library
from support.notes import ARTICLE, add_article


def test_multiply_library_copies_articles_and_quotes(seed_library: Path) -> None:
    multiply_library(seed_library, 30)
    with Library.open(seed_library) as lib:
        assert lib.count() == 31
        assert len(lib.articles(speaker="Shira Efron")) == 31
        rows = lib.articles(limit=3)
        assert rows[0].id == 1 and rows[1].title.endswith("#1")
        assert len(lib.search("Blinken", limit=100)) == 31


def test_fake_child_speaks_the_progress_protocol(tmp_path: Path) -> None:
    out = subprocess.run([*fake_child(tmp_path), "a", "b"], capture_output=True, text=True, check=True).stdout
    events = [json.loads(line) for line in out.splitlines()]
    assert [e["event"] for e in events] == ["start", "item", "item", "done"]


def test_helpers_build_a_real_library(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.db") as lib:
        article_id = add_article(lib)
        stored = lib.analysis(article_id)
        assert stored is not None and stored.text == ARTICLE
        assert [q.speaker for q in stored.quotes] == ["Ana Lindqvist", "Tomas Berg"]
        assert all(ARTICLE[q.start : q.end] == q.text for q in stored.quotes)
    assert (tmp_path / "lib.db").stat().st_size > 0
