"""Hostile text given to the analysis (issue 11, items 2, 6 and 7), with the real model.

Numbers past the range of a float, runs of quote marks and symbols that spaCy's tokenizer strips one
at a time (quadratic: 16,000 ``"`` took 30 s), and texts over spaCy's 1,000,000 characters.
"""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import sys
import time
from pathlib import Path

import pytest
from newsread.core.analysis import ArticleInput, analyse_doc, analyze, analyze_many
from newsread.core.analysis.figures import number_value
from newsread.core.textio import split_title

DATA = Path(__file__).parent / "data" / "analysis"
NORMAL = DATA / "aeb_hosted-ap-org_82b6d780c7.txt"
PUBLISHED = "2024-10-24"

SAID = 'Mayor Jane Smith opened the bridge on Monday. "We will win," Smith said.'
SAID_LATER = '"It took ten years and 797 trucks," she said.'


def _assert_sound(analysis, text: str) -> None:
    """The analysis holds ``text`` itself, every item's offsets slice its own text out of it, and its
    JSON is standard (no Infinity or NaN)."""
    assert analysis.text == text
    for item in (*analysis.entities, *analysis.quotes, *analysis.figures):
        assert 0 <= item.start < item.end <= len(text), item
        assert text[item.start : item.end] == item.text, item
    json.dumps(analysis.to_dict(), allow_nan=False)


# -- item 2: numbers past the range of a float -----------------------------------------------------

HUGE_NUMBERS = [
    "The debt reached " + "9" * 400 + " dollars.",
    "The debt reached $" + "9" * 400 + " trillion.",
    "The debt reached " + "9" * 300 + " trillion dollars.",
    "Prices rose " + "9" * 400 + " percent.",
    "He served " + "9" * 400 + "-day sentences.",
    "About 1" + ",999" * 120 + " people came.",
    "It cost " + "9" * 5000 + ".5 dollars.",
]


@pytest.mark.parametrize("text", HUGE_NUMBERS, ids=lambda t: t[:24])
def test_a_number_past_float_range_is_no_figure(text: str) -> None:
    analysis = analyze(text, published=PUBLISHED)
    _assert_sound(analysis, text)
    assert all(f.value is None or math.isfinite(f.value) for f in analysis.figures)
    assert not [f for f in analysis.figures if "999" in f.text]


def test_number_value_past_float_range_is_none() -> None:
    assert number_value("9" * 400) is None
    assert number_value("9" * 300) == float("9" * 300)
    assert number_value("1,250") == 1250.0


def test_large_figures_stay_figures() -> None:
    text = "The debt reached 31 trillion dollars, and 12,000,000,000,000,000 dollars more."
    analysis = analyze(text, published=PUBLISHED)
    values = {f.text: f.value for f in analysis.figures}
    assert values["31 trillion dollars"] == 31e12
    assert values["12,000,000,000,000,000 dollars"] == 1.2e16


# -- item 6: hostile runs of punctuation ----------------------------------------------------------

RUNS = {
    "straight": '"' * 6000,
    "curly": "“”" * 3000,
    "mixed": ("“”\"'‘’«»" * 800)[:6000],
    "equals": "=" * 6000,
    "possessive": "a" + "'s" * 3000,
    "emoji": "😀" * 6000,
    "stops": ".," * 3000,
    "spaced": '" ' * 3000,
    "lines": "*\n" * 3000,
}


@pytest.mark.parametrize("run", RUNS.values(), ids=RUNS.keys())
def test_guard_blanks_a_run_after_its_first_characters(run: str) -> None:
    from newsread.core.analysis.guard import RUN_KEEP, guard

    text = f"Before {run} after"
    guarded = guard(text)
    assert len(guarded) == len(text)
    assert guarded.startswith("Before ") and guarded.endswith(" after")
    changed = [i for i, (a, b) in enumerate(zip(text, guarded, strict=True)) if a != b]
    assert changed and {guarded[i] for i in changed} == {" "}
    assert not any(text[i].isspace() for i in changed)  # line breaks stay: paragraphs stay
    visible = [c for c in guarded[7 : 7 + len(run)] if not c.isspace()]
    assert visible == [c for c in text[7 : 7 + len(run)] if not c.isspace()][: len(visible)]
    assert len(visible) == RUN_KEEP + run[0].isalpha()  # the "a" before "'s's…" is no part of the run


def test_guard_searches_a_long_run_in_bounded_memory() -> None:
    """A 10,000,000-character run (half the 20 MB cap) is guarded without the regular expression's
    backtracking state (1.7 GB when its quantifiers were not possessive)."""
    code = (
        "import resource; from newsread.core.analysis.guard import guard; "
        "t = '\" ' * 5_000_000; g = guard(t); assert len(g) == len(t) and g.strip().count('\"') == 64; "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert int(done.stdout) < 500  # MB; the text and its guarded copy are 20 MB


def test_guard_leaves_prose_alone(seed_text: str) -> None:
    from newsread.core.analysis.guard import guard, pieces

    for text in [seed_text, *(p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt")))]:
        assert guard(text) is text
        assert pieces(text) == [(0, len(text))]
    divided = "Section one.\n\n* * *\n\n" + "-" * 40 + "\n\nSection two?!”)… “‘Yes.’”"
    assert guard(divided) is divided


@pytest.mark.parametrize("path", [Path(__file__).parent.parent / "seeds" / "000_635429398ea7a8c9.txt", NORMAL])
def test_analysis_of_a_normal_article_is_unchanged(path: Path) -> None:
    """``analyze`` (guard, pieces) gives exactly what the pipeline's own parse of the text gives."""
    from newsread.core import nlp as nlp_mod

    title, body = split_title(path.read_text(encoding="utf-8"))
    nlp = nlp_mod.load()
    item = ArticleInput(body, title=title, published=PUBLISHED, path=path.name)
    direct = analyse_doc(nlp(body), item, model=nlp_mod.describe(nlp)).to_dict()
    assert analyze(body, title=title, published=PUBLISHED, path=path.name).to_dict() == direct
    assert next(analyze_many([item])).to_dict() == direct


def test_twenty_thousand_quote_marks_no_longer_hang() -> None:
    """It took 30+ s (quadratic in the tokenizer); a generous bound shows the hang is gone."""
    text = '"' * 20_000
    t0 = time.perf_counter()
    analysis = analyze(text, published=PUBLISHED)
    assert time.perf_counter() - t0 < 20
    _assert_sound(analysis, text)


@pytest.mark.parametrize("run", RUNS.values(), ids=RUNS.keys())
def test_quotes_around_a_hostile_run_are_found(run: str) -> None:
    text = f"{SAID}\n\n{run}\n\n{SAID}"
    analysis = analyze(text, published=PUBLISHED)
    _assert_sound(analysis, text)
    found = [(q.start, q.text, q.speaker) for q in analysis.quotes if q.text == '"We will win,"']
    first = SAID.index('"')
    assert found == [
        (first, '"We will win,"', "Jane Smith"),
        (len(text) - len(SAID) + first, '"We will win,"', "Jane Smith"),
    ]


# -- item 7: texts over spaCy's 1,000,000 characters ----------------------------------------------


def test_pieces_cover_the_text_and_end_at_paragraph_breaks() -> None:
    from newsread.core.analysis.guard import pieces

    paras = [f"Paragraph {i} says something about the bridge, {i * 7} times." for i in range(200)]
    text = "\n\n".join(paras)
    cut = pieces(text, 1000)
    assert cut[0][0] == 0 and cut[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(cut))
    assert all(0 < e - s <= 1000 for s, e in cut)
    assert all(text[e - 2 : e] == "\n\n" and text[e].startswith("P") for _, e in cut[:-1])


def test_pieces_of_text_without_paragraphs() -> None:
    from newsread.core.analysis.guard import pieces

    words = "word " * 1000
    assert all(words[e - 1] == " " and e - s <= 1000 for s, e in pieces(words, 1000))
    blob = "x" * 2500
    assert pieces(blob, 1000) == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_dense_text_is_cut_by_tokens() -> None:
    """100,000 characters of one-character tokens are cut into pieces of prose's token count, so
    the parse of one piece needs no more memory than prose's."""
    from newsread.core.analysis.guard import PIECE_TOKENS, tokenized
    from newsread.core.nlp import load

    text = "a," * 50_000
    docs = list(tokenized(load().make_doc, text))
    assert "".join(d.text for d in docs) == text
    assert len(docs) > 1 and all(len(d) <= PIECE_TOKENS for d in docs)
    prose = "Word after word, a sentence. " * 3000
    assert len(list(tokenized(load().make_doc, prose))) == 1


def test_batches_hold_a_bounded_total() -> None:
    from newsread.core.analysis.guard import batches

    sizes = [50, 50, 120, 10, 10, 10, 300]
    out = list(batches(sizes, 3, 150, lambda n: n))
    assert out == [[50, 50], [120, 10, 10], [10], [300]]


def test_the_first_batch_holds_at_most_first() -> None:
    from newsread.core.analysis.guard import batches

    sizes = [10] * 9
    assert [len(b) for b in batches(sizes, 4, 1000, lambda n: n, first=2)] == [2, 4, 3]
    assert [len(b) for b in batches(sizes, 4, 1000, lambda n: n, first=9)] == [4, 4, 1]
    assert list(batches([10, 200, 10], 4, 150, lambda n: n, first=2)) == [
        [10],
        [200],
        [10],
    ]  # the total still bounds it


def test_over_a_million_characters_is_analysed() -> None:
    """spaCy refuses a text over 1,000,000 characters (E088); the analysis parses it in pieces."""
    text = SAID + "\n" * 1_050_000 + SAID_LATER
    analysis = analyze(text, published=PUBLISHED)
    _assert_sound(analysis, text)
    assert [(q.start, q.speaker) for q in analysis.quotes] == [
        (SAID.index('"'), "Jane Smith"),
        (len(text) - len(SAID_LATER), None),  # a million characters later "she" is nobody in particular
    ]
    assert [(f.start, f.value) for f in analysis.figures if f.value == 797] == [
        (len(text) - len(SAID_LATER) + SAID_LATER.index("797"), 797)
    ]
    items = [ArticleInput(SAID, published=PUBLISHED), ArticleInput(text, published=PUBLISHED)]
    many = list(analyze_many(items))
    assert [a.text for a in many] == [SAID, text]
    assert many[1].to_dict() == analysis.to_dict()


def test_pieces_keep_attribution_across_cuts(seed_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed cut into three pieces is analysed exactly as in one: the parses are joined into one
    ``Doc``, so speakers and pronouns resolve across the cuts."""
    from newsread.core.analysis import guard

    title, body = split_title(seed_text)
    whole = analyze(body, title=title, published=PUBLISHED).to_dict()
    monkeypatch.setattr(guard, "PIECE_CHARS", 3000)
    assert len(guard.pieces(body)) == 3
    assert analyze(body, title=title, published=PUBLISHED).to_dict() == whole

    monkeypatch.setattr(guard, "PIECE_CHARS", 1000)
    text = SAID + "\n\n" + "The bridge spans the river and carries four lanes of traffic.\n\n" * 40 + SAID_LATER
    assert len(guard.pieces(text)) == 3
    analysis = analyze(text, published=PUBLISHED)
    _assert_sound(analysis, text)
    assert [q.speaker for q in analysis.quotes] == ["Jane Smith", "Jane Smith"]
