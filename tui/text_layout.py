"""Text layout without Textual: entity groups, words, span layers and word wrap.

Everything here works on character offsets into the article's text, the offsets the stored
analysis uses, so a wrapped line, a sentence or a highlight always points at the stored text.
``ArticleView`` draws with these; the side pane's lists wrap their prompts with ``wrap_lines``.
The sentence guess is ``tui.sentences`` (no Rich, for the reader's model), named here too.
No Textual import (tests/test_import_hygiene.py): these rules are plain pytest tests.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len

from .sentences import sentence_spans as sentence_spans

# -- entity groups --------------------------------------------------------------------------------

ENTITY_GROUPS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "DATE": "date",
    "TIME": "date",
    "MONEY": "number",
    "PERCENT": "number",
    "QUANTITY": "number",
    "CARDINAL": "number",
    "ORDINAL": "number",
}
GROUP_LABELS: dict[str, str] = {
    "person": "person",
    "org": "organisation",
    "place": "place",
    "group": "group",
    "date": "date",
    "number": "number",
    "other": "other",
}


def entity_group(label: str) -> str:
    """The highlight group of a spaCy entity label ("other" for labels not in ``ENTITY_GROUPS``)."""
    return ENTITY_GROUPS.get(label, "other")


# -- sentences and words --------------------------------------------------------------------------

_WORD = re.compile(r"\S+")


def word_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """The words (runs of non-space characters) of ``text[start:]`` as (start, end) offsets."""
    return [m.span() for m in _WORD.finditer(text, start)]


# -- span layers ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Layer:
    """Sorted, non-overlapping spans, each with a style key; looked up by bisection."""

    starts: list[int]
    ends: list[int]
    keys: list[str]

    @classmethod
    def build(cls, spans: Iterable[tuple[int, int, str]]) -> Layer:
        starts: list[int] = []
        ends: list[int] = []
        keys: list[str] = []
        last_end = -1
        for start, end, key in sorted(spans):
            start = max(start, last_end)
            if end <= start:
                continue
            starts.append(start)
            ends.append(end)
            keys.append(key)
            last_end = end
        return cls(starts, ends, keys)

    @classmethod
    def empty(cls) -> Layer:
        return cls([], [], [])

    def __len__(self) -> int:
        return len(self.starts)

    def overlapping(self, start: int, end: int) -> Iterable[tuple[int, int, str]]:
        i = bisect_right(self.ends, start)
        starts, ends, keys = self.starts, self.ends, self.keys
        while i < len(starts) and starts[i] < end:
            yield starts[i], ends[i], keys[i]
            i += 1

    def at(self, offset: int) -> int | None:
        """Index of the span holding ``offset``, if any."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.ends[i]:
            return i
        return None


# -- word wrap ------------------------------------------------------------------------------------


def wrap_lines(text: str, start: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:]`` into (start, end) offsets, one per screen line.

    Each newline ends a line; a blank source line is a blank screen line. Words longer than the
    width are cut at the width. Widths are terminal cells.
    """
    width = max(width, 8)
    lines: list[tuple[int, int]] = []
    pos = start
    length = len(text)
    while True:
        nl = text.find("\n", pos)
        para_end = length if nl == -1 else nl
        line_start = line_end = -1
        cells = 0
        for m in _WORD.finditer(text, pos, para_end):
            w_start, w_end = m.span()
            word = m.group()
            w_cells = len(word) if word.isascii() else cell_len(word)
            if line_start >= 0:
                gap = w_start - line_end
                if cells + gap + w_cells <= width:
                    cells += gap + w_cells
                    line_end = w_end
                    continue
                lines.append((line_start, line_end))
                line_start = -1
            while w_cells > width:
                cut, used = w_start, 0
                while cut < w_end and used + cell_len(text[cut]) <= width:
                    used += cell_len(text[cut])
                    cut += 1
                cut = max(cut, w_start + 1)
                lines.append((w_start, cut))
                w_start = cut
                w_cells = cell_len(text[w_start:w_end])
            if w_start < w_end:
                line_start, line_end, cells = w_start, w_end, w_cells
        if line_start >= 0:
            lines.append((line_start, line_end))
        elif pos == para_end or not text[pos:para_end].strip():
            lines.append((pos, pos))
        if nl == -1:
            break
        pos = nl + 1
    return lines
