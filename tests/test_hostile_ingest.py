"""Hostile input to ``add`` (issue 11): an article the analysis cannot handle costs only itself,
bad lines of ``--analyses`` each get their own line, a page claiming another article's canonical URL
never replaces it, and the workers of ``add --jobs 2`` die with their parent. Real files, real
SQLite, the real model, the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from newsread.core.cli import cli
from newsread.core.store.library import Library

# A publication date on the last day the calendar holds: resolving "Monday" against it overflows
# in the real date resolver, so the analysis of the one article naming a weekday raises.
LAST_DAY = "9999-12-31"
ARTICLES = {
    "a.txt": "Budget talks\n\nThe mayor of Springfield said the budget would be balanced by spring.\n",
    "b.txt": "Vote planned\n\nThe vote will be held on Monday, officials said.\n",
    "c.txt": "Bridge reopens\n\nThe bridge reopened after repairs, the transport department said in a statement.\n",
    "d.txt": "Harbour dredged\n\nThe harbour was dredged over the winter, the port authority said on its website.\n",
}


def _add(db: Path, *args: str) -> Result:
    """``newsread add`` through the real CLI; an uncaught exception fails the test (no traceback)."""
    return CliRunner().invoke(cli, ["--db", str(db), "add", *args], catch_exceptions=False)


def _titles(db: Path) -> set[str]:
    with Library.open(db) as lib:
        return {row.title or "" for row in lib.articles(limit=100)}


# -- item 2: one article's analysis error costs only that article ---------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_analysis_error_costs_only_its_own_article(tmp_path: Path, jobs: str) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "l.db"
    result = _add(db, "--progress", "plain", "--jobs", jobs, "--published", LAST_DAY, str(folder))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[-1] == "added 3, duplicates 0, updated 0, failed 1"
    errors = result.stderr.splitlines()
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"newsread: {folder / 'b.txt'}: analysis failed: OverflowError")
    assert _titles(db) == {"Budget talks", "Bridge reopens", "Harbour dredged"}


def test_every_failing_article_gets_its_own_line_and_the_rest_are_stored(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "e.txt").write_text("Poll date\n\nThe poll closes on Tuesday, the commission said.\n", encoding="utf-8")
    db = tmp_path / "l.db"
    result = _add(db, "--progress", "jsonl", "--published", LAST_DAY, str(folder))
    assert result.exit_code == 1, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    failed = sorted(Path(e["source"]).name for e in events if e["event"] == "item" and e["status"] == "failed")
    assert failed == ["b.txt", "e.txt"]
    assert len(result.stderr.splitlines()) == 2
    assert _titles(db) == {"Budget talks", "Bridge reopens", "Harbour dredged"}
