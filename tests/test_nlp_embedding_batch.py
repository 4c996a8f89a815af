"""The ``tok2vec`` component embeds a few documents at a time (``nlp.EMBEDDING_BATCH``) inside the
larger batch the rest of the pipeline sees, and the analysis is the same as with the whole batch
embedded at once. Real model, real corpus articles."""

from __future__ import annotations

import pytest
from newsread.core import nlp
from newsread.core.analysis import analyze_many
from support.articles import first_articles

ARTICLES = 10


def test_the_model_has_a_tok2vec_that_gets_its_own_batch() -> None:
    pipeline = nlp.load(None)
    assert nlp.component_batches(pipeline) == {"tok2vec": {"batch_size": nlp.EMBEDDING_BATCH}}


def test_tok2vec_embeds_at_most_the_embedding_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = nlp.load(None)
    tok2vec = pipeline.get_pipe("tok2vec")
    tagger = pipeline.get_pipe("tagger")
    seen: dict[str, list[int]] = {"tok2vec": [], "tagger": []}
    for name, component in (("tok2vec", tok2vec), ("tagger", tagger)):
        predict = component.predict

        def counting(docs, predict=predict, name=name):  # type: ignore[no-untyped-def]
            seen[name].append(len(docs))
            return predict(docs)

        monkeypatch.setattr(component, "predict", counting)
    list(analyze_many(first_articles(ARTICLES), batch_size=8))
    assert max(seen["tok2vec"]) == nlp.EMBEDDING_BATCH < 8
    assert max(seen["tagger"]) == 8  # the rest of the pipeline still sees the whole batch
    assert sum(seen["tok2vec"]) == sum(seen["tagger"]) == ARTICLES


def test_the_analysis_is_the_same_as_with_the_whole_batch_embedded(monkeypatch: pytest.MonkeyPatch) -> None:
    items = first_articles(ARTICLES)
    in_pieces = [a.to_dict() for a in analyze_many(items, batch_size=8)]
    monkeypatch.setattr(nlp, "component_batches", lambda pipeline: {})
    whole = [a.to_dict() for a in analyze_many(items, batch_size=8)]
    assert in_pieces == whole
