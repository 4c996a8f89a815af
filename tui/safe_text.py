"""Text from articles and feeds made safe to draw on a terminal.

Titles, sites and article text come from the web: an escape sequence in them must show, not act.
"""

from __future__ import annotations

_CONTROL_MAP: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20)}
_CONTROL_MAP[0x09] = " "  # a tab is shown as one space so offsets stay one to one
_CONTROL_MAP[0x0A] = "\n"
_CONTROL_MAP[0x7F] = "\u2421"
_CONTROL_MAP.update({c: "\ufffd" for c in range(0x80, 0xA0)})
# Bidirectional overrides and isolates could reorder what the terminal shows.
_CONTROL_MAP.update({c: "\ufffd" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def neutralise(text: str) -> str:
    """Text safe to put on a terminal, with exactly one character for each character of ``text``.

    ESC and other C0/C1 controls become Unicode control pictures (``\\x1b`` shows as ``␛``), so an
    escape sequence in an article is visible and inert. Newlines are kept.
    """
    return text.translate(_CONTROL_MAP)


def one_line(text: str | None) -> str:
    """A neutralised single line (for titles and metadata)."""
    return neutralise(text or "").replace("\n", " ")
