"""Invariants of the analysis on real corpus articles: offsets, ranges, names, no overlaps, determinism."""

from __future__ import annotations

import pytest
from newsread.core.analysis import analyze, analyze_many
from newsread.core.analysis.lexicon import PRONOUNS, TITLE_WORDS
from newsread.core.analysis.quotemarks import ALL_MARKS, paragraphs
from support.articles import DATA, article_input

ARTICLES = sorted(p.name for p in DATA.glob("*.txt"))


@pytest.fixture(scope="module")
def analyses() -> dict[str, dict]:
    items = [article_input(n) for n in ARTICLES]
    return {it.path: a.to_dict() for it, a in zip(items, analyze_many(items, batch_size=4), strict=True)}


@pytest.mark.parametrize("name", ARTICLES)
def test_invariants(name: str, analyses: dict[str, dict]) -> None:
    a = analyses[name]
    text = a["text"]
    n = len(text)
    for kind in ("entities", "quotes", "figures"):
        for item in a[kind]:
            assert 0 <= item["start"] < item["end"] <= n, item
            assert text[item["start"] : item["end"]] == item["text"], item
    paras = paragraphs(text)
    last_end = -1
    quoted = [q for q in a["quotes"] if q["kind"] != "indirect"]
    for q in quoted:
        assert q["start"] >= last_end, "quotes overlap"
        last_end = q["end"]
        touched = [(s, e) for s, e in paras if s < q["end"] and q["start"] < e]
        assert touched and touched[0][0] <= q["start"], "a quote starts outside a paragraph"
        # a quotation runs on across a paragraph break only where the next paragraph reopens it
        assert all(text[s] in ALL_MARKS for s, _ in touched[1:]), "a quote crosses its paragraph"
        assert q["kind"] in ("direct", "partial", "continuation")
        if q["statement_start"] is not None:
            assert q["kind"] == "partial"
            assert q["statement_start"] <= q["start"] < q["end"] <= q["statement_end"]
            assert _one_paragraph(paras, q["statement_start"], q["statement_end"])
    starts = [q["start"] for q in a["quotes"]]
    assert starts == sorted(starts), "quotes and reported statements in text order"
    for r in (q for q in a["quotes"] if q["kind"] == "indirect"):
        # reported speech: within one paragraph, credited, and clear of every quotation
        assert _one_paragraph(paras, r["start"], r["end"]), r
        assert r["speaker"], r
        assert not any(q["start"] < r["end"] and r["start"] < q["end"] for q in quoted), r
    names = {q["speaker"] for q in a["quotes"] if q["speaker"]}
    assert names == {s["name"] for s in a["speakers"]}
    for s in a["speakers"]:
        assert s["name"].strip()
        assert s["name"].lower() not in PRONOUNS or (len(s["name"]) > 2 and s["name"].isupper())  # WHO
        assert s["name"].lower() not in TITLE_WORDS
        assert s["quotes"] == sum(1 for q in quoted if q["speaker"] == s["name"])
        assert s["reported"] == sum(1 for q in a["quotes"] if q["kind"] == "indirect" and q["speaker"] == s["name"])
    for f in a["figures"]:
        assert (f["kind"] == "date") == (f["date"] is not None)
    assert a["sentences"], "the parser's sentences are kept"
    last_end = 0
    for start, end in a["sentences"]:
        assert last_end <= start < end <= n, "sentences in order, not overlapping"
        sentence = text[start:end]
        assert sentence == sentence.strip() and "\n" not in sentence
        last_end = end


def _one_paragraph(paras: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in paras)


def test_deterministic_and_same_as_single(analyses: dict[str, dict]) -> None:
    name = "aeb_foxnews-com_eb62ac8425.txt"
    it = article_input(name)
    once = analyze(it.text, title=it.title, published=it.published, path=it.path).to_dict()
    twice = analyze(it.text, title=it.title, published=it.published, path=it.path).to_dict()
    assert once == twice == analyses[name]


def test_jobs_preserve_order() -> None:
    items = [article_input(n) for n in ARTICLES[:4]]
    serial = [a.to_dict() for a in analyze_many(items)]
    parallel = [a.to_dict() for a in analyze_many(items, jobs=2)]
    assert parallel == serial
