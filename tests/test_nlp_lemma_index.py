"""``nlp.load`` holds each rule lemmatizer's index of known words as sets, and the lemmas are those
of spaCy's own pipeline with its lists. Real model, a real corpus article."""

from __future__ import annotations

from pathlib import Path

import spacy
from newsread.core import nlp

ARTICLE = Path(__file__).parent / "data" / "analysis" / "aeb_foxnews-com_eb62ac8425.txt"
# Words whose lemma comes from a suffix rule checked against the index (and one that is no word).
INFLECTED = "The senators' aides were buying houses, fixing buses and ranking the wolves' slowest flies by qwertyzing."


def test_the_loaded_lemmatizer_index_is_made_of_sets() -> None:
    table = nlp.load(None).get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert len(table) > 0
    assert all(isinstance(words, frozenset) for words in table.values())
    assert "house" in table.get("noun")


def test_lemmas_are_those_of_spacys_own_pipeline() -> None:
    ours = nlp.load(None)
    theirs = spacy.load(nlp.model_name(None))
    assert all(
        isinstance(words, list) for words in theirs.get_pipe("lemmatizer").lookups.get_table("lemma_index").values()
    )
    for text in (INFLECTED, ARTICLE.read_text(encoding="utf-8")):
        mine = [(t.text, t.pos_, t.lemma_) for t in ours(text)]
        spacys = [(t.text, t.pos_, t.lemma_) for t in theirs(text)]
        assert mine == spacys
    assert [t.lemma_ for t in ours(INFLECTED)][3:5] == ["aide", "be"]
