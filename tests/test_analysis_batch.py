"""``analyze_each``: one article's analysis error costs only that article, whatever batch it was in.

The analysis is replaced by a stand-in with ``nlp.pipe``'s failure mode (a batch raises as a whole
when one of its texts does), so the retry rules run in milliseconds; the real model with a faulty
component runs through ``add`` and ``analyze`` in tests/test_hostile_ingest.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

import pytest
from newsread.core.analysis import ArticleInput, batch
from newsread.core.analysis.batch import analyze_each
from newsread.core.errors import NewsreadError
from newsread.core.model import Analysis
from newsread.core.nlp import ModelNotFound

BAD = "bad"


class StandIn:
    """``analyze_many`` as the stream sees it: pulls ``batch_size`` inputs at a time (all of them
    when ``jobs > 1``) and raises for a batch holding a text that contains ``BAD``."""

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error or OverflowError("cannot handle it")
        self.calls: list[list[str]] = []

    def __call__(
        self, items: Iterable[ArticleInput], *, model: str | None, jobs: int, batch_size: int
    ) -> Iterator[Analysis]:
        inputs = iter(items)
        size = 10**9 if jobs > 1 else batch_size
        self.calls.append([])
        while True:
            group = list(itertools.islice(inputs, size))
            if not group:
                return
            self.calls[-1].extend(it.text for it in group)
            if any(BAD in it.text for it in group):
                raise self.error
            for it in group:
                yield Analysis(text=it.text, title=it.title, path=it.path)


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> StandIn:
    fake = StandIn()
    monkeypatch.setattr(batch, "analyze_many", fake)
    return fake


def _input(name: str) -> ArticleInput:
    return ArticleInput(f"text of {name}", title=name.upper(), path=f"{name}.txt")


def _outcomes(names: Iterable[str], *, jobs: int = 1, batch_size: int = 4) -> list[tuple[str, str | None]]:
    return [
        (done.item, None if done.error is None else f"{type(done.error).__name__}: {done.error}")
        for done in analyze_each(names, _input, jobs=jobs, batch_size=batch_size)
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_article_comes_back_in_order_with_its_analysis_or_its_own_error(stand_in: StandIn, jobs: int) -> None:
    names = ["a", "bad1", "c", "d", "e", "bad2", "g", "h", "i"]
    outcomes = _outcomes(names, jobs=jobs)
    assert [name for name, _ in outcomes] == names
    assert {name: error for name, error in outcomes if error} == {
        "bad1": "OverflowError: cannot handle it",
        "bad2": "OverflowError: cannot handle it",
    }


def test_the_good_articles_of_a_failed_batch_are_analysed_from_their_own_input(stand_in: StandIn) -> None:
    results = list(analyze_each(["a", "bad", "c"], _input, batch_size=4))
    assert [(r.item, r.analysis.title if r.analysis else None) for r in results] == [
        ("a", "A"),
        ("bad", None),
        ("c", "C"),
    ]


def test_only_the_batch_in_flight_is_retried_and_the_stream_carries_on(stand_in: StandIn) -> None:
    _outcomes(["a", "b", "c", "d", "e", "bad", "g", "h", "i", "j"], batch_size=4)
    first = stand_in.calls[0]
    assert first[:8] == [f"text of {n}" for n in "abcde"] + ["text of bad", "text of g", "text of h"]
    retried = {text for call in stand_in.calls[1:-1] for text in call}
    assert retried == {"text of e", "text of bad", "text of g", "text of h"}  # the second batch only
    assert stand_in.calls[-1] == ["text of i", "text of j"]  # the stream resumes after it


def test_a_stream_is_pulled_lazily(stand_in: StandIn) -> None:
    pulled: list[str] = []

    def names() -> Iterator[str]:
        for name in ["a", "b", "c", "d", "e", "f"]:
            pulled.append(name)
            yield name

    results = analyze_each(names(), _input, batch_size=2)
    assert next(results).item == "a"
    assert pulled == ["a", "b"]


@pytest.mark.parametrize("error", [NewsreadError("the library broke"), ModelNotFound("no model"), MemoryError()])
def test_a_fatal_error_ends_the_run(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    monkeypatch.setattr(batch, "analyze_many", StandIn(error))
    with pytest.raises(type(error)):
        list(analyze_each(["a", "bad", "c"], _input))


def test_an_error_of_the_input_stream_is_raised_not_retried(stand_in: StandIn) -> None:
    def names() -> Iterator[str]:
        yield "a"
        raise ValueError("the loader broke")

    with pytest.raises(ValueError, match="the loader broke"):
        list(analyze_each(names(), _input))
    assert len(stand_in.calls) == 1


def test_an_error_before_any_article_is_pulled_is_the_model_s_and_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(items: Iterable[ArticleInput], **_: object) -> Iterator[Analysis]:
        raise RuntimeError("the pipeline is broken")
        yield  # a generator, as analyze_many is

    monkeypatch.setattr(batch, "analyze_many", broken)
    with pytest.raises(RuntimeError, match="the pipeline is broken"):
        list(analyze_each(["a", "b"], _input))


class StandInCluster:
    """``Cluster.analyze_many`` as the stream sees it, with the stand-in's failure mode."""

    def __init__(self) -> None:
        self.engine = StandIn()

    def analyze_many(self, items: Iterable[ArticleInput], *, model: str | None, batch_size: int) -> Iterator[Analysis]:
        return self.engine(items, model=model, jobs=1, batch_size=batch_size)


def test_on_a_cluster_every_batch_and_every_retry_is_analysed_there(stand_in: StandIn) -> None:
    """One place decides where the analysis runs: given a cluster, nothing is analysed in this
    process, and the articles of a failed batch are retried on the cluster too."""
    cluster = StandInCluster()
    names = ["a", "bad1", "c", "d", "e", "bad2", "g"]
    outcomes = [
        (done.item, done.analysis.title if done.analysis else type(done.error).__name__)
        for done in analyze_each(names, _input, batch_size=4, jobs=2, cluster=cluster)
    ]
    assert outcomes == [
        ("a", "A"),
        ("bad1", "OverflowError"),
        ("c", "C"),
        ("d", "D"),
        ("e", "E"),
        ("bad2", "OverflowError"),
        ("g", "G"),
    ]
    assert stand_in.calls == []
    assert len(cluster.engine.calls) > 2  # the first pass and the retries in halves
