"""Dates resolved against the publication date, never against "now".

A date without a year has several candidates; which one is meant depends on the clause:

- A weekday alone ("on Tuesday"): the publication's own weekday is the publication day itself,
  unless the text says "last Tuesday" (the week before) or "next Tuesday" (the week after).
  Another weekday is the one before publication in a past-tense clause, the one after in a
  future clause ("will meet on Friday", "is expected to vote Monday"), the nearest one (at most
  three days away) in a present-tense clause ("votes Saturday", "says Monday"), and the one before
  when there is no verb to tell: news mostly reports what happened in the days before it ran
  ("Tuesday's attack").
- A month alone ("in early January"), or a month and a day ("Nov. 5"): the latest one not after
  publication in a past clause ("began in January"), the earliest one not before it in a future
  clause ("will begin in early January"), and otherwise — present tense or no clue — the nearest
  one, a tie (six months either way) going to the past. "last January" is strictly before the
  publication month, "next January" strictly after, "this January" the one of its year.
  A weekday given with the day ("Tuesday, Oct. 1") picks the year in which the two agree, and
  when that contradicts the tense the nearest such date wins.
- Anything else (a year, "yesterday", "10/1/2024") is left to dateparser.

The tense comes from :func:`clause_tense` over the spaCy parse (the caller passes it in), so this
module needs no NLP of its own. dateparser is slow to import and to call, so it is imported on
first use and every (text, published, tense) is resolved once per process.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Token

Tense = Literal["past", "present", "future"]

_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
_ABSOLUTE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}")
_FIXED_BASE = datetime(2000, 1, 1)

_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_REL = r"(?:(?P<rel>last|next|this|coming)\s+)?"
_WEEKDAY = r"(?P<wd>mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_MONTH_NAMES = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?"
)
_MONTH = r"(?P<mon>" + _MONTH_NAMES + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
WEEKDAY_ONLY = re.compile(r"\s*" + _REL + _WEEKDAY + r"\s*", re.IGNORECASE)
MONTH_DAY = re.compile(
    r"\s*" + _REL + r"(?:" + _WEEKDAY + r",?\s+)?(?:(?:early|mid|late)[- ]?\s*)?"
    r"(?:" + _MONTH + r"(?:\s+" + _DAY + r")?"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon2>" + _MONTH_NAMES + r")\.?)\s*",
    re.IGNORECASE,
)

# What tells a clause's time: auxiliaries, and heads of "to" clauses ("is expected to vote").
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo"})
_MODAL_AUX = frozenset({"may", "might", "could", "should", "must", "can", "ca"})
_FUTURE_HEADS = frozenset({"expect", "schedule", "set", "plan", "due", "intend", "aim", "prepare", "hope", "poise"})
_FUTURE_WORDS = frozenset({"upcoming", "coming", "next", "forthcoming", "future", "due"})
_PAST_WORDS = frozenset({"previous", "past", "last", "former", "earlier"})
_PAST_MARKS = frozenset({"high", "low", "peak", "trough"})  # a level already reached


@lru_cache(maxsize=256)
def parse_published(published: str | None) -> datetime | None:
    """The publication date as a datetime (any format dateparser understands), or None."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip()[:10])
    except ValueError:
        pass
    import dateparser

    return dateparser.parse(published, settings={"RELATIVE_BASE": _FIXED_BASE, "PREFER_DAY_OF_MONTH": "first"})


def anchored(resolved: str, anchor: str | None, published: str | None) -> str:
    """A day resolved against publication, moved into the story's own year when the story last gave
    a full date of an earlier year and the day follows it within four months: "on December 16,
    2010 … She returned on December 27" is 2010-12-27 in a story published in 2012."""
    pub = parse_published(published)
    if anchor is None or pub is None or len(resolved) != 10 or len(anchor) != 10:
        return resolved
    then = date.fromisoformat(anchor)
    if then.year >= pub.year or (candidate := _same_day_in(then.year, resolved)) is None:
        return resolved
    return candidate.isoformat() if then <= candidate <= then + timedelta(days=120) else resolved


def ahead(resolved: str, year: int | None, published: str | None) -> str:
    """A day resolved to before publication, moved into a later year the story has named, when the
    clause says nothing of the past and the day is more than three months back: "a 2020 North American
    tour … kicks off June 9th" is 2020-06-09, and so are the dates of its list. The caller passes no
    past-tense dates."""
    pub = parse_published(published)
    if year is None or pub is None or len(resolved) != 10 or year <= pub.year:
        return resolved
    if (candidate := _same_day_in(year, resolved)) is None:
        return resolved
    was = date.fromisoformat(resolved)
    if was > pub.date() - timedelta(days=90):
        return resolved  # a few weeks back is the recent past the story tells of
    return candidate.isoformat() if pub.date() < candidate else resolved


def _same_day_in(year: int, resolved: str) -> date | None:
    """The month and day of ``resolved`` (``YYYY-MM-DD``) in ``year``; None for 29 February of a
    year without one."""
    try:
        return date(year, int(resolved[5:7]), int(resolved[8:10]))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def resolve_date(text: str, published: str | None, tense: Tense | None = None) -> str | None:
    """ISO ``YYYY-MM-DD`` for a date expression (``YYYY-MM`` or ``YYYY`` when it names only a month
    or a year), or None when it cannot be pinned down.

    ``text`` may start with "last", "next", "this" or "coming"; ``tense`` is the tense of the
    clause the date belongs to (see the module docstring for how each picks the candidate).
    Without a publication date only expressions that carry their own year are resolved.
    """
    base = parse_published(published)
    if base is None and not (_YEAR.search(text) or _ABSOLUTE.search(text)):
        return None
    try:
        return _resolve(text, base, tense)
    except OverflowError:  # a day before 1 January of year 1 or after 31 December 9999
        return None


def _resolve(text: str, base: datetime | None, tense: Tense | None) -> str | None:
    if base is not None and not _YEAR.search(text):
        m = WEEKDAY_ONLY.fullmatch(text)
        if m:
            return _weekday(base.date(), _WEEKDAYS[m.group("wd")[:3].lower()], _rel(m), tense).isoformat()
        m = MONTH_DAY.fullmatch(text)
        if m:
            found = _month_day(base.date(), m, tense)
            if found is None:
                return None
            has_day = bool(m.group("day") or m.group("day2"))
            return found.isoformat() if has_day else found.strftime("%Y-%m")  # a month alone: "2019-10"
    try:
        data = _parser(base or _FIXED_BASE).get_date_data(text.replace(".", ""))
    except Exception:  # dateparser raises a variety of errors on odd input
        return None
    parsed = data.date_obj
    if parsed is None:
        return None
    # a month or a year names no day: say as much as the text does ("2020-09", not "2020-09-01")
    if data.period == "month":
        return parsed.strftime("%Y-%m")
    if data.period == "year":
        return parsed.strftime("%Y")
    return parsed.date().isoformat()


def _rel(m: re.Match) -> str | None:
    rel = m.group("rel")
    return rel.lower() if rel else None


def _weekday(pub: date, wd: int, rel: str | None, tense: Tense | None) -> date:
    """The weekday ``wd`` (Monday 0) meant by a text published on ``pub``."""
    ahead = (wd - pub.weekday()) % 7  # 0..6 days to the next one, counting the publication day
    after = pub + timedelta(days=ahead)
    before = pub - timedelta(days=(7 - ahead) % 7)
    if rel == "last":
        return before if ahead else pub - timedelta(days=7)
    if rel == "next":
        return after if ahead else pub + timedelta(days=7)
    if ahead == 0:
        return pub
    if tense == "future" or (rel == "coming" and tense != "past"):
        return after
    if tense == "present" or (rel == "this" and tense != "past"):
        return after if ahead <= 3 else before
    return before


def _month_day(pub: date, m: re.Match, tense: Tense | None) -> date | None:
    """The month (its first day) or month and day of ``m`` meant by a text published on ``pub``."""
    month = _MONTHS[(m.group("mon") or m.group("mon2"))[:3].lower()]
    day_text = m.group("day") or m.group("day2")
    day = int(day_text) if day_text else None
    candidates: list[date] = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(date(year, month, day or 1))
        except ValueError:  # Feb. 30, or Feb. 29 outside a leap year
            continue
    if not candidates:
        return None
    if m.group("wd"):
        wd = _WEEKDAYS[m.group("wd")[:3].lower()]
        agreeing = [c for c in candidates if c.weekday() == wd]
        if agreeing and day is not None:
            candidates = agreeing
    anchor = pub if day is not None else pub.replace(day=1)  # a month alone compares by month
    rel = _rel(m)
    if rel == "this":
        same = [c for c in candidates if c.year == pub.year]
        if same:
            return same[0]
    picked: list[date] = []
    if rel == "last":
        picked = [c for c in candidates if c < anchor][-1:]
    elif rel in ("next", "coming") and day is None:
        picked = [c for c in candidates if c > anchor][:1]
    elif tense == "past":
        picked = [c for c in candidates if c <= anchor][-1:]
    elif tense == "future" or rel in ("next", "coming"):
        picked = [c for c in candidates if c >= anchor][:1]
    if picked:
        return picked[0]
    # present tense, no clue, or a weekday that contradicts the tense ("will", "Tuesday, Oct. 1"
    # long gone): the nearest; a tie goes to the earlier one (min keeps the first)
    if day is None:
        return min(candidates, key=lambda c: abs((c.year - pub.year) * 12 + c.month - pub.month))
    return min(candidates, key=lambda c: abs((c - anchor).days))


def clause_tense(tok: Token) -> Tense | None:
    """The tense of the clause a date token belongs to, from the dependency parse.

    Climbs from the date to the verb it hangs on (through prepositions and nouns: "will return for
    a session in January" is future). "will"/"shall" and the modals "may", "could" … are future;
    "would" tells nothing (reported speech looks forward from a past point); "is expected to",
    "plans to", "is going to" are future; a past-tense verb or auxiliary, or "has"/"had" with a
    participle, is past, and so is a bare participle describing a noun ("the budget approved in
    April"); a present-tense verb or auxiliary is present. A possessive date
    ("Tuesday's attack") takes no tense from the verb. None when nothing tells.
    """
    if tok.dep_ == "poss":
        return None
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        for child in t.children:
            if child.dep_ == "amod" and child.lower_ in _FUTURE_WORDS:
                return "future"
            if child.dep_ == "amod" and child.lower_ in _PAST_WORDS:
                return "past"
        if t.lemma_ in _FUTURE_HEADS and t.pos_ == "ADJ":
            return "future"  # "due in January"
        if t.lemma_ in _PAST_MARKS and t.pos_ == "NOUN":
            return "past"  # "down from the March high": a high is one already reached
        t = t.head
    if t.pos_ not in ("VERB", "AUX"):
        return None
    return _verb_tense(t)


def _verb_tense(v: Token, depth: int = 0) -> Tense | None:
    """The tense of verb ``v`` by its auxiliaries, its tag and, for "to" clauses, its head."""
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    lows = {a.lower_ for a in auxes}
    if lows & _FUTURE_AUX:
        return "future"
    if "would" in lows:
        return None
    if lows & _MODAL_AUX:
        return "future"
    if v.tag_ == "VBN" and v.lemma_ in _FUTURE_HEADS and not auxes:
        return "future"  # "the vote, scheduled for January"
    head = v.head
    if v.dep_ == "xcomp" and head.i != v.i and depth < 3:
        if head.lemma_ in _FUTURE_HEADS or (head.lemma_ == "go" and head.tag_ == "VBG"):
            return "future"
        if v.tag_ == "VB":
            return _verb_tense(head, depth + 1)
    if any(a.tag_ == "VBD" for a in auxes) or v.tag_ == "VBD":
        return "past"
    if v.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if v.tag_ == "VBN" and v.dep_ == "acl" and not auxes:
        return "past"  # "the state budget approved by Republicans in April": a thing already done
    if v.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if v.dep_ == "conj" and head.i != v.i and depth < 3:
        return _verb_tense(head, depth + 1)
    if v.tag_ == "VBG" and not auxes and depth < 3:
        up = head
        while up.pos_ == "ADP" and up.head.i != up.i:
            up = up.head  # "pleaded guilty to threatening … in March": the verb the gerund hangs on
        if up.i != v.i and up.pos_ in ("VERB", "AUX"):
            return _verb_tense(up, depth + 1)
    return None


@lru_cache(maxsize=64)
def _parser(base: datetime):
    """One English DateDataParser per publication date (building one is the slow part)."""
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["en"], settings=settings)
