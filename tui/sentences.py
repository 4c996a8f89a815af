"""The reader's guess at sentences, for analyses that did not keep the analyser's.

Plain ``re`` only (no Textual, no Rich): the reader's model (``tui/reader/model.py``) falls back on
it, and the import-hygiene test keeps that model free of both. ``Analysis.sentences``, when stored,
are the parser's and are used instead.
"""

from __future__ import annotations

import re

from newsread.core.spans import strip_span

_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z])")
_ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "prof", "jr", "sr", "vs"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("u.s", "u.n", "u.k", "e.g", "i.e", "no"),
    }
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets: paragraph lines split after . ! ? … before a capital.

    A heuristic good enough for a reading cursor (the TUI never loads spaCy); common abbreviations
    (``Mr.``, ``U.S.``, ``Oct.``) and initials do not end a sentence.
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        base = para.start()
        chunk = para.group()
        pos = 0
        for m in _SENTENCE_BREAK.finditer(chunk):
            before = chunk[: m.start()].rstrip(".!?…")
            words = before.split()
            last = words[-1].lower() if words else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            gap = m.group()
            end = m.start() + len(gap) - len(gap.lstrip('"”’)]'))
            spans.append((base + pos, base + end))
            pos = m.end()
        spans.append((base + pos, base + len(chunk)))
    out = []
    for span in spans:
        start, end = strip_span(text, *span)
        if end > start:
            out.append((start, end))
    return out
