"""Character spans of a text as (start, end) offsets: the helpers the analysis and the reader share.

Offsets always index the original text, so a span trimmed here still points at the stored analysis.
"""

from __future__ import annotations


def strip_span(text: str, start: int, end: int, lead: str = "", trail: str | None = None) -> tuple[int, int]:
    """``text[start:end]`` without the whitespace at its ends, nor the characters of ``lead`` at its
    start and of ``trail`` (``lead`` unless given) at its end: ``str.strip`` that returns offsets.

    An all-stripped span comes back empty at the point where the start stopped.
    """
    trail = lead if trail is None else trail
    while start < end and (text[start].isspace() or text[start] in lead):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in trail):
        end -= 1
    return start, end
