"""A run in one process parses a small first batch (``analysis.FIRST_BATCH``) so its first analyses,
and the progress bar drawn by that process, come soon after the model is loaded; the analyses are
those of whole batches. Real model, real corpus articles."""

from __future__ import annotations

import pytest
from newsread.core import analysis, nlp
from newsread.core.analysis import analyze_many
from support.articles import first_articles

ARTICLES = 11


def _batches_seen(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    tagger = nlp.load(None).get_pipe("tagger")
    predict = tagger.predict
    seen: list[int] = []

    def counting(docs):  # type: ignore[no-untyped-def]
        seen.append(len(docs))
        return predict(docs)

    monkeypatch.setattr(tagger, "predict", counting)
    return seen


def test_the_first_batch_is_small_and_the_rest_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _batches_seen(monkeypatch)
    list(analyze_many(first_articles(ARTICLES), batch_size=4))
    assert seen == [analysis.FIRST_BATCH, 4, 4, 1]


def test_the_analyses_are_those_of_whole_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    items = first_articles(ARTICLES)
    small_first = [a.to_dict() for a in analyze_many(items, batch_size=4)]
    monkeypatch.setattr(analysis, "FIRST_BATCH", 4)
    seen = _batches_seen(monkeypatch)
    whole = [a.to_dict() for a in analyze_many(items, batch_size=4)]
    assert seen == [4, 4, 3]
    assert small_first == whole
