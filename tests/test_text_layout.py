"""The Textual-free text layout the reader draws with (tui/text_layout.py) and the span trimmer it shares
with the analysis (core/spans.py)."""

from __future__ import annotations

import pytest
from newsread.core.analysis.quotemarks import QuoteSpan
from newsread.core.spans import strip_span
from newsread.tui.text_layout import Layer, entity_group, sentence_spans, word_spans, wrap_lines


@pytest.mark.parametrize(
    ("text", "lead", "trail", "expected"),
    [
        ("  two words \n", "", None, "two words"),
        ("“ quoted, ”", "“”", None, "quoted,"),
        ("``TeX``", "`", "", "TeX``"),
        ("   ", "", None, ""),
        ("“”", "“”", None, ""),
    ],
)
def test_strip_span_trims_whitespace_and_the_given_characters(
    text: str, lead: str, trail: str | None, expected: str
) -> None:
    start, end = strip_span(text, 0, len(text), lead, trail)
    assert text[start:end] == expected
    assert 0 <= start <= end <= len(text)


def test_a_quotes_inner_span_is_its_words_without_marks() -> None:
    text = "He said: “ ‘Not yet,’ she wrote ” today. ``TeX''"
    quote = QuoteSpan(text.index("“"), text.index("”") + 1, 0)
    s, e = quote.inner(text)
    assert text[s:e] == "Not yet,’ she wrote"  # the inner quote's opening mark goes with the outer's
    tex = QuoteSpan(text.index("``"), len(text), 0)
    s, e = tex.inner(text)
    assert text[s:e] == "TeX"


def test_layers_keep_spans_sorted_and_apart_and_find_the_span_at_an_offset() -> None:
    layer = Layer.build([(10, 20, "b"), (0, 5, "a"), (15, 30, "c"), (40, 40, "empty")])
    assert list(zip(layer.starts, layer.ends, layer.keys, strict=True)) == [(0, 5, "a"), (10, 20, "b"), (20, 30, "c")]
    assert (layer.at(4), layer.at(5), layer.at(20), layer.at(35)) == (0, None, 2, None)
    assert list(layer.overlapping(4, 11)) == [(0, 5, "a"), (10, 20, "b")]


def test_words_sentences_and_wrapped_lines_are_offsets_into_the_text() -> None:
    text = "Mr. Smith said yes.  Then he left.\n\nA new paragraph here."
    assert [text[s:e] for s, e in word_spans(text, 20)][:3] == ["Then", "he", "left."]
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Mr. Smith said yes.",
        "Then he left.",
        "A new paragraph here.",
    ]
    lines = wrap_lines(text, 0, 12)
    assert [text[s:e] for s, e in lines] == [
        "Mr. Smith",
        "said yes.",
        "Then he",
        "left.",
        "",
        "A new",
        "paragraph",
        "here.",
    ]
    assert (entity_group("GPE"), entity_group("LAW")) == ("place", "other")
