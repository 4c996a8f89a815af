"""Corrections reach ``newsread quotes`` and ``newsread export quotes`` (issue 17): on a real SQLite
library, a quote whose speaker a reader reassigned is listed under the corrected speaker and marked
corrected (JSON's ``corrected``, "(corrected)" in the table and Markdown), a span marked as not a
quote is left out, and the other article's quotes are as the analysis gave them; after a re-analysis
with a changed text too."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.corrections import correct_not_quote, correct_speaker
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
        lib.add_analysis(story("Updated.\n\n"), url="https://a.test/talks")  # analysed again, text changed
    assert (corrected, other) == (1, 2)
    return db


def test_quotes_json_shows_the_corrected_speaker_and_leaves_out_a_span_not_a_quote(tmp_path: Path) -> None:
    db = _library(tmp_path)
    rows = json.loads(_run("--db", db, "quotes", "--article", "1", "--json").output)
    assert [(r["text"], r["speaker"], r["corrected"]) for r in rows] == [
        (SAID, "Omar Haddad", True),
        (THIRD, "Ann Lee", False),
    ]
    assert rows[0]["role"] == "Minister" and rows[0]["organisation"] == "Ministry of Works"
    others = json.loads(_run("--db", db, "quotes", "--article", "2", "--json").output)
    assert [(r["speaker"], r["corrected"]) for r in others] == [("Ann Lee", False)] * 3
    table = _run("--db", db, "quotes", "--article", "1").output
    assert "Omar Haddad (corrected)" in table and "Nothing has been agreed" not in table


def test_export_quotes_applies_the_corrections_in_every_format(tmp_path: Path) -> None:
    db = _library(tmp_path)
    rows = json.loads(_run("--db", db, "export", "quotes", "--format", "json").output)
    mine = [(r["text"], r["speaker"], r["corrected"]) for r in rows if r["article_url"] == "https://a.test/talks"]
    assert mine == [(SAID, "Omar Haddad", True), (THIRD, "Ann Lee", False)]
    assert len(rows) == 5  # the other article's three, as the analysis gave them
    md = _run("--db", db, "export", "quotes", "--article", "1").output
    assert "— Omar Haddad (Minister, Ministry of Works, corrected)" in md
    assert "— Ann Lee (Mayor)" in md and OTHER not in md
    csv_text = _run("--db", db, "export", "quotes", "--article", "1", "--format", "csv").output
    assert OTHER not in csv_text and "Omar Haddad (Minister, Ministry of Works, corrected)" in csv_text
