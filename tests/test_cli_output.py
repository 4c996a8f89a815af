"""Human-readable CLI output shows stored text exactly: rich markup, emoji codes and escape sequences
in any field are printed as the characters they are, never obeyed (issue 10 item 2, issue 11 item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from newsread.core.cli import cli
from newsread.core.model import Analysis, Entity, Quote, Speaker
from newsread.core.store.library import Library

HOSTILE = "[in Israel] :x: [bold]B[/bold] \x1b]0;PWN\x07\x1b[2J"
SHOWN = "[in Israel] :x: [bold]B[/bold] \u241b]0;PWN\u2407\u241b[2J"  # controls as control pictures
WIDE = {"COLUMNS": "1000"}  # no cell is wrapped or cut, so every value can be found whole


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, env=WIDE, catch_exceptions=False)


def _assert_inert(output: str) -> None:
    assert "\x1b" not in output and "\x07" not in output
    assert "\u274c" not in output  # :x: stays ":x:", never the emoji


@pytest.fixture
def hostile_db(tmp_path: Path) -> str:
    """A real library file whose every printed field carries markup, an emoji code and escapes."""
    text = f"Intro {HOSTILE} here. “Quote {HOSTILE} end,” said Ann Lee. “Nobody claims {HOSTILE} this.”"
    first = text.index("“")
    second = text.index("“", first + 1)
    quotes = [
        Quote(first, text.index("”") + 1, text[first : text.index("”") + 1], f"Ann {HOSTILE}", "said"),
        Quote(second, len(text), text[second:], None, None),
    ]
    ann = text.index("Ann Lee")
    analysis = Analysis(
        text=text,
        title=f"[update] Mayor resigns [in person] {HOSTILE}",
        published="2024-01-02",
        path="hostile.txt",
        speakers=[
            Speaker(f"Ann {HOSTILE}", role=f"role {HOSTILE}", organisation=f"Org {HOSTILE}", quotes=1, kind="person")
        ],
        quotes=quotes,
        entities=[Entity(ann, ann + 7, "ORG", "Ann Lee", f"Org {HOSTILE}")],
        model=f"model {HOSTILE}",
    )
    db = tmp_path / "hostile.db"
    with Library.open(db) as lib:
        lib.add_analysis(
            analysis,
            url=f"https://x.test/{HOSTILE}",
            source="hostile.txt",
            site=f"site {HOSTILE}",
            byline=f"by {HOSTILE}",
        )
    return str(db)


def test_ls_prints_title_site_and_url_exactly(hostile_db: str) -> None:
    out = _run("--db", hostile_db, "ls").output
    _assert_inert(out)
    assert f"[update] Mayor resigns [in person] {SHOWN}" in out
    assert f"site {SHOWN}" in out and f"https://x.test/{SHOWN}" in out


def test_show_prints_every_field_exactly(hostile_db: str) -> None:
    out = _run("--db", hostile_db, "show", "1").output
    _assert_inert(out)
    for value in (
        f"[update] Mayor resigns [in person] {SHOWN}",
        f"site {SHOWN} · by {SHOWN}",
        f"model model {SHOWN}",
        f"Ann {SHOWN}",
        f"role {SHOWN}",
        f"Org {SHOWN}",
        f"“Quote {SHOWN} end,”",
    ):
        assert value in out, value


def test_search_prints_title_and_snippet_exactly(hostile_db: str) -> None:
    out = _run("--db", hostile_db, "search", "intro").output
    _assert_inert(out)
    assert f"[update] Mayor resigns [in person] {SHOWN}" in out
    assert f"[Intro] {SHOWN}" in out  # the matched word in the snippet's marks, the stored text after it


def test_quotes_prints_speaker_organisation_and_quote_exactly(hostile_db: str) -> None:
    out = _run("--db", hostile_db, "quotes").output
    _assert_inert(out)
    assert f"Ann {SHOWN}" in out and f"Org {SHOWN}" in out and f"“Quote {SHOWN} end,”" in out


def test_speakers_and_orgs_print_names_exactly(hostile_db: str) -> None:
    speakers = _run("--db", hostile_db, "speakers").output
    _assert_inert(speakers)
    assert f"Ann {SHOWN}" in speakers and f"role {SHOWN}" in speakers and f"Org {SHOWN}" in speakers
    orgs = _run("--db", hostile_db, "orgs").output
    _assert_inert(orgs)
    assert f"Org {SHOWN}" in orgs


def test_unattributed_quotes_say_unattributed_not_a_question_mark(hostile_db: str) -> None:
    for cmd in (["quotes"], ["show", "1"]):
        out = _run("--db", hostile_db, *cmd).output
        row = next(line for line in out.splitlines() if "Nobody claims" in line)
        assert "unattributed" in row and " ? " not in row


def test_add_prints_title_and_errors_exactly(tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(
        f"[update] Mayor resigns [in person] {HOSTILE}\n\n“We are done,” said Ann Lee, the mayor, on Monday.\n",
        encoding="utf-8",
    )
    missing = str(tmp_path / f"gone {HOSTILE}.txt")
    result = _run("--db", str(tmp_path / "l.db"), "add", "--progress", "plain", str(article), missing)
    assert result.exit_code == 1
    _assert_inert(result.output)
    assert f"added #1 [update] Mayor resigns [in person] {SHOWN}" in result.stdout
    assert f"gone {SHOWN}.txt: no such file" in result.stderr


def test_analyze_summary_prints_title_and_quotes_exactly(tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(
        f"[update] Mayor resigns [in person] {HOSTILE}\n\n"
        "“There is a sense [in Israel] :x: that we are done,” said Ann Lee, the mayor, on Monday.\n",
        encoding="utf-8",
    )
    result = _run("analyze", str(article))
    assert result.exit_code == 0
    _assert_inert(result.output)
    assert f"[update] Mayor resigns [in person] {SHOWN}" in result.output
    assert "“There is a sense [in Israel] :x: that we are done,”" in result.output


def test_the_seed_quote_and_the_readme_search_keep_their_words(seed_library: Path) -> None:
    """The two cases seen: "[in Israel]" inside a quote of the seed, and the README's search example."""
    shown = _run("--db", str(seed_library), "show", "1").output
    assert "“And there’s a sense [in Israel] … that the United States" in shown
    found = _run("--db", str(seed_library), "search", "cease-fire OR truce").output
    assert "a possible [truce] and hostage release:\xa0a broad [cease-fire] in Gaza" in found


def test_reported_statements_and_their_counts_print_exactly(hostile_db: str) -> None:
    """A reported statement (no quotation marks) and the statement around a partial quote are
    article text like any quote: listed by `quotes --kind` and `show`, never obeyed."""
    text = f"Ann Lee said the council {HOSTILE} would pay, calling it “fair {HOSTILE}” in the end."
    stmt_start = text.index("the council")
    stmt_end = text.index(" in the end")
    partial = text.index("“")
    analysis = Analysis(
        text=text,
        title="Second",
        speakers=[Speaker(f"Ann {HOSTILE}", quotes=1, reported=1)],
        quotes=[
            Quote(stmt_start, stmt_end, text[stmt_start:stmt_end], f"Ann {HOSTILE}", "said", kind="indirect"),
            Quote(
                partial,
                text.index("”") + 1,
                text[partial : text.index("”") + 1],
                f"Ann {HOSTILE}",
                "calling",
                kind="partial",
                statement_start=stmt_start,
                statement_end=stmt_end,
            ),
        ],
    )
    with Library.open(hostile_db) as lib:
        article_id = lib.add_analysis(analysis, source="second.txt").article_id
    listed = _run("--db", hostile_db, "quotes", "--kind", "indirect").output
    _assert_inert(listed)
    assert f"the council {SHOWN} would pay" in listed and "indirect" in listed and "partial" not in listed
    shown = _run("--db", hostile_db, "show", str(article_id)).output
    _assert_inert(shown)
    assert "1 quotes, 1 reported," in shown and f"the council {SHOWN} would pay" in shown
    as_json = _run("--db", hostile_db, "quotes", "--kind", "partial", "--json").output
    assert "\x1b" not in as_json and "\\u001b" in as_json
    speakers = _run("--db", hostile_db, "speakers").output
    _assert_inert(speakers)
    assert "reported" in speakers
