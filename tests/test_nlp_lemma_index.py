"""``nlp.load`` holds each rule lemmatizer's index of known words as lists that answer membership
from a set (``nlp.WordList``), the lemmas are those of spaCy's own pipeline with its plain lists,
the pipeline can still be saved, and an index holding other than words is left as spaCy loaded
it. Real model, a real corpus article."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import spacy
from click.testing import CliRunner
from newsread.core import nlp
from newsread.core.cli import cli

ARTICLE = Path(__file__).parent / "data" / "analysis" / "aeb_foxnews-com_eb62ac8425.txt"
# Words whose lemma comes from a suffix rule checked against the index (and one that is no word).
INFLECTED = "The senators' aides were buying houses, fixing buses and ranking the wolves' slowest flies by qwertyzing."


def test_the_loaded_lemmatizer_index_answers_from_sets() -> None:
    table = nlp.load(None).get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert len(table) > 0
    assert all(isinstance(words, nlp.WordList) for words in table.values())
    nouns = table.get("noun")
    assert "house" in nouns and "housez" not in nouns
    words = nlp.WordList(["house", "bus"])
    list.append(words, "wolf")  # in the list only: a scan of the list finds it, the set does not
    assert "wolf" not in words and "bus" in words


def test_the_pipeline_with_word_lists_is_saved_and_loaded_as_before(tmp_path: Path) -> None:
    pipeline = nlp.load(None)
    pipeline.get_pipe("lemmatizer").to_disk(tmp_path / "lemmatizer")
    saved = spacy.load(nlp.model_name(None)).get_pipe("lemmatizer")
    saved.from_disk(tmp_path / "lemmatizer")
    ours = pipeline.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert dict(saved.lookups.get_table("lemma_index").items()) == dict(ours.items())
    words = pickle.loads(pickle.dumps(ours.get("verb")))
    assert isinstance(words, nlp.WordList) and words == ours.get("verb") and "say" in words


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


def test_a_pipeline_whose_index_holds_other_than_words_is_analysed_as_spacy_runs_it(tmp_path: Path) -> None:
    """A third-party pipeline's tables hold what they hold: spaCy lemmatises with a noun index
    holding a list (which no set can hold) among its words, so ``analyze --model DIR`` must too,
    with that index left as it is and the same analysis as the model it came from."""
    pipeline = spacy.load(nlp.model_name(None))
    table = pipeline.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    table["noun"] = [*table["noun"], ["not", "a", "word"]]
    pipeline.to_disk(tmp_path / "model")
    article = tmp_path / "article.txt"
    article.write_text(INFLECTED + ' "We will see," the senator said.\n', encoding="utf-8")

    def analysis(*model: str) -> dict:
        result = CliRunner().invoke(cli, ["analyze", str(article), "--json", *model], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    assert analysis("--model", str(tmp_path / "model")) == analysis()
    index = nlp.load(str(tmp_path / "model")).get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert type(index.get("noun")) is list and isinstance(index.get("verb"), nlp.WordList)
