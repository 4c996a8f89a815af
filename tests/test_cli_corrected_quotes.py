"""Corrections reach ``newsread quotes`` and ``newsread export quotes`` (issue 17): on a real SQLite
library, a quote whose speaker a reader reassigned is listed under the corrected speaker and marked
corrected (JSON's ``corrected``, "(corrected)" in the table and Markdown), a span marked as not a
quote is left out, a quote added from a selection is listed, and the other article's quotes are as
the analysis gave them; after a re-analysis with a changed text too. The filters choose by the
corrected speaker, and a page of the list is the same page of the whole list."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.corrections import correct_added, correct_not_quote, correct_speaker
from newsread.core.model import Analysis, Quote, Speaker
from newsread.core.store.library import Library

SAID = "“We will open the crossings before the winter comes,”"
OTHER = "“Nothing has been agreed yet,”"
THIRD = "“The trucks are waiting at the border,”"


def story(lead: str = "") -> Analysis:
    """Three quotes the analysis credits to Ann Lee; Omar Haddad, the minister, is in the article."""
    text, quotes = f"{lead}Talks with Omar Haddad.", []
    for q in (SAID, OTHER, THIRD):
        text += " "
        quotes.append(Quote(start=len(text), end=len(text) + len(q), text=q, speaker="Ann Lee", cue="said"))
        text += q + " Ann Lee said."
    speakers = [
        Speaker(name="Ann Lee", role="Mayor", quotes=3),
        Speaker(name="Omar Haddad", role="Minister", organisation="Ministry of Works"),
    ]
    return Analysis(text=text, title="Talks", quotes=quotes, speakers=speakers)


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"COLUMNS": "200"})


def _library(tmp_path: Path) -> str:
    db = str(tmp_path / "library.db")
    with Library.open(db) as lib:
        corrected = lib.add_analysis(story(), url="https://a.test/talks").article_id
        other = lib.add_analysis(story("Elsewhere. "), url="https://b.test/talks").article_id  # not corrected
        first, second, _ = story().quotes
        correct_speaker(lib, corrected, first, "Omar Haddad", "person")
        correct_not_quote(lib, corrected, second)
        lead = story().text.index("Talks with")
        correct_added(lib, corrected, lead, lead + len("Talks with Omar Haddad"), "Jane Roe", "person")
        lib.add_analysis(story("Updated.\n\n"), url="https://a.test/talks")  # analysed again, text changed
    assert (corrected, other) == (1, 2)
    return db


def test_quotes_json_shows_the_corrected_speaker_and_leaves_out_a_span_not_a_quote(tmp_path: Path) -> None:
    db = _library(tmp_path)
    rows = json.loads(_run("--db", db, "quotes", "--article", "1", "--json").output)
    assert [(r["text"], r["speaker"], r["corrected"]) for r in rows] == [
        ("Talks with Omar Haddad", "Jane Roe", True),
        (SAID, "Omar Haddad", True),
        (THIRD, "Ann Lee", False),
    ]
    assert rows[0]["id"] is None and rows[0]["correction_id"] == 3 and rows[1]["correction_id"] is None
    assert rows[1]["role"] == "Minister" and rows[1]["organisation"] == "Ministry of Works"
    others = json.loads(_run("--db", db, "quotes", "--article", "2", "--json").output)
    assert [(r["speaker"], r["corrected"]) for r in others] == [("Ann Lee", False)] * 3
    table = _run("--db", db, "quotes", "--article", "1").output
    assert "Omar Haddad (corrected)" in table and "Nothing has been agreed" not in table


def test_export_quotes_applies_the_corrections_in_every_format(tmp_path: Path) -> None:
    db = _library(tmp_path)
    rows = json.loads(_run("--db", db, "export", "quotes", "--format", "json").output)
    mine = [(r["text"], r["speaker"], r["corrected"]) for r in rows if r["article_url"] == "https://a.test/talks"]
    assert mine == [
        ("Talks with Omar Haddad", "Jane Roe", True),
        (SAID, "Omar Haddad", True),
        (THIRD, "Ann Lee", False),
    ]
    assert len(rows) == 6  # the other article's three, as the analysis gave them
    md = _run("--db", db, "export", "quotes", "--article", "1").output
    assert "— Omar Haddad (Minister, Ministry of Works, corrected)" in md
    assert "— Ann Lee (Mayor)" in md and OTHER not in md
    csv_text = _run("--db", db, "export", "quotes", "--article", "1", "--format", "csv").output
    assert OTHER not in csv_text and "Omar Haddad (Minister, Ministry of Works, corrected)" in csv_text


def _said(db: str, *args: str) -> list[tuple[int, str, str]]:
    rows = json.loads(_run("--db", db, "quotes", "--json", *args).output)
    return [(r["article_id"], r["speaker"], r["text"]) for r in rows]


def test_the_filters_choose_by_the_corrected_speaker(tmp_path: Path) -> None:
    db = _library(tmp_path)
    assert _said(db, "--speaker", "omar haddad") == [(1, "Omar Haddad", SAID)]
    assert _said(db, "--speaker", "Jane Roe") == [(1, "Jane Roe", "Talks with Omar Haddad")]
    assert _said(db, "--speaker", "Ann Lee") == [(2, "Ann Lee", q) for q in (SAID, OTHER, THIRD)] + [
        (1, "Ann Lee", THIRD)
    ]
    # Omar Haddad's corrected organisation; the other article's quotes are nobody's at the ministry.
    assert _said(db, "--org", "ministry of works") == [(1, "Omar Haddad", SAID)]
    exported = json.loads(_run("--db", db, "export", "quotes", "--format", "json", "--speaker", "Omar Haddad").output)
    assert [(r["speaker"], r["corrected"]) for r in exported] == [("Omar Haddad", True)]


def test_a_page_of_corrected_quotes_is_that_page_of_the_whole_list(tmp_path: Path) -> None:
    db = _library(tmp_path)
    with Library.open(db) as lib:  # a third article, published long ago: the corrected one is in the middle
        lib.add_analysis(replace(story("Earlier. "), published="2000-01-01"), url="https://c.test/talks")
    whole = _said(db)
    assert [a for a, _, _ in whole] == [2, 2, 2, 1, 1, 1, 3, 3, 3]
    for size in (1, 2, 4):
        pages = [_said(db, "--limit", str(size), "--offset", str(o)) for o in range(0, len(whole) + size, size)]
        assert [row for page in pages for row in page] == whole
