"""The dates an article gives, as figures of kind ``date``: the DATE entities that name a day, a
month or a year, resolved by :mod:`dates` against the publication date with the tense of their
clause and a "last"/"next"/"this"/"coming" just before them (which stays out of the span).

What the text around a date says moves it: a day after a full date of an earlier year is in that
year ("December 16, 2010 … December 27"), a day long past in a clause that is not past is in a
later year the story names ("a 2020 tour … kicks off June 9th"), days without a year follow one
another in a sentence or a list of dates, and "today" in a quotation (the day it was said) or
opening a sentence about how things are ("Today, plague infections are rare") is no day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import Figure
from .dates import Tense, ahead, anchored, clause_tense, resolve_date
from .entities import EntityIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

STORY_YEAR_RE = re.compile(r"(?<![\w.,$-])((?:19|20)\d\d)(?![\w%]|[.,]\d)")
YEAR_IN_RE = re.compile(r"\b\d{4}\b")
# a date that names its month ("December 27", "27 December"), not a weekday or "today"
MONTH_START_RE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]", re.IGNORECASE
)
NAMED_DAY_RE = re.compile(r"\b(?:black|cyber|good|ash|super|giving)\s+$", re.IGNORECASE)
SPEECH_DAYS = frozenset({"today", "yesterday", "tomorrow"})
DATE_HINT = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\byesterday\b|\btoday\b|\btomorrow\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
DATE_PART = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?!\d)(?:,?\s+\d{4})?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:,?\s+\d{4})?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tomorrow",
    re.IGNORECASE,
)
# "last Tuesday", "next January"; not "the last Tuesday of the month"
DATE_REL = re.compile(r"(?<!\bthe )\b(last|next|this|coming)\s+$", re.IGNORECASE)


class DateFigures:
    def __init__(
        self, doc: Doc, text: str, ents: EntityIndex, published: str | None, token_at: Callable[[int], Token]
    ) -> None:
        self.doc, self.text, self.ents, self.published, self._token_at = doc, text, ents, published, token_at

    def find(self) -> list[Figure]:
        """Every date the entities hold that resolves, in the order of the text."""
        out: list[Figure] = []
        anchor: tuple[int, str] | None = None  # (where, day) of the last full date with its year
        for m in self.ents.mentions:
            if m.label != "DATE" or not DATE_HINT.search(m.text):
                continue
            part = DATE_PART.search(m.text)
            if part is None:
                continue
            s = m.start + part.start()
            e = m.start + part.end()
            if NAMED_DAY_RE.search(self.text, max(0, s - 8), s):
                continue  # "Black Friday pricing": a sales day's name, not the Friday before publication
            if part.group().lower() in SPEECH_DAYS and self._quoted(s):
                continue  # "we needed to win this game today," in a quote: the day it was said, not known
            rel = DATE_REL.search(self.text, max(0, s - 12), s)
            expr = f"{rel.group(1)} {part.group()}" if rel else part.group()
            tense = self._tense_at(s, e)
            nowadays = part.group().lower() == "today" and self.text.startswith(",", e)  # "Today, …" not "Today only"
            if nowadays and tense == "present" and self._opens_sentence(s):
                continue  # "Today, plague infections are rare": nowadays, not a day
            date = resolve_date(expr, self.published, tense)
            if date is None:
                continue
            if YEAR_IN_RE.search(part.group()):
                anchor = (s, date)
            elif MONTH_START_RE.match(part.group()):
                if anchor is not None and s - anchor[0] < 3000:
                    date = anchored(date, anchor[1], self.published)  # "December 16, 2010 … December 27"
                if tense != "past" and rel is None:
                    date = ahead(date, self._latest_year_before(s), self.published)  # "a 2020 tour … June 9th"
            if out and MONTH_START_RE.match(part.group()) and not YEAR_IN_RE.search(part.group()):
                date = self._in_sequence(out[-1], s, date)  # "kicks off June 9th … concludes October 10th"
            out.append(Figure(s, e, self.text[s:e], None, None, None, None, "date", date))
        return out

    def _in_sequence(self, before: Figure, s: int, date: str) -> str:
        """A day that follows another day in its sentence, or in the line before in a list of dates,
        is not before it: a day that would be is in the next year ("June 9 – …" down to "October 10
        – …" in a tour's dates)."""
        if before.date is None or len(before.date) != 10 or len(date) != 10 or date >= before.date:
            return date
        if YEAR_IN_RE.search(before.text) or not MONTH_START_RE.match(before.text):
            return date  # only days written without their year follow one another
        same_sentence = self._token_at(before.start).sent.start == self._token_at(s).sent.start
        line_start = self.text.rfind("\n", 0, s) + 1
        prev_line_start = self.text.rfind("\n", 0, max(0, line_start - 1)) + 1
        listed = self.text[line_start:s].strip() == "" and prev_line_start <= before.start < line_start
        later = f"{int(date[:4]) + 1}{date[4:]}"
        within_a_year = before.date <= later <= f"{int(before.date[:4]) + 1}{before.date[4:]}"
        return later if (same_sentence or listed) and within_a_year else date

    def _opens_sentence(self, pos: int) -> bool:
        tok = self._token_at(pos)
        return tok.i == tok.sent.start or all(t.is_punct or t.is_space for t in self.doc[tok.sent.start : tok.i])

    def _latest_year_before(self, pos: int) -> int | None:
        """The latest year the text names in the 4,000 characters before ``pos``."""
        years = [int(y) for y in STORY_YEAR_RE.findall(self.text, max(0, pos - 4000), pos)]
        return max(years) if years else None

    def _quoted(self, pos: int) -> bool:
        """Whether ``pos`` is inside a quotation of its paragraph: more opening than closing curly
        marks before it, or an odd number of straight ones."""
        before = self.text[self.text.rfind("\n", 0, pos) + 1 : pos]
        return before.count("“") > before.count("”") or before.count('"') % 2 == 1

    def _tense_at(self, s: int, e: int) -> Tense | None:
        """The tense of the clause of the date at ``s``..``e`` (its root token's, by :func:`clause_tense`)."""
        if not len(self.doc):
            return None
        tok = self._token_at(s)
        while tok.head.i != tok.i and s <= tok.head.idx < e:
            tok = tok.head
        return clause_tense(tok)
