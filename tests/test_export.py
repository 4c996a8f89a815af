"""Exports of notes and quotes: the pure functions and `newsread export` on a real library file."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.export import READWISE_COLUMNS, ExportError, export_notes, export_quotes, write_atomic
from newsread.core.notes import Notes
from newsread.core.store.library import Library
from support.notes import ARTICLE, CRITIC_QUOTE, URL, add_article, analysis_of, span
from support.reported import COUNCIL, PARTIAL, STATEMENT, reported_analysis

PASSAGE = "the goverment will not intervene in the harbour markets"
DELETED = "He added that the association would consider a legal challenge."
LOCAL_TEXT = "Ferry timetable changes\n\nThe ferry will run every hour from May,\nthe operator said."
LOCAL_SOURCE = "/home/reader/articles/ferry.txt"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A library with two articles: notes, a highlight, and a note orphaned by an edit of the text."""
    path = tmp_path / "library.db"
    with Library.open(path) as lib:
        notes = Notes(lib)
        article_id = add_article(lib)
        notes.add(
            article_id, *span(ARTICLE, PASSAGE), body="Is that a promise?\nCheck the minutes.", tags="policy, followup"
        )
        notes.highlight(article_id, *span(ARTICLE, "400 new homes"))
        notes.add(article_id, *span(ARTICLE, DELETED), body="Who are their lawyers?")
        add_article(lib, ARTICLE.replace(" " + DELETED, ""))  # the third note is now an orphan
        local = lib.add_analysis(analysis_of(LOCAL_TEXT), source=LOCAL_SOURCE).article_id
        notes.add(local, *span(LOCAL_TEXT, "every hour from May,\nthe operator"), body="two lines quoted")
    return path


@pytest.fixture
def rows(db: Path):
    with Library.open(db) as lib:
        return Notes(lib).all_notes(order="article")


def test_markdown_groups_by_article_with_quotes_bodies_tags_and_orphans(rows) -> None:
    md = export_notes(rows, "md")
    assert md.startswith("# Notes\n")
    harbour = md.index("## Council approves new harbour plan after long debate")
    ferry = md.index("## Ferry timetable changes")
    assert f"Source: <{URL}>" in md and f"Source: {LOCAL_SOURCE}" in md
    assert "Author: Jane Reporter" in md
    assert f"> {PASSAGE}\n\nIs that a promise?\nCheck the minutes.\n\nTags: #policy #followup\n" in md
    assert "> 400 new homes\n" in md
    assert f"> {DELETED}\n\nWho are their lawyers?\n\n*(orphaned:" in md
    assert md.index("> 400 new homes") < md.index(f"> {DELETED}")  # text order, orphan last
    assert "> every hour from May,\n> the operator\n" in md  # every line of a passage is quoted
    assert min(harbour, ferry) > 0


def test_json_lists_every_note(rows) -> None:
    data = json.loads(export_notes(rows, "json"))
    assert len(data) == 4
    orphan = next(n for n in data if n["exact"] == DELETED)
    assert orphan["orphaned"] is True and orphan["body"] == "Who are their lawyers?"
    assert {n["article_url"] for n in data} == {URL, None}
    assert {n["article_source"] for n in data} >= {LOCAL_SOURCE}


def test_w3c_is_an_annotation_collection_with_quote_and_position_selectors(db: Path, rows) -> None:
    doc = json.loads(export_notes(rows, "w3c"))
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 4
    items = doc["first"]["items"]
    assert len(items) == 4 and all(a["type"] == "Annotation" for a in items)
    with Library.open(db) as lib:
        texts = {a.url or a.source: lib.analysis(a.id).text for a in lib.articles()}
    for a in items:
        quote = a["target"]["selector"][0]
        assert quote["type"] == "TextQuoteSelector" and set(quote) == {"type", "exact", "prefix", "suffix"}
        text = texts[a["target"]["source"]]
        if a.get("newsread:orphaned"):
            assert len(a["target"]["selector"]) == 1 and quote["exact"] == DELETED
            continue
        position = a["target"]["selector"][1]
        assert position["type"] == "TextPositionSelector"
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])
        assert text[position["end"] :].startswith(quote["suffix"])
    note = next(a for a in items if a["target"]["selector"][0]["exact"] == PASSAGE)
    assert note["motivation"] == "commenting"
    assert note["body"] == [
        {"type": "TextualBody", "value": "Is that a promise?\nCheck the minutes.", "format": "text/plain",
         "purpose": "commenting"},
        {"type": "TextualBody", "value": "policy", "purpose": "tagging"},
        {"type": "TextualBody", "value": "followup", "purpose": "tagging"},
    ]  # fmt: skip
    highlight = next(a for a in items if a["target"]["selector"][0]["exact"] == "400 new homes")
    assert highlight["motivation"] == "highlighting" and "body" not in highlight
    assert note["target"]["source"] == URL and note["created"].endswith("Z")


def test_csv_has_readwise_columns(rows) -> None:
    records = list(csv.reader(io.StringIO(export_notes(rows, "csv"))))
    assert records[0] == ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"] == READWISE_COLUMNS
    by_quote = {r[0]: dict(zip(READWISE_COLUMNS, r, strict=True)) for r in records[1:]}
    assert len(by_quote) == 4
    note = by_quote[PASSAGE]
    assert note["Title"] == "Council approves new harbour plan after long debate"
    assert (note["Author"], note["URL"]) == ("Jane Reporter", URL)
    assert note["Note"] == "Is that a promise?\nCheck the minutes.\n.policy .followup"
    assert note["Location"] == str(ARTICLE.index(PASSAGE))
    assert len(note["Date"]) == 19 and note["Date"][10] == " "
    assert "orphaned" in by_quote[DELETED]["Note"]
    assert by_quote["every hour from May,\nthe operator"]["URL"] == LOCAL_SOURCE


def test_empty_exports_and_unknown_formats() -> None:
    assert "No notes." in export_notes([], "md")
    assert json.loads(export_notes([], "w3c"))["first"]["items"] == []
    assert export_notes([], "csv").strip() == ",".join(READWISE_COLUMNS)
    with pytest.raises(ExportError):
        export_notes([], "pdf")
    with pytest.raises(ExportError):
        export_quotes([], "w3c")


def test_quotes_in_every_format(db: Path) -> None:
    with Library.open(db) as lib:
        rows = lib.quotes()
        articles = {r.article_id: lib.article(r.article_id) for r in rows}
    md = export_quotes(rows, "md", articles=articles)
    assert f"> {CRITIC_QUOTE}\n\n— Tomas Berg (chair, Harbour Workers Association)" in md
    assert f"Source: <{URL}>" in md and "Published: 2024-05-01" in md
    data = json.loads(export_quotes(rows, "json", articles=articles))
    assert {(q["speaker"], q["role"], q["organisation"]) for q in data} == {
        ("Ana Lindqvist", "Mayor", "City Council"),
        ("Tomas Berg", "chair", "Harbour Workers Association"),
    }
    records = list(csv.DictReader(io.StringIO(export_quotes(rows, "csv", articles=articles))))
    assert list(records[0])[:7] == READWISE_COLUMNS
    critic = next(r for r in records if r["Speaker"] == "Tomas Berg")
    assert (critic["Highlight"], critic["URL"], critic["Organisation"]) == (
        CRITIC_QUOTE,
        URL,
        "Harbour Workers Association",
    )


def test_every_quote_says_its_kind_and_a_partial_one_its_reported_statement(tmp_path: Path) -> None:
    with Library.open(tmp_path / "l.db") as lib:
        lib.add_analysis(reported_analysis(), url="https://x.test/bridge")
        rows = lib.quotes()
        articles = {r.article_id: lib.article(r.article_id) for r in rows}
    data = json.loads(export_quotes(rows, "json", articles=articles))
    assert [(q["kind"], q["statement"]) for q in data] == [
        ("indirect", None),
        ("partial", STATEMENT),
        ("direct", None),
        ("indirect", None),
    ]
    partial = data[1]
    assert (partial["statement_start"], partial["statement_end"]) == (rows[1].statement_start, rows[1].statement_end)
    records = list(csv.DictReader(io.StringIO(export_quotes(rows, "csv", articles=articles))))
    assert [(r["Kind"], r["Statement"]) for r in records] == [
        ("indirect", ""),
        ("partial", STATEMENT),
        ("direct", ""),
        ("indirect", ""),
    ]
    assert records[0]["Note"] == "— Ann Lee (Mayor, reported)"
    assert records[1]["Note"] == "— Ann Lee (Mayor)"
    md = export_quotes(rows, "md", articles=articles)
    assert f"> {STATEMENT}\n\n— Ann Lee (Mayor, reported)\n" in md
    assert f"> {PARTIAL}\n\n— Ann Lee (Mayor)\n\nIn the reported statement: {STATEMENT}\n" in md
    assert f"> {COUNCIL}\n\n— the council (reported)\n" in md
    assert md.count("In the reported statement") == 1


def test_write_atomic_replaces_whole_files_and_refuses_bad_paths(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomic(target, "first\n")
    target.chmod(0o644)
    write_atomic(target, "second\n")
    assert target.read_text() == "second\n" and (target.stat().st_mode & 0o777) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temporary file left
    with pytest.raises(ExportError, match="cannot write"):
        write_atomic(tmp_path / "missing" / "out.md", "x")


# -- the command line ---------------------------------------------------------------------------
def _run(db: Path, *args: str):
    result = CliRunner().invoke(cli, ["--db", str(db), "export", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_exports_notes_to_stdout_and_to_a_file(db: Path, tmp_path: Path) -> None:
    assert len(json.loads(_run(db, "notes", "--format", "json"))) == 4
    only = json.loads(_run(db, "notes", "--article", "1", "--format", "w3c"))
    assert only["total"] == 3 and {a["target"]["source"] for a in only["first"]["items"]} == {URL}
    assert _run(db, "notes").startswith("# Notes")  # Markdown by default
    out = tmp_path / "exports" / "notes.csv"
    out.parent.mkdir()
    assert _run(db, "notes", "--format", "csv", "-o", str(out)) == ""
    assert next(csv.reader(out.open(newline=""))) == READWISE_COLUMNS
    assert [p.name for p in out.parent.iterdir()] == ["notes.csv"]


def test_cli_exports_quotes_filtered_by_speaker_alias_and_org(db: Path) -> None:
    data = json.loads(_run(db, "quotes", "--speaker", "berg", "--format", "json"))
    assert [q["speaker"] for q in data] == ["Tomas Berg"]
    data = json.loads(_run(db, "quotes", "--org", "city council", "--format", "json"))
    assert [q["speaker"] for q in data] == ["Ana Lindqvist"]
    assert "— Ana Lindqvist (Mayor, City Council)" in _run(db, "quotes", "--article", "1")
    assert _run(db, "quotes", "--format", "csv").splitlines()[0].startswith("Highlight,Title,Author,URL,Note")


def _newsread(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from newsread.core.cli import main; sys.argv[0] = 'newsread'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)


def test_cli_errors_are_one_line_and_exit_1(db: Path, tmp_path: Path) -> None:
    bad = _newsread("--db", str(db), "export", "notes", "-o", str(tmp_path / "no" / "such" / "dir.md"))
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.startswith("newsread: cannot write") and bad.stderr.count("\n") == 1
    folder = _newsread("--db", str(db), "export", "quotes", "-o", str(tmp_path))
    assert folder.returncode == 1 and folder.stderr.count("\n") == 1
    missing = _newsread("--db", str(db), "export", "notes", "--article", "42")
    assert missing.returncode == 1 and "no article with id 42" in missing.stderr
    nodb = _newsread("--db", str(tmp_path / "none.db"), "export", "notes")
    assert nodb.returncode == 1 and nodb.stderr.count("\n") == 1


def test_cli_exports_quotes_of_one_kind(seed_library: Path, seed_analysis) -> None:
    every = json.loads(_run(seed_library, "quotes", "--format", "json"))
    assert len(every) == len(seed_analysis.quotes)
    reported = json.loads(_run(seed_library, "quotes", "--kind", "indirect", "--format", "json"))
    assert reported and [q["text"] for q in reported] == [q.text for q in seed_analysis.quotes if q.is_reported]
    quoted = json.loads(_run(seed_library, "quotes", "--kind", "direct", "--format", "json"))
    assert {q["kind"] for q in quoted} == {"direct"}
    bad = CliRunner().invoke(cli, ["--db", str(seed_library), "export", "quotes", "--kind", "hearsay"])
    assert bad.exit_code == 2 and "hearsay" in bad.output
