"""W3C-style selectors for a passage of an article's text.

A note points at its passage twice over, as the W3C Web Annotation model does:

* a ``TextPositionSelector`` — character offsets ``start``/``end`` into the article's stored text;
* a ``TextQuoteSelector`` — the ``exact`` passage with up to ``CONTEXT`` characters of ``prefix``
  and ``suffix`` around it.

The position is fast and exact while the text is unchanged; the quote is what lets
``anchoring.anchor`` find the passage again after the text changes. Everything here is pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CONTEXT = 32  # characters of prefix and suffix kept with every quote (as Hypothesis does)


@dataclass(frozen=True, slots=True)
class TextQuote:
    """A ``TextQuoteSelector``: the passage and what surrounds it."""

    exact: str
    prefix: str = ""
    suffix: str = ""


def quote_at(text: str, start: int, end: int, *, context: int = CONTEXT) -> TextQuote:
    """The quote selector of ``text[start:end]``; the caller checks the range is valid."""
    return TextQuote(text[start:end], text[max(0, start - context) : start], text[end : end + context])


def valid_range(text: str, start: int, end: int) -> bool:
    """True when ``start``/``end`` select a non-empty, non-blank passage of ``text``."""
    return 0 <= start < end <= len(text) and bool(text[start:end].strip())


def w3c_selectors(
    start: int | None, end: int | None, exact: str, prefix: str | None, suffix: str | None
) -> list[dict[str, Any]]:
    """The selectors of a W3C Web Annotation ``target``: quote first, then position (if known)."""
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix or "", "suffix": suffix or ""}
    ]
    if start is not None and end is not None:
        selectors.append({"type": "TextPositionSelector", "start": start, "end": end})
    return selectors
