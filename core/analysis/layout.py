"""Layouts that credit quoted words without a verb of saying.

Two conventions of print, found from the text alone (no NLP):

- a **dash credit** after a quotation: “We can build a wall around him.” ― Steve Quinlan, the
  way epigraphs, pull quotes and vox-pop lists name their speakers (:func:`dash_credit`);
- a **speaker label** opening a transcript's turn: "PENCE: Well, look, …" or "Q: …"
  (:func:`speaker_label`). Only labels in capitals count, and only a label that a transcript
  repeats or the article names otherwise is a speaker (:mod:`.quotes` decides that), so a
  "BREAKING:" or "UPDATE:" heading is never one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DASHES = "—―–"
# Closing marks that may stand between the quoted words and a dash credit.
_CLOSERS = "”’\"'»›"
_DASH_CREDIT = re.compile(rf"[{_CLOSERS}]?[ \t\u00a0]*[{DASHES}][ \t\u00a0]*(?=[A-Z])")
# A transcript label: one to three words in capitals, then a colon and the words of the turn.
_LABEL = re.compile(r"([A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,2}):[ \t\u00a0]+(?=\S)")
# Headings in capitals that are not speakers.
NOT_SPEAKERS = frozenset(
    {
        "BREAKING", "UPDATE", "UPDATED", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "CORRECTION", "WATCH",
        "READ", "READ MORE", "RELATED", "VIDEO", "PHOTOS", "LISTEN", "ALSO", "SEE ALSO", "WARNING",
        "EXCLUSIVE", "ANALYSIS", "OPINION", "LIVE", "FILE", "SOURCE", "SOURCES", "CREDIT",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Label:
    """A transcript turn's speaker label: its words and where the turn's own words start."""

    text: str
    words_start: int


def dash_credit(text: str, end: int, limit: int) -> int | None:
    """Where the name in “…” ― Name starts, for a quotation ending at ``end``; None if no credit.

    ``limit`` is the end of the quotation's paragraph: a credit never crosses it.
    """
    m = _DASH_CREDIT.match(text, end, limit)
    return m.end() if m else None


def speaker_label(text: str, start: int, limit: int) -> Label | None:
    """The label in capitals opening the words at ``start`` ("PENCE: Well, look, …"), if any."""
    m = _LABEL.match(text, start, limit)
    if m is None or m.group(1).rstrip(".") in NOT_SPEAKERS:
        return None
    return Label(m.group(1), m.end())


__all__ = ["DASHES", "NOT_SPEAKERS", "Label", "dash_credit", "speaker_label"]
