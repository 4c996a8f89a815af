"""The Textual-free text helpers the reader draws with: span trimming (shared with the analysis)."""

from __future__ import annotations

import pytest
from newsread.core.analysis.quotemarks import QuoteSpan
from newsread.core.spans import strip_span


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
