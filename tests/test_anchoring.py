"""Re-anchoring notes when an article's text changes: pure ``anchor`` and through the real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsread.core.notes import Notes
from newsread.core.notes.anchoring import anchor
from newsread.core.notes.selectors import quote_at
from newsread.core.store.library import Library
from support.notes import ARTICLE, add_article, span

TYPO_QUOTE = "the goverment will not intervene in the harbour markets"
DELETED = "He added that the association would consider a legal challenge."


@pytest.fixture
def lib(tmp_path: Path):
    with Library.open(tmp_path / "library.db") as library:
        yield library


def _note(lib: Library, passage: str, occurrence: int = 0):
    article_id = add_article(lib)
    start, end = span(ARTICLE, passage, occurrence)
    return article_id, Notes(lib).add(article_id, start, end, body=f"on: {passage[:20]}")


# -- the pure function --------------------------------------------------------------------------
def test_unchanged_text_keeps_the_position() -> None:
    start, end = span(ARTICLE, TYPO_QUOTE)
    found = anchor(ARTICLE, quote_at(ARTICLE, start, end), start)
    assert found is not None and (found.start, found.end, found.method) == (start, end, "position")


def test_a_short_quote_without_its_context_does_not_match_fuzzily() -> None:
    text = "The cat sat on the mat."
    quote = quote_at("Somewhere else: the dig ran far.", 16, 23)  # "the dig"
    assert anchor(text, quote, 16) is None


def test_nothing_to_anchor_in_an_empty_text() -> None:
    assert anchor("", quote_at(ARTICLE, 0, 7), 0) is None


# -- through Library.add_analysis ---------------------------------------------------------------
def test_text_inserted_before_the_note_moves_it(lib: Library) -> None:
    article_id, note = _note(lib, TYPO_QUOTE)
    lede = "UPDATE: this story has been corrected.\n\n"
    new_text = ARTICLE.replace("The city council voted", lede + "The city council voted")
    assert add_article(lib, new_text) == article_id
    moved = Notes(lib).get(note.id)
    assert moved is not None and not moved.orphaned
    assert new_text[moved.start : moved.end] == TYPO_QUOTE
    assert moved.start == note.start + len(lede)
    assert moved.prefix == new_text[moved.start - 32 : moved.start]
    assert moved.body == note.body and moved.created == note.created


def test_a_typo_fixed_inside_the_quote_is_followed(lib: Library) -> None:
    article_id, note = _note(lib, TYPO_QUOTE)
    new_text = ARTICLE.replace("goverment", "government")
    add_article(lib, new_text)
    moved = Notes(lib).get(note.id)
    assert moved is not None and not moved.orphaned
    assert moved.exact == "the government will not intervene in the harbour markets"
    assert (moved.start, moved.end) == span(new_text, moved.exact)
    assert lib.article(article_id).note_count == 1


def test_a_deleted_sentence_orphans_its_note_but_keeps_it(lib: Library) -> None:
    article_id, note = _note(lib, DELETED)
    kept = Notes(lib).add(article_id, *span(ARTICLE, TYPO_QUOTE), body="still here")
    new_text = ARTICLE.replace(" " + DELETED, "")
    add_article(lib, new_text)
    notes = Notes(lib)
    orphan = notes.get(note.id)
    assert orphan is not None and orphan.orphaned
    assert (orphan.exact, orphan.prefix, orphan.suffix) == (note.exact, note.prefix, note.suffix)
    assert orphan.body == note.body
    # Orphans come last in the article's list, flagged; they are still counted.
    assert [(n.id, n.orphaned) for n in notes.for_article(article_id)] == [(kept.id, False), (note.id, True)]
    assert [n.id for n in notes.orphans()] == [note.id]
    assert lib.article(article_id).note_count == 2


def test_the_same_quote_twice_the_nearest_wins(lib: Library) -> None:
    refrain = "Build it now, build it right. "
    text = "Chant\n\n" + refrain * 8 + "\nThe end of the chant."
    article_id = add_article(lib, text, url="https://example.org/chant")
    start, end = span(text, refrain.strip(), 5)  # the sixth of eight identical lines
    note = Notes(lib).add(article_id, start, end, body="the sixth")
    # Three characters inserted near the start: every copy moves, the old offset matches none, and
    # the copies around the sixth have the same 32 characters of context on either side.
    new_text = text.replace("Chant", "Chant!!!", 1)
    add_article(lib, new_text, url="https://example.org/chant")
    moved = Notes(lib).get(note.id)
    assert moved is not None and not moved.orphaned
    assert (moved.start, moved.end) == span(new_text, refrain.strip(), 5)


def test_the_same_quote_twice_the_one_in_its_context_wins(lib: Library) -> None:
    passage = "a legal challenge"
    text = ARTICLE + "\nLawyers say a legal challenge would take years."
    article_id = add_article(lib, text, url="https://example.org/two")
    start, end = span(text, passage, 0)
    note = Notes(lib).add(article_id, start, end)
    # A long paragraph inserted before: the second copy is now nearer the old offset, but only the
    # first still has its old prefix and suffix around it.
    insert = "An editor's note explains at some length what changed in this version of the story. " * 3
    new_text = text.replace("Critics were not convinced.", insert + "Critics were not convinced.")
    add_article(lib, new_text, url="https://example.org/two")
    moved = Notes(lib).get(note.id)
    assert moved is not None and (moved.start, moved.end) == span(new_text, passage, 0)


def test_an_orphan_anchors_again_when_its_passage_returns(lib: Library) -> None:
    _, note = _note(lib, DELETED)
    add_article(lib, ARTICLE.replace(" " + DELETED, ""))
    assert Notes(lib).get(note.id).orphaned
    restored = ARTICLE.replace("Critics were", "Some critics were")
    add_article(lib, restored)
    back = Notes(lib).get(note.id)
    assert back is not None and not back.orphaned
    assert restored[back.start : back.end] == DELETED


def test_reanchoring_is_part_of_the_store_transaction(lib: Library) -> None:
    """add_analysis commits the new text and the moved notes together (our function never commits)."""
    article_id, note = _note(lib, TYPO_QUOTE)
    new_text = "Lede.\n\n" + ARTICLE
    add_article(lib, new_text)
    assert not lib.conn.in_transaction
    other = Library.open(lib.path)
    try:
        row = other.conn.execute('SELECT start, "end" FROM notes WHERE id = ?', (note.id,)).fetchone()
        assert tuple(row) == span(new_text, TYPO_QUOTE)
        assert other.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0] == new_text
    finally:
        other.close()


def test_drafts_follow_their_passage(lib: Library) -> None:
    article_id = add_article(lib)
    start, end = span(ARTICLE, TYPO_QUOTE)
    draft = Notes(lib).save_draft(article_id, start, end, "half-written")
    new_text = "Lede.\n\n" + ARTICLE
    add_article(lib, new_text)
    moved = Notes(lib).draft(draft.id)
    assert moved is not None and (moved.start, moved.end) == span(new_text, TYPO_QUOTE)
    assert moved.body == "half-written"


def test_an_edited_passage_in_its_own_context_beats_a_copy_in_a_foreign_one() -> None:
    text = ARTICLE + "\nRelated: the goverment will not intervene in the harbour markets, officials repeat.\n"
    start, end = span(text, TYPO_QUOTE, 0)
    quote = quote_at(text, start, end)
    new_text = text.replace("She said the goverment", "She said the government")
    found = anchor(new_text, quote, start)
    assert found is not None and found.method == "fuzzy"
    assert new_text[found.start : found.end] == "the government will not intervene in the harbour markets"


def test_a_deleted_sentence_does_not_anchor_to_a_similar_one() -> None:
    # Similar enough that a score on the quote alone (as with MIN_SCORE 0.6) would take it.
    text = ARTICLE + "\nShe added that the association could consider a legal challenge too.\n"
    start, end = span(text, DELETED)
    found = anchor(text.replace(" " + DELETED, ""), quote_at(text, start, end), start)
    assert found is None


def test_a_long_passage_survives_edits_inside_and_around_it() -> None:
    first = ARTICLE.index("The city council voted")
    last = ARTICLE.index("a legal challenge.") + len("a legal challenge.")
    assert last - first > 256  # long: searched for by its ends
    quote = quote_at(ARTICLE, first, last)
    new_text = "Lede added.\n\n" + ARTICLE.replace("goverment", "government").replace(
        "Critics were not convinced.", "Critics disagreed."
    )
    found = anchor(new_text, quote, first)
    assert found is not None and found.method == "fuzzy"
    expected_end = new_text.index("a legal challenge.") + len("a legal challenge.")
    assert (found.start, found.end) == (new_text.index("The city council voted"), expected_end)
    assert anchor(ARTICLE[:first] + ARTICLE[last:], quote, first) is None
