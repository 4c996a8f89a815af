"""Corrections that last (``core.corrections``), on real SQLite files: a quote's speaker
reassigned wins over the analysis, survives a re-analysis and a changed text, is orphaned (kept and
listed) when its quote is gone or its article deleted, and is found again when the same URL is
added again."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.corrections import (
    apply_corrections,
    correct_speaker,
    corrected_quotes,
    corrections,
    corrections_of,
)
from newsread.core.errors import NewsreadError
from newsread.core.model import Analysis, Quote
from newsread.core.store.library import Library

SAID = "“We will open the crossings before the winter comes,”"
OTHER = "“Nothing has been agreed yet,”"
URL = "https://a.test/story"


def story(lead: str = "") -> Analysis:
    """Two quotes credited by the analysis to Ann Lee; ``lead`` is text put before them."""
    text, quotes = f"{lead}Talks.", []
    for q in (SAID, OTHER):
        text += " "
        quotes.append(Quote(start=len(text), end=len(text) + len(q), text=q, speaker="Ann Lee", cue="said"))
        text += q + " Ann Lee said."
    return Analysis(text=text, title="Talks", quotes=quotes)


def speakers(lib: Library, article_id: int) -> list[str | None]:
    analysis = lib.analysis(article_id)
    assert analysis is not None
    fixed, _ = apply_corrections(analysis, corrections_of(lib, article_id))
    return [q.speaker for q in fixed.quotes]


def test_a_reassigned_speaker_wins_and_survives_reanalysis_and_a_changed_text(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.db") as lib:
        aid = lib.add_analysis(story(), url=URL).article_id
        first = story().quotes[0]
        correct_speaker(lib, aid, first, "  Omar  Haddad ", "person")
        assert speakers(lib, aid) == ["Omar Haddad", "Ann Lee"]
        analysis = lib.analysis(aid)
        assert analysis is not None and analysis.quotes[0].speaker == "Ann Lee"  # the analysis is untouched
        assert lib.add_analysis(story(), url=URL, reanalyse=True).status == "updated"
        assert speakers(lib, aid) == ["Omar Haddad", "Ann Lee"]
        # the text changed (a lead paragraph added): the quotes moved, the correction follows
        assert lib.add_analysis(story("An update.\n\n"), url=URL).article_id == aid
        assert speakers(lib, aid) == ["Omar Haddad", "Ann Lee"]
        [c] = corrections(lib)
        assert not c.orphaned and c.fields == {"speaker": "Omar Haddad", "speaker_kind": "person", "was": "Ann Lee"}
        line = c.to_dict()
        assert line["url"] == URL and line["kind"] == "speaker"
        suffix = " Ann Lee said. “Nothing has been"  # the context a note keeps (selectors.CONTEXT)
        quote_selector = {"type": "TextQuoteSelector", "exact": SAID, "prefix": "Talks. ", "suffix": suffix}
        assert line["selectors"][0] == quote_selector


def test_a_later_correction_wins(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.db") as lib:
        aid = lib.add_analysis(story(), url=URL).article_id
        correct_speaker(lib, aid, story().quotes[1], "Omar Haddad", "person")
        correct_speaker(lib, aid, story().quotes[1], "Ministry of Health", "organisation")
        analysis = lib.analysis(aid)
        assert analysis is not None
        fixed, corrected = apply_corrections(analysis, corrections_of(lib, aid))
        assert [(q.speaker, q.speaker_kind) for q in fixed.quotes][1] == ("Ministry of Health", "organisation")
        assert corrected == {story().quotes[1].start}


def test_orphaned_corrections_are_kept_and_found_again(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.db") as lib:
        aid = lib.add_analysis(story(), url=URL).article_id
        correct_speaker(lib, aid, story().quotes[0], "Omar Haddad", "person")
        # the article deleted: the correction stays, orphaned, with the article's URL and title
        lib.delete_articles([aid])
        [c] = corrections(lib)
        assert c.orphaned and c.article_id is None and (c.article_url, c.article_title) == (URL, "Talks")
        # the same URL added again: placed in it again
        again = lib.add_analysis(story(), url=URL).article_id
        assert speakers(lib, again) == ["Omar Haddad", "Ann Lee"]
        assert not corrections(lib)[0].orphaned
        # a text without the quote: orphaned, not dropped
        gone = Analysis(text="Talks. Nothing was said today.", title="Talks")
        lib.add_analysis(gone, url=URL)
        assert [c.orphaned for c in corrections(lib)] == [True]


def test_a_span_marked_as_no_quote_stays_out_after_reanalysis(tmp_path: Path) -> None:
    from newsread.core.corrections import correct_not_quote

    with Library.open(tmp_path / "lib.db") as lib:
        aid = lib.add_analysis(story(), url=URL).article_id
        correct_not_quote(lib, aid, story().quotes[0])
        correct_speaker(lib, aid, story().quotes[1], "Omar Haddad", "person")
        lib.add_analysis(story("An update.\n\n"), url=URL)  # changed text, analysed again
        analysis = lib.analysis(aid)
        assert analysis is not None and len(analysis.quotes) == 2
        fixed, corrected = apply_corrections(analysis, corrections_of(lib, aid))
        assert [(q.text, q.speaker) for q in fixed.quotes] == [(OTHER, "Omar Haddad")]
        assert corrected == {fixed.quotes[0].start}
        assert [(c.kind, c.orphaned) for c in corrections(lib)] == [("not_quote", False), ("speaker", False)]


def test_a_correction_rolled_back_is_not_followed(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.db") as lib:
        aid = lib.add_analysis(story(), url=URL).article_id
        assert [r.speaker for r in corrected_quotes(lib)[0]] == ["Ann Lee", "Ann Lee"]
        with pytest.raises(RuntimeError), lib.transaction():
            correct_speaker(lib, aid, story().quotes[0], "Omar Haddad", "person")
            assert [r.speaker for r in corrected_quotes(lib)[0]] == ["Omar Haddad", "Ann Lee"]
            raise RuntimeError("the rest of the write failed")
        assert corrections(lib) == []
        assert [r.speaker for r in corrected_quotes(lib)[0]] == ["Ann Lee", "Ann Lee"]


def test_a_correction_of_a_deleted_article_is_listed_placed_only_where_the_reader_applies_it(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.db") as lib:
        aid = lib.add_analysis(story(), url=URL).article_id
        correct_speaker(lib, aid, story().quotes[0], "Omar Haddad", "person")
        lib.delete_articles([aid])
        moved = lib.add_analysis(story(), url="https://a.test/moved", source=URL).article_id  # fetched at URL
        assert speakers(lib, moved) == ["Ann Lee", "Ann Lee"]  # its URL is another: not the corrected article
        assert [c.orphaned for c in corrections(lib)] == [True]


def test_a_correction_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.db") as lib:
        aid = lib.add_analysis(story(), url=URL).article_id
        lib.conn.execute("PRAGMA query_only = ON")  # as a read-only file would: every write fails
        with pytest.raises(NewsreadError, match="read-only"):
            correct_speaker(lib, aid, story().quotes[0], "Omar Haddad", "person")
        lib.conn.execute("PRAGMA query_only = OFF")
        assert corrections(lib) == []
