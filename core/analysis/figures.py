"""Every number an article gives, with its kind, what it counts and how it is qualified.

Numbers are found with one regular expression over the text (digits, number words, "-and-a-half",
"half a million", mixed numbers "1-1/2", multipliers and "dozen", currency marks and "Rs",
hyphenated and fused units: "six-week", "15mm"), plus a few word patterns ("half of …", "by a
third", "a couple of …", "dozens of …", "6-foot-2", "daylong", "aged 12 to 17", bond ticks "7/32
in price") and the ordinals that rank a noun ("the third quarter", "second-highest sales volume").
A Markdown table is read by its columns instead (:mod:`figure_tables`). Each figure gets a kind from
``model.FIGURE_KINDS`` (an age is an age — "a 21-year-old nurse", "Zoe Anderson, 24," — a year a
year, a vote or a record a score), the qualifier written before it ("nearly", "more than",
"between"), its range ("10-15 minutes", "one-to-seven days"; "from X to Y" is a change, not a
range), and, from the dependency parse, what it counts, pays for or is a share of: the noun it
modifies (with a short "of" phrase or the rest of a list: "new cars, trucks and SUVs"), the group
it is "of" ("46 of their close contacts"), what money is "in"/"for"/"toward"/"worth" or the price
of ("sold … the right to use the word “We” for $5.9 million"), the noun a figure is "of", what a
verb changes "by" it ("boosted base school spending by 2.5%"), the subject of the verb that gives
it as a level or a change ("U.S. crude fell 3.38% to $55.12", or the name before a verb the parse
left without one), a figure the verb names ("to yield 1.786%") or what a verb moving money names
("earned": earnings). A level moved "from" is of what the figure before it is of; "per day" comes
from the words that follow, and a bare number in a sentence about "the number of aid trucks" counts
aid trucks too. Numbers that count nothing are left out: those in names (entities, "S&P 500"),
addresses, phone and emergency numbers, copyright years.
Dates are DATE entities resolved by :mod:`dates` against the publication date, with the tense of
their clause and a "last"/"next"/"this"/"coming" just before them (which stays out of the span);
a day after a full date of an earlier year is in that year, a day long past in a clause that is
not past is in a later year the story names, days without a year follow one another in a sentence
or a list, and "today" in a quotation or opening a sentence about how things are is no day.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Figure
from .entities import EntityIndex
from .figure_dates import DATE_HINT, DateFigures
from .figure_tables import table_figures, table_rows
from .lexicon import (
    AMOUNT_NOUNS,
    AMOUNT_VERBS,
    CALL_WORDS,
    CHANGE_VERBS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    EMERGENCY_NUMBERS,
    LEVEL_VERBS,
    MEASURE_UNITS,
    MULTIPLIERS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    PER_WORDS,
    QUALIFIERS,
    TIME_UNITS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

_UNITS = "|".join(sorted({u for u in TIME_UNITS}, key=len, reverse=True))
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_WORD = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:" + _ONES + r"))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|dozen"
    r"|half a(?= (?:hundred|thousand|million|billion|trillion)\b)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER_RE = re.compile(
    r"(?<![\w$€£¥₹.,-])(?<!\w-)"
    r"(?P<cur>[$€£¥₹]|\bRs\.?(?=\s?\d))?\s?"
    r"(?P<num>\d+-[1-9]/[2-9](?!\d)|" + _DIGITS + r"|(?i:" + _WORD + r"))"
    r"(?P<half>-and-a-half)?"
    r"(?P<mult>\s?(?:hundred|thousand|million|billion|trillion|dozen)\b|(?:bn|mn|m|k)\b)?"
    r"(?P<funit>(?:mm|cm|km|kg|lbs?|ft|mi|ml)\b)?"
    r"(?:(?P<pct>\s?%|\s(?:percent|per cent)\b)"
    r"|-(?P<hunit>" + _UNITS + r")(?:-(?:old|long))?(?=[\s,.;:)]|$)"
    r"|(?=[\s,.;:!?)”\"’'/—–-]|$))",
)
MIXED_RE = re.compile(r"(\d+)-(\d)/(\d)")
# a bond's price change in 32nds of a point ("rose 7/32 in price")
TICKS_RE = re.compile(r"(?<![\w/.-])(\d{1,2})/(32|64)(?![\w/])")
AGED_RE = re.compile(
    r"\baged\s+(?P<between>between\s+)?(?P<low>\d{1,3})(?:\s*(?:to|-|–|and)\s*(?P<high>\d{1,3}))?"
    r"(?:[- ]years?[- ]old)?(?P<or>\s+or\s+(?:above|older|over|more|younger|under))?(?!\d)",
    re.IGNORECASE,
)
# a bound on one unit of time written with "a": "less than a week", "more than a year", "nearly a decade"
A_SPAN_RE = re.compile(
    r"\b("
    + "|".join(re.escape(q) for q in QUALIFIERS)
    + r")\s+an?\s+(second|minute|hour|day|week|month|year|decade|century)\b",
    re.IGNORECASE,
)
HALF_RE = re.compile(r"\b(?:by|in) (half|a third|a quarter|two[- ]thirds)\b", re.IGNORECASE)
# "more than half of the county's schools", "two-thirds of voters": a share of what follows "of"
FRACTION_RE = re.compile(
    r"\b(half|a third|one[- ]third|two[- ]thirds|a quarter|one[- ]quarter|three[- ]quarters)\s+of\b", re.IGNORECASE
)
FRACTIONS = {"half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3, "a quarter": 0.25,
             "one quarter": 0.25, "three quarters": 0.75}  # fmt: skip
HEIGHT_RE = re.compile(r"\b(\d)-foot-(\d{1,2})\b")  # "the 6-foot-2 guard": six feet two inches
VAGUE_RE = re.compile(r"\b(a couple|dozens)\s+of\b", re.IGNORECASE)  # "a couple of officers": 2
LONG_RE = re.compile(r"\b(hour|day|week|month|year)long\b", re.IGNORECASE)  # "a daylong strike": one day
QUALIFIER_RE = re.compile(r"\b(" + "|".join(re.escape(q) for q in QUALIFIERS) + r")\s+$", re.IGNORECASE)
BETWEEN_RE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
PERCENT_END_RE = re.compile(r"(?:%|\bper ?cent)$", re.IGNORECASE)
# the second number of a range written after the first: "10-15", "80% to 90%", "200 and 300" (after "between")
RANGE_TAIL_RE = re.compile(
    r"(?:-to-|\s?[-–]\s?|\s+to\s+|\s+and\s+)(" + _DIGITS + r"|(?i:" + _WORD + r"))(\s?%|\s(?:percent|per cent)\b)?"
    r"(?!\w|[.,]\d)"
)
# Money a verb moves, named as what it is ("earned $2.8 billion": earnings).
MONEY_VERBS = {
    "earn": "earnings", "spend": "spending", "lose": "losses", "owe": "debt", "donate": "donations",
    "pay": "payment", "borrow": "borrowing", "invest": "investment", "save": "savings", "fine": "fine",
}  # fmt: skip
ORDINAL_DIGITS_RE = re.compile(r"(\d+)(?:st|nd|rd|th)")  # "21st"
ADDRESS_WORDS = frozenset(
    {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive", "place", "square", "way"}
)
SPORT_WORDS = frozenset(
    {
        "win",
        "won",
        "beat",
        "lost",
        "loss",
        "losses",
        "defeat",
        "victory",
        "record",
        "score",
        "game",
        "vote",
        "votes",
        "voted",
        "verdict",
        "tally",
    }
)
PER_CURRENCY_RE = re.compile(r"\s+per\s+(dollar|euro|pound|yen|yuan)\b", re.IGNORECASE)
TO_RE = re.compile(r"\bto\s+$", re.IGNORECASE)
FROM_RE = re.compile(r"\b(?:up |down )?from\s+$", re.IGNORECASE)
POSSESSIVE_RE = re.compile(r"['’]s\s")  # "Holcomb’s 2016 election": a name the model ran on into the number
PER_SHARE_RE = re.compile(r"\s+(?:a|per)\s+(?:diluted\s+)?share\b", re.IGNORECASE)
AGE_AFTER_RE = re.compile(r"\s*[,)]")
COMPASS_WORDS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "away", "off", "offshore"}
)
DASHES = frozenset({"―", "—", "–", "-", ","})
COPYRIGHT_RE = re.compile(r"(?:\bcopyright|©|\(c\))\s*$", re.IGNORECASE)
NAME_DEPS = frozenset({"compound", "amod", "nmod", "cc", "conj"})
PERCENT_WORDS = frozenset({"%", "percent", "cent", "pct"})
# nouns of a change: a percentage of one is a change of the subject the sentence gives a level of
CHANGE_NOUNS = frozenset({"gain", "rise", "increase", "jump", "drop", "decline", "fall", "loss", "decrease"})
# "rose to $27.2 billion", "down from 1.808%", "stayed below 6 percent": a level through its preposition
LEVEL_PREPOSITIONS = frozenset({"to", "by", "at", "of", "from", "below", "above", "under", "over", "near", "around"})
INDEX_NOUNS = frozenset({"index", "indicator", "score", "rating", "reading", "level", "average"})
LEVEL_KINDS = frozenset({"percent", "money", "measure"})
DIRECTION_WORDS = frozenset({"up", "down", "higher", "lower"})
PER_RE = re.compile(r"\s+(?:per|a|an|each|every)\s+([a-z]+)")
NEXT_WORD_RE = re.compile(r"\s+([A-Za-z][A-Za-z-]*[A-Za-z])")
SKIP_LABELS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT", "GPE", "LOC"})


def number_value(num: str) -> float | None:
    """The value of a number as written ("1,250", "3.5", "twenty-one"), or None when it is none or
    is past the range of a float (a run of 309 digits is not a quantity anyone counts)."""
    low = num.lower()
    if mixed := MIXED_RE.fullmatch(low):  # "1-1/2": one and a half
        whole, top, bottom = (int(g) for g in mixed.groups())
        return whole + top / bottom if top < bottom else None
    if low in NUMBER_WORDS:
        return float(NUMBER_WORDS[low])
    if low == "half a":  # "half a million"
        return 0.5
    if "-" in low:
        tens, _, ones = low.partition("-")
        if tens in NUMBER_WORDS and ones in NUMBER_WORDS:
            return float(NUMBER_WORDS[tens] + NUMBER_WORDS[ones])
    try:
        value = float(low.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _is_code(word: str) -> bool:
    """A ticker or instrument code (".DJI", "CLc1", "LCOc1", "EUR="), not a word."""
    if word.startswith(".") or (len(word) > 1 and word.endswith("=")):
        return True
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _amount_head(tok, deps: tuple[str, ...] = ("nummod", "quantmod", "compound")):
    """The word a number's parts hang on ("$" "27.53" "billion" → the noun they count, or the
    last of them), climbing ``deps``; where the amount as a whole stands in its sentence."""
    head = tok
    while head.dep_ in deps and head.head.i != head.i:
        head = head.head
    return head


def _clean_value(v: float) -> float | int:
    """A whole value below 10**15 as an int ("797", not "797.0"); other finite values as they are."""
    return int(v) if abs(v) < 1e15 and v == int(v) else v


class FigureFinder:
    def __init__(self, doc: Doc, text: str, ents: EntityIndex, published: str | None) -> None:
        self.doc, self.text, self.ents, self.published = doc, text, ents, published
        from spacy.attrs import IDX

        self.starts = [int(x) for x in doc.to_array(IDX)] if len(doc) else [0]
        self.ment_starts = [m.start for m in ents.mentions]
        self.carries = self._amount_objects()

    def _mention_at(self, char: int):
        k = bisect_right(self.ment_starts, char) - 1
        if k >= 0 and self.ents.mentions[k].end > char:
            return self.ents.mentions[k]
        return None

    def _token_at(self, char: int):
        k = bisect_right(self.starts, char) - 1
        return self.doc[max(k, 0)]

    def _amount_objects(self) -> list[tuple[int, int, str]]:
        """(char pos, sentence start, object) for every "the number of X"."""
        from spacy.attrs import LOWER

        out: list[tuple[int, int, str]] = []
        if not len(self.doc):
            return out
        strings = self.doc.vocab.strings
        wanted = {strings.add(w) for w in AMOUNT_NOUNS}
        lowers = self.doc.to_array(LOWER)
        for i, low in enumerate(lowers.tolist()):
            if low not in wanted:
                continue
            tok = self.doc[i]
            if tok.pos_ == "NOUN":
                for prep in tok.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        objs = [c for c in prep.children if c.dep_ == "pobj"]
                        if objs:
                            out.append((tok.idx, tok.sent.start_char, self._noun_phrase(objs[0])))
        return out

    def _noun_phrase(self, head) -> str:
        """The noun ``head`` with the modifiers just before it ("U.S. crude", "Dow Jones Industrial
        Average"); a ticker code the parse made the head ("… Average .DJI") gives way to the words."""
        inside = {t.i for t in head.subtree}
        if _is_code(head.text) and head.i > 0 and head.i - 1 in inside and not _is_code(self.doc[head.i - 1].text):
            head = self.doc[head.i - 1]  # the words before the code are the name; its whole subtree holds them
        start = head.i
        while (
            start - 1 in inside
            and head.i - (start - 1) <= 4
            and (self.doc[start - 1].dep_ in NAME_DEPS or self.doc[start - 1].pos_ == "PROPN")
        ):
            start -= 1  # "Dow Jones Industrial Average", "Truck and SUV sales": the whole name
        if start - 2 in inside and self.doc[start - 1].like_num and self.doc[start - 2].pos_ == "PROPN":
            start -= 2  # "STOXX 600 index": the number is the name's
        if start - 2 in inside and self.doc[start - 1].text == "-" and not self.doc[start - 2].whitespace_:
            start -= 2  # "comparable-store sales growth": the word joined by the hyphen too
        while start < head.i and (self.doc[start].is_punct or self.doc[start].dep_ == "cc"):
            start += 1  # "(pan)-European …": no name starts with a dash or an "and"
        end = head.i
        if end + 1 < len(self.doc) and self.doc[end + 1].dep_ == "nummod" and self.doc[end + 1].head.i == head.i:
            end += 1  # "the S&P 500": the number is the name's
        return self.doc[start : end + 1].text

    def find(self) -> list[Figure]:
        figures: list[Figure] = []
        text = self.text
        for m in NUMBER_RE.finditer(text):
            fig = self._figure(m)
            if fig is not None:
                figures.append(fig)
        for m in HALF_RE.finditer(text):
            value = FRACTIONS[m.group(1).lower().replace("-", " ")]
            obj = self._changed_thing(self._token_at(m.start()))
            figures.append(Figure(m.start(), m.end(), m.group(), value, None, obj, kind="fraction"))
        figures.extend(self._shares())
        for m in HEIGHT_RE.finditer(text):
            feet, inches = int(m.group(1)), int(m.group(2))
            obj = self._object_of(self._token_at(m.end() - 1))
            figures.append(
                Figure(m.start(), m.end(), m.group(), round(feet + inches / 12, 2), "foot", obj, kind="measure")
            )
        for m in LONG_RE.finditer(text):
            unit = TIME_UNITS[m.group(1).lower()]
            obj = self._object_of(self._token_at(m.start()))
            figures.append(Figure(m.start(), m.end(), m.group(), 1, unit, obj, kind="duration"))
        figures.extend(self._ticks())
        figures.extend(self._aged_groups())
        for m in A_SPAN_RE.finditer(text):  # "less than a week": one week, with its bound
            figures.append(Figure(m.start(1), m.end(), text[m.start(1) : m.end()], 1, TIME_UNITS[m.group(2).lower()],
                                  kind="duration", qualifier=m.group(1).lower()))  # fmt: skip
        figures.extend(self._ordinals())
        figures.extend(DateFigures(self.doc, self.text, self.ents, self.published, self._token_at).find())
        if rows := table_rows(text):  # a table's numbers are read by its columns, not as sentences
            figures = [f for f in figures if not any(s <= f.start < e for s, e in rows)]
            figures.extend(table_figures(text))
        figures.sort(key=lambda f: (f.start, -f.end))
        out: list[Figure] = []
        for f in figures:  # no overlaps: the first (longest at that start) wins
            if out and f.start < out[-1].end:
                continue
            out.append(f)
        return self._from_levels(out)

    def _from_levels(self, figures: list[Figure]) -> list[Figure]:
        """A figure given as the level something moved "from" ("to yield 2.252%, from 2.293%") is
        of what the figure before it in its sentence is of."""
        for k in range(1, len(figures)):
            f, before = figures[k], figures[k - 1]
            if f.kind != before.kind or f.unit != before.unit or before.object is None or f.kind not in LEVEL_KINDS:
                continue  # "bids from two relatively smaller organisations": a count from somewhere, no level
            if FROM_RE.search(self.text, max(0, f.start - 16), f.start) is None and not (
                TO_RE.search(self.text, max(0, f.start - 8), f.start)
                and FROM_RE.search(self.text, max(0, before.start - 16), before.start)
            ):
                continue  # "rose by 37 percent, from 0.90 percent to 1.23 percent": both of what rose
            if self._token_at(f.start).sent.start != self._token_at(before.start).sent.start:
                continue
            figures[k] = replace(f, object=before.object)
        return figures

    def _aged_groups(self) -> list[Figure]:
        """Ages given with "aged": "adults aged 26 or older", "respondents aged between 12 to
        17-years-old" (a range of ages), of the noun before "aged"."""
        out = []
        for m in AGED_RE.finditer(self.text):
            low = int(m.group("low"))
            high = int(m.group("high")) if m.group("high") else None
            if high is not None and high <= low:
                high = None
            tok = self._token_at(m.start())
            before = self.doc[tok.i - 1] if tok.i > 0 else None
            obj = before.text if before is not None and before.pos_ in ("NOUN", "PROPN") else None
            qualifier = (m.group("or") or "").strip().lower() or ("between" if m.group("between") else None)
            s, e = m.start("low"), m.end()
            out.append(Figure(s, e, self.text[s:e], low, "year", obj, kind="age", qualifier=qualifier,
                              low=low if high is not None else None, high=high))  # fmt: skip
        return out

    def _ticks(self) -> list[Figure]:
        """A bond's price change in 32nds of a point: "rose 7/32 in price" (0.21875 points of price)."""
        out = []
        for m in TICKS_RE.finditer(self.text):
            nxt = re.match(r"\s+in\s+(price|value)\b", self.text[m.end() :])
            if nxt is None:
                continue
            value = int(m.group(1)) / int(m.group(2))
            out.append(Figure(m.start(), m.end(), m.group(), value, "point", nxt.group(1), kind="measure"))
        return out

    def _figure(self, m: re.Match) -> Figure | None:
        text = self.text
        num = m.group("num")
        value = number_value(num)
        if value is None:
            return None
        start = m.start("cur") if m.group("cur") else m.start("num")
        end = m.end()
        is_word = num[0].isalpha()
        ment = self._mention_at(m.start("num"))
        if self._token_at(m.start("num")).idx < m.start("num") and text[m.start("num") - 1] in "—–":
            ment = None  # "recent years—26 cases": one token to the model, whose entity is not the number's
        owned = ment is not None and POSSESSIVE_RE.search(self.text, ment.start, m.start("num")) is not None
        if ment is not None and ment.label in SKIP_LABELS and any(c.isalpha() for c in ment.text) and not owned:
            return None  # a number inside a name: "Fifth Avenue", "F-35", "Apollo 11"
        if num in EMERGENCY_NUMBERS and self._calls(m):
            return None  # "make 911 calls": a number to call, not a count
        if self._names_it(m):
            return None  # "the S&P 500", "the STOXX 600 index": the number is part of the name
        if m.group("half"):
            value += 0.5
        mult = (m.group("mult") or "").strip().lower()
        if mult:
            value *= MULTIPLIERS.get(mult, 1)
        if not math.isfinite(value):
            return None  # past the range of a float once multiplied ("9…9 trillion"): no JSON number holds it
        unit: str | None = None
        obj: str | None = None
        per: str | None = None
        kind = "count"
        hunit = m.group("hunit")
        if m.group("cur"):
            unit, kind = CURRENCY_SYMBOLS.get(m.group("cur"), "INR"), "money"  # "Rs 300": rupees
        elif m.group("pct"):
            unit, kind = "percent", "percent"
        elif m.group("funit"):
            unit, kind = MEASURE_UNITS.get(m.group("funit").lower(), m.group("funit").lower()), "measure"
            obj = self._object_of(self._token_at(end - 1))  # "a 15mm layer of ice"
        elif hunit:
            unit, kind = TIME_UNITS[hunit.lower()], "duration"
            nxt = NEXT_WORD_RE.match(text, end)
            if text.startswith("-old", m.end("hunit")):
                kind = "age"  # "a 21-year-old nurse": an age, of the person it describes
                obj = self._aged(end)
            elif nxt and nxt.group(1).lower() not in ("and", "or", "of", "to", "in", "on", "at", "for"):
                obj = self._modified_from(nxt.start(1), nxt.group(1))  # "a 180-day Earth-Mars cruise"
        low = high = None
        if not hunit and not mult and (rng := self._range(m, value)) is not None:
            low, high, end = rng
            if kind == "count" and PERCENT_END_RE.search(text, 0, end):
                unit, kind = "percent", "percent"  # "30-60 per cent"
        tok = self._token_at((m.end("mult") if mult else m.end("num")) - 1)
        if m.group("half") and not mult:
            tok = self._token_at(m.end("half") - 1)  # "five-and-a-half years": the amount ends at "half"
        if MIXED_RE.fullmatch(num):
            tok = self._token_at(m.start("num"))  # "1-1/2" is split at its dash: the whole number stands first
        if high is not None:
            if high <= value and not self._sport(tok):
                low = high = None  # "24-17" outside a game is no range
                end = m.end()
            else:
                tok = self._token_at(end - 1)
        compound = None
        if obj is None and not hunit:
            compound = self._hyphen_compound(tok)
            if compound is not None:
                unit, obj, end = compound
        if obj is None and unit is None and not hunit:
            obj = self._object_of(tok)
            if obj is not None and kind == "count":
                words = obj.split(" of ")[0].split()
                first = words[-1].lower()
                if first in TIME_UNITS and any(w.lower() in ("last", "next", "this", "past") for w in words):
                    return None  # "including one last month": when, not how long
                if first in TIME_UNITS or words[0].lower() in TIME_UNITS:
                    unit, kind = TIME_UNITS.get(first) or TIME_UNITS[words[0].lower()], "duration"
                    end = self._unit_end(end)  # "nearly two years": the unit is part of the figure's words
                    if " of " in obj:
                        obj = obj.split(" of ", 1)[1]  # "15 minutes of fresh air"
                    elif first not in TIME_UNITS:
                        obj = " ".join(words[1:])  # "a 1-1/2 year trade war"
                    else:
                        obj = self._duration_of(tok)
                elif first in CURRENCY_WORDS and not self._of_something(tok):
                    unit, kind = CURRENCY_WORDS[first], "money"
                    if obj.lower() == first:
                        obj, end = None, self._unit_end(end)  # "half a million dollars": what for, found below
                elif obj.split()[0].lower() in MEASURE_UNITS:
                    unit, kind = MEASURE_UNITS[obj.split()[0].lower()], "measure"
                    end = self._unit_end(end)  # "102.2 points": the unit is part of the figure's words
                    obj = self._measured(tok)
                    if (per := self._per_time(tok)) is not None:
                        kind = "rate"  # "5,200 pounds of water vapor … per second"
        tally = high is not None and (high <= value or obj is None)  # "won 24-17", "a 6-3 vote", "a vote of 53-36"
        if tally and unit is None and value < 1000 and self._sport(tok) and not m.group("pct"):
            first = self._token_at(m.start("num"))
            obj = obj or self._where_played(end) or self._owner(first)  # "2-6 in the AFC"
            return Figure(start, end, text[start:end], _clean_value(value), object=obj, kind="score")
        if kind == "count" and unit is None and high is None and (person := self._aged_person(m, value)) is not None:
            return Figure(start, end, text[start:end], _clean_value(value), "year", person, kind="age")
        if self._is_year(num, value, kind, obj, unit, ment, tok):
            if COPYRIGHT_RE.search(text, max(0, start - 16), start):
                return None  # "Copyright 2019 Hawaii News Now": the page's notice, not the story's year
            return Figure(start, end, text[start:end], _clean_value(value), kind="year")
        counted = compound is not None and unit is not None and unit not in TIME_UNITS  # "the 30-date jaunt"
        if ment is not None and ment.label in ("DATE", "TIME") and kind not in ("duration", "age") and not counted:
            return None
        if is_word and obj is None and unit is None:
            return None  # "one of the gaps", "One question"
        if num.lower() in ("one", "a dozen", "dozen") and kind != "duration":
            return None  # "one question", "one of them": a determiner more often than a count
        if obj is None and kind in ("money", "percent", "measure"):
            obj = (self._paid_for(tok, end) or self._money_verb(tok)) if kind == "money" else None
            if kind == "percent":
                obj = self._share_of(tok)
            obj = obj or self._owner(tok) or self._named_by_verb(tok) or self._changed(tok) or self._level_subject(tok)
            if obj is None and kind == "money" and PER_SHARE_RE.match(text, end):
                obj = "earnings"  # "expecting $2.52 a share": money a share, said of nothing else, is earnings
        if kind == "count" and obj is not None and obj.split()[-1].lower().rstrip(".") in ADDRESS_WORDS:
            return None  # "221 Baker Street": an address, not 221 of anything
        if not is_word and obj is None and unit is None and (level := self._level_in_unit(tok)) is not None:
            unit, obj = level  # "fell 102.2 points, or 0.36%, to 27,934.02": a level in points
            kind = "measure"
        if not is_word and obj is None and unit is None and (index := self._index_level(tok)) is not None:
            obj, kind = index, "measure"  # "the air quality index in Delhi right now is 218"
        if not is_word and obj is None and unit is None and (rate := self._exchange_rate(tok, end)) is not None:
            unit, obj, per = rate  # "the Japanese yen … at 108.55 per dollar"
            kind = "money"
        if not is_word and obj is None and unit is None:
            obj = self._carried_object(start)
            if obj is None:
                return None  # a bare number with nothing to count is noise
        if obj is not None and per is None:
            end_obj = self._object_end(tok, obj, end)
            pm = PER_RE.match(text, end_obj)
            if pm and (pm.group(1) in TIME_UNITS or pm.group(1) in ("person", "capita", "head", "share")):
                per = TIME_UNITS.get(pm.group(1), pm.group(1))
                if kind == "count":
                    kind = "rate"  # "35 trucks a day"
        return Figure(
            start=start,
            end=end,
            text=text[start:end],
            value=_clean_value(value),
            unit=unit,
            object=obj,
            per=per,
            kind=kind,
            qualifier=self._qualifier(start),
            low=_clean_value(low) if low is not None else None,
            high=_clean_value(high) if high is not None else None,
        )

    def _calls(self, m: re.Match) -> bool:
        """Whether a call is said just before or after an emergency number ("dialed 911", "911 calls")."""
        nxt = NEXT_WORD_RE.match(self.text, m.end())
        prev = re.search(r"([A-Za-z]+)\s+$", self.text[max(0, m.start() - 16) : m.start()])
        return bool((nxt and nxt.group(1).lower() in CALL_WORDS) or (prev and prev.group(1).lower() in CALL_WORDS))

    def _names_it(self, m: re.Match) -> bool:
        """A bare number written right after a proper name made of capitals or an ampersand
        ("S&P 500", "STOXX 600", "FTSE 100"), with nothing of its own after it but that name's noun."""
        if m.group("cur") or m.group("pct") or m.group("hunit") or m.group("mult"):
            return False
        before = self.text[max(0, m.start() - 12) : m.start()]
        name = re.search(r"([A-Z][A-Za-z&]*[A-Z&][A-Za-z]*)\s$", before)
        return name is not None and ("&" in name.group(1) or name.group(1).isupper())

    def _modified_from(self, at: int, word: str) -> str:
        """The words from ``at`` to the noun the word there modifies ("Earth-Mars cruise"), or the word."""
        tok = self._token_at(at)
        head = tok.head
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        if tok.dep_ in ("compound", "amod", "nmod") and head.i > tok.i and head.pos_ == "NOUN" and head.i - tok.i <= 4:
            return self.doc[tok.i : head.i + 1].text
        return word

    def _aged_person(self, m: re.Match, value: float) -> str | None:
        """The person a bare number set off by commas after their name is the age of: "Zoe
        Anderson, 24, was overcome …", "Prelogar, 43, argues …" (news style for ages)."""
        num = m.group("num")
        if m.group("cur") or m.group("pct") or m.group("hunit") or m.group("mult") or not num.isdigit():
            return None
        if not 1 <= value <= 120 or not AGE_AFTER_RE.match(self.text, m.end()):
            return None
        if not self.text.endswith(", ", 0, m.start()):
            return None
        name = self._mention_at(m.start() - 3)
        if name is None or name.label != "PERSON":
            return None
        return name.text

    def _aged(self, end: int) -> str | None:
        """Who an age ending at ``end`` describes: the noun it modifies ("a 21-year-old nurse"),
        else the noun it stands beside ("the hunter, a 55-year-old, …")."""
        tok = self._token_at(end - 1)  # "old"
        head = tok.head
        if head.i > tok.i and head.pos_ in ("NOUN", "PROPN"):
            return head.text
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return self._person_before(tok.idx)  # "The 56-year-old said …": the person just named
        for cand in (head, head.head):
            if cand.pos_ in ("NOUN", "PROPN") and cand.i != tok.i:
                return cand.text
        return None

    def _person_before(self, pos: int) -> str | None:
        """Who "the 56-year-old" is: of the people named in the 1,500 characters before ``pos``, the
        one named most often, the later one on a tie."""
        k = bisect_right(self.ment_starts, pos) - 1
        seen: dict[str, tuple[int, int]] = {}  # name -> (times, last position)
        while k >= 0 and pos - self.ents.mentions[k].end < 1500:
            mention = self.ents.mentions[k]
            if mention.label == "PERSON" and mention.end <= pos:
                name = mention.canonical or mention.text
                times, last = seen.get(name, (0, mention.start))
                seen[name] = (times + 1, max(last, mention.start))
            k -= 1
        return max(seen, key=lambda name: seen[name]) if seen else None

    def _qualifier(self, start: int) -> str | None:
        """ "nearly", "more than", "between": the words before a number that make it an
        approximation, a bound or a range, kept with the figure."""
        before = self.text[max(0, start - 24) : start]
        found = QUALIFIER_RE.search(before) or BETWEEN_RE.search(before)
        return found.group(0).strip().lower() if found else None

    def _range(self, m: re.Match, value: float) -> tuple[float, float, int] | None:
        """(low, high, end) of a range whose first number ``m`` is: "10-15 minutes", "80% to 90%",
        "between 200 and 300" ("and" only after "between"). Written with a dash the second number
        may be smaller: a score ("won 24-17"), which the caller tells apart."""
        tail = RANGE_TAIL_RE.match(self.text, m.end())
        if tail is None:
            return None
        if FROM_RE.search(self.text, max(0, m.start() - 16), m.start()):
            return None  # "from 2.18 percent to 2.72 percent": a change, not a range
        sep = self.text[m.end() : tail.start(1)].strip()
        if sep == "and" and not BETWEEN_RE.search(self.text[max(0, m.start() - 12) : m.start()]):
            return None
        if sep == "to" and bool(m.group("pct")) != bool(tail.group(2)):
            return None  # "rose 3% to 120": a change and a level, not a range
        if tail.group(1)[0].isalpha() != m.group("num")[0].isalpha():
            return None  # "one-to-seven", "10-15": both in words or both in digits
        high = number_value(tail.group(1))
        if high is None or (sep in ("to", "-to-", "and") and high <= value):
            return None
        return value, high, tail.end()

    def _is_year(self, num: str, value: float, kind: str, obj: str | None, unit: str | None, ment, tok) -> bool:
        """A year standing alone ("in 2019", "since 1938"), not part of a written-out date."""
        if kind != "count" or unit is not None or len(num) != 4 or not num.isdigit():
            return False
        if obj is not None and (ment is None or ment.label != "DATE") and not self._dates_noun(tok):
            return False  # "1500 people" counts; "the 2008 financial crisis", "Holcomb’s 2016 election" are dated
        if not 1000 <= value <= 2100:
            return False
        return ment is None or ment.label != "DATE" or DATE_HINT.search(ment.text) is None

    @staticmethod
    def _dates_noun(tok) -> bool:
        """Whether a four-digit number modifies a singular noun after it ("the 2016 election
        campaign"): a year, where a count would be plural ("2000 people")."""
        head = tok.head
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        return tok.dep_ == "nummod" and head.i > tok.i and head.tag_ in ("NN", "NNP")

    def _of_something(self, tok) -> bool:
        """ "5,200 pounds of water": a weight, not money (money is never "of" a substance)."""
        unit_tok = tok.head if tok.head.i > tok.i else tok
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in unit_tok.children)

    def _unit_end(self, end: int) -> int:
        """The end of the unit word right after a number ending at ``end``."""
        nxt = NEXT_WORD_RE.match(self.text, end)
        word = nxt.group(1).lower() if nxt else ""
        return nxt.end() if nxt and (word in MEASURE_UNITS or word in TIME_UNITS or word in CURRENCY_WORDS) else end

    def _where_played(self, end: int) -> str | None:
        """What a record is in: "2-6 in the AFC and 0-3 in AFC West"."""
        k = bisect_left(self.starts, end)
        nxt = self.doc[k] if k < len(self.doc) else None
        if nxt is None or nxt.lower_ != "in":
            return None
        objs = [c for c in nxt.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
        return self._noun_phrase(objs[0]) if objs and objs[0].ent_type_ not in ("DATE", "TIME") else None

    def _duration_of(self, tok) -> str | None:
        """What a span of time written "N days" is of, where the sentence says: the noun it modifies
        ("a 1-1/2 year trade war") or the superlative it dates ("their highest in nearly two years").
        Else nothing: the unit is no object."""
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else tok
        unit_tok = nxt if nxt.lower_ in TIME_UNITS else tok.head if tok.head.i > tok.i else tok
        prep = unit_tok.head
        if unit_tok.dep_ in ("compound", "amod", "nmod") and prep.i > unit_tok.i and prep.pos_ == "NOUN":
            return self.doc[unit_tok.i + 1 : prep.i + 1].text  # "a 1-1/2 year trade war"
        if unit_tok.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ == "NOUN" and prep.head.i < prep.i:
            return self._noun_phrase(prep.head)  # "an incubation period of one-to-seven days"
        if unit_tok.dep_ == "pobj" and prep.lower_ == "for" and prep.head.pos_ == "VERB":
            for other in prep.head.children:  # "pay Rs 300 for fresh air for 15 minutes"
                if other.dep_ == "prep" and other.lower_ == "for" and other.i < prep.i:
                    objs = [c for c in other.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
                    if objs and objs[0].ent_type_ not in ("DATE", "TIME") and objs[0].lower_ not in TIME_UNITS:
                        return self._noun_phrase(objs[0])
        if unit_tok.dep_ == "pobj" and prep.lower_ == "in" and prep.head.i < prep.i:
            mark = prep.head
            if mark.tag_ in ("JJS", "RBS") or mark.lemma_.lower() in ("high", "low", "record"):
                return mark.text
        return None

    def _sport(self, tok) -> bool:
        return any(t.lower_ in SPORT_WORDS for t in tok.sent)

    def _measured(self, tok) -> str | None:
        """What a measure measures: "5,200 pounds of water vapour" → water vapour; else its
        sentence's subject when a level verb takes it ("the Dow fell 102.2 points")."""
        unit_tok = self._unit_token(tok)
        for prep in unit_tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objs = [c for c in prep.children if c.dep_ == "pobj"]
                if objs:
                    return self._noun_phrase(objs[0])
        where = unit_tok.head
        if where.lower_ in COMPASS_WORDS and where.head.pos_ == "NOUN" and where.head.i < unit_tok.i:
            return self._noun_phrase(where.head)  # "a hospital around 185 miles northwest of Beijing"
        if unit_tok.head.lower_ == "away" and unit_tok.head.i > unit_tok.i:
            verb = unit_tok.head.head  # "Europa ― located some 390 million miles away ―"
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
            if subjects:
                return self._noun_phrase(subjects[0])
            if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
                return self._noun_phrase(verb.head)  # "a star located 40 light-years away"
            k = verb.i - 1
            while k > verb.sent.start and self.doc[k].text in DASHES:
                k -= 1  # "Europa ― located …": the parse hangs the name on the dash
            if self.doc[k].pos_ in ("NOUN", "PROPN") and k < verb.i - 1:
                return self._noun_phrase(self.doc[k])
        return self._level_subject(unit_tok)

    def _unit_token(self, tok):
        """The unit word of a number: the noun it counts ("5,200 pounds") or the word after it."""
        return tok.head if tok.head.i > tok.i else (self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else tok)

    def _per_time(self, tok) -> str | None:
        """The unit of time a measure is given per, anywhere in what its unit word heads ("5,200
        pounds of water vapor being released from Europa per second")."""
        for t in self._unit_token(tok).subtree:
            if t.lower_ == "per" and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ in TIME_UNITS:
                return TIME_UNITS[self.doc[t.i + 1].lower_]
        return None

    def _paid_for(self, tok, end: int) -> str | None:
        """What money is for: the noun it modifies ("a £500 repair"), or what follows it as "in",
        "for", "toward" or "on" ("$3 billion in reserves", "$2.1 million toward the campaign")."""
        head = tok.head
        modifies = tok.dep_ in ("nummod", "compound", "amod") and head.i > tok.i and head.pos_ == "NOUN"
        if modifies and head.lower_ not in CURRENCY_WORDS and head.lower_ not in MULTIPLIERS:
            return self._noun_phrase(head)
        k = bisect_left(self.starts, end)
        while k < len(self.doc) and self.doc[k].is_space:
            k += 1
        nxt = self.doc[k] if k < len(self.doc) else None
        if nxt is not None and nxt.lower_ in ("in", "for", "toward", "towards", "on"):
            objs = [c for c in nxt.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if objs and (what := self._not_when(objs[0])) is not None:
                return what
        return self._bought(tok) or self._coming_in(tok)

    def _coming_in(self, tok) -> str | None:
        """What money that is the subject of its verb comes "in": "$53 million a week is coming across
        the border in drugs" → drugs (not a place or a time)."""
        head = self._restated(tok)
        if head.dep_ not in ("nsubj", "nsubjpass") or head.head.pos_ not in ("VERB", "AUX"):
            return None
        verb = head.head
        for t in verb.subtree:
            if t.i > verb.i and t.lower_ == "in" and t.dep_ == "prep":
                objs = [c for c in t.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
                if objs and objs[0].ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC"):
                    return self._noun_phrase(objs[0])
        return None

    def _not_when(self, noun) -> str | None:
        """``noun`` as what money is for, unless it says when ("in the third quarter", "on
        Monday"); a span of time "of" something is that something ("for fifteen minutes of pure air")."""
        if noun.ent_type_ not in ("DATE", "TIME") and noun.lower_ not in TIME_UNITS:
            return self._noun_phrase(noun)
        if noun.lower_ in TIME_UNITS:
            return self._pobj_phrase(next((c for c in noun.rights if c.lower_ == "of"), noun))
        return None

    def _bought(self, tok) -> str | None:
        """What money written as the price "for" or the worth of something pays for: the thing sold
        or bought ("sold the company the right to use the word “We” for $5.9 million", "Meetup,
        which it acquired for $200 million", "fresh air for Rs 300"), or what is "worth" it ("a
        lifeline … worth up to $8 billion")."""
        head = self._restated(tok)
        prep = head.head
        if head.dep_ != "pobj" or prep.lower_ not in ("for", "worth") or prep.head.i == prep.i:
            return None
        taker = prep.head
        if taker.pos_ in ("NOUN", "PROPN") and taker.i < prep.i and taker.ent_type_ not in ("DATE", "TIME"):
            return self._noun_phrase(taker)  # "fresh air for Rs 300"
        if taker.pos_ != "VERB":
            return None
        if taker.dep_ in ("acl", "relcl") and taker.head.pos_ == "NOUN" and prep.lower_ == "for":
            thing = taker.head  # "the right to use the word “We” for $5.9 million"
        else:
            things = [c for c in taker.children if c.dep_ == "dobj"]
            if not things:
                return None
            thing = things[0]
            if thing.pos_ == "PRON":
                if thing.lower_ not in ("which", "that") or taker.dep_ != "relcl":
                    return None
                return self._noun_phrase(taker.head)  # "Meetup, which it acquired for $200 million"
        words = [t for t in thing.subtree if t.i < prep.i]
        if words and words[0].lower_ in ("a", "an"):
            words = words[1:]  # "a lifeline": which one is said by the words that follow, if any
        if not words or len(words) > 10:
            return self._noun_phrase(thing)
        return self.doc[words[0].i : words[-1].i + 1].text

    def _share_of(self, tok) -> str | None:
        """What a percentage is a share of: what follows "of" ("up to 90 per cent of people
        infected"), or the noun it modifies ("80% to 90% pure oxygen", "a 30-60 per cent chance of
        dying"); a change it modifies ("missing the 4.8 percent gain") is a change of the subject
        whose level the sentence gives."""
        sign = tok if tok.lower_ in PERCENT_WORDS else tok.head if tok.head.lower_ in PERCENT_WORDS else None
        if sign is None:
            return None
        of = next((c for c in sign.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            return self._pobj_phrase(of)
        noun = sign.head
        if sign.dep_ not in ("nmod", "compound", "amod", "nummod") or noun.i < sign.i or noun.pos_ != "NOUN":
            return None
        if noun.lower_ in TIME_UNITS:
            return None  # "up about 40% year to date": when, not what
        named = any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.i != sign.i for c in noun.children)
        if noun.lemma_.lower() in CHANGE_NOUNS and not named:  # "a 9% funding increase" names what increases
            verb = noun.head
            for _ in range(3):  # "Comparable sales rose 3.6 percent, missing the 4.8 percent gain"
                if verb.pos_ == "VERB" and verb.lemma_.lower() in LEVEL_VERBS:
                    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"]
                    return self._subject_phrase(subjects[0]) if subjects else None
                verb = verb.head
            return None
        name = self._noun_phrase(noun)
        if noun.idx - sign.idx < len(name):  # "a 30-60 per cent chance": the name starts after the sign
            name = self.doc[sign.i + 1 : noun.i + 1].text
        return name + self._of_phrase(noun)

    def _owner(self, tok) -> str | None:
        """The noun a figure is "of": "revenue of $27.53 billion", "sales growth of 3.5 percent"."""
        head = _amount_head(tok)
        prep = head.head
        if head.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ == "NOUN" and prep.head.i < prep.i:
            return self._noun_phrase(prep.head)
        return None

    def _money_verb(self, tok) -> str | None:
        """What money a verb moves is, named by the verb: "earned $2.8 billion" → earnings,
        "spent $5 million" → spending (``MONEY_VERBS``)."""
        head = self._restated(tok)
        if head.dep_ == "dobj" and head.head.pos_ == "VERB":
            return MONEY_VERBS.get(head.head.lemma_.lower())
        return None

    def _index_level(self, tok) -> str | None:
        """The index, rate or score a bare number is the level of ("the air quality index in Delhi
        right now is 218"): its subject, when that names one (``INDEX_NOUNS``)."""
        subject = self._level_subject(tok)
        if subject is None:
            return None
        head = subject.split(" of ")[0].split(" in ")[0].split()[-1].lower()
        return subject if head in INDEX_NOUNS else None

    def _exchange_rate(self, tok, end: int) -> tuple[str, str, str] | None:
        """(currency, subject, per) of a bare exchange rate: "the Japanese yen strengthened … at
        108.55 per dollar" is 108.55 yen (JPY) to the dollar; the subject must name a currency."""
        pm = PER_CURRENCY_RE.match(self.text, end)
        if pm is None:
            return None
        subject = self._level_subject(tok)
        if subject is None or subject.split()[-1].lower() not in CURRENCY_WORDS:
            return None
        return CURRENCY_WORDS[subject.split()[-1].lower()], subject, pm.group(1).lower()

    def _changed_thing(self, by) -> str | None:
        """What a verb cuts "by half" or "by a third": its object, or its subject when passive ("the
        spacecraft mass could be reduced by a third")."""
        verb = by.head
        if by.lower_ not in ("by", "in") or verb.pos_ != "VERB":
            return None
        things = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
        return self._noun_phrase(things[0]) if things else None

    def _changed(self, tok) -> str | None:
        """What a verb changes "by" a figure: "boosted base school spending by 2.5%" → base school
        spending (``CHANGE_VERBS``)."""
        head = self._restated(tok)
        prep = head.head
        if head.dep_ != "pobj" or prep.lower_ != "by" or prep.head.lemma_.lower() not in CHANGE_VERBS:
            return None
        things = [c for c in prep.head.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]
        return self._noun_phrase(things[0]) if things else None

    def _named_by_verb(self, tok) -> str | None:
        """The figure a verb names itself ("to yield 1.786%", "down from 1.808%": the yield)."""
        verb = self._taker(tok)
        return AMOUNT_VERBS.get(verb.lemma_.lower()) if verb is not None and verb.pos_ == "VERB" else None

    def _level_in_unit(self, tok) -> tuple[str, str] | None:
        """(unit, subject) of a bare level its verb gives in a unit another of its figures names:
        "the Dow fell 102.2 points … to 27,934.02" is 27,934.02 points of the Dow."""
        head = tok
        if head.dep_ == "pobj" and head.head.lower_ in ("to", "at") and head.head.head.i != head.head.i:
            verb = head.head.head
        else:
            return None
        subject = self._level_subject(tok)
        if subject is None:
            return None
        units = [c.lower_ for c in verb.subtree if c.lower_ in MEASURE_UNITS and c.i < tok.i]
        return (MEASURE_UNITS[units[-1]], subject) if units else None

    def _restated(self, tok):
        """Where the amount ``tok`` belongs to stands, through a figure it restates: "earned $2.8
        billion, or $2.53 a share" and "fell 102.2 points, or 0.36%" stand where the first does."""
        head = tok
        for _ in range(6):
            head = _amount_head(head, ("nummod", "quantmod", "compound", "nmod"))
            if head.dep_ in ("appos", "conj") and head.head.i != head.i:
                head = head.head
                continue
            break
        return head

    def _taker(self, tok):
        """The word that takes the amount ``tok`` belongs to as a level or a change: the verb of
        "fell 3.38%", "rose … to $27.2 billion", "down from 1.808%", "closed 0.68% higher", reached
        through a figure it restates ("earned $2.8 billion, or $2.53 a share"); or the noun an
        "up 0.05%" stands after ("the euro up 0.05%"). None when the amount is no such figure."""
        head = self._restated(tok)
        if head.dep_ == "pobj" and head.head.lower_ in LEVEL_PREPOSITIONS:
            head = head.head
        if head.dep_ not in ("dobj", "npadvmod", "attr", "prep", "advmod", "pobj") or head.head.i == head.i:
            return None
        verb = head.head
        if verb.lower_ in DIRECTION_WORDS and verb.head.i != verb.i:
            verb = verb.head  # "shares are up 39 percent", "closed 0.68% higher"
        return verb

    def _level_subject(self, tok) -> str | None:
        """The subject of the verb that gives the figure as a level or change: "U.S. crude fell
        3.38% to $55.12" → U.S. crude; "revenue was $27.2 billion" → revenue; "the euro up 0.05%"
        → euro. A verb the parse left without a subject takes the name written just before it
        ("the S&P 500 .SPX lost 1.85 points")."""
        verb = self._taker(tok)
        if verb is None:
            return None
        if verb.pos_ in ("NOUN", "PROPN") and verb.i < tok.i:
            return self._subject_phrase(verb)  # "the euro EUR= up 0.05% to $1.1075"
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in LEVEL_VERBS:
            return None
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            subject = subjects[0]
            return self._subject_phrase(subject) if subject.pos_ in ("NOUN", "PROPN") else None
        return self._name_before(verb)

    def _name_before(self, verb) -> str | None:
        """The proper name written just before ``verb`` (instrument codes skipped): "the S&P 500
        .SPX lost …" → S&P 500."""
        k = verb.i - 1
        while k >= verb.sent.start and _is_code(self.doc[k].text):
            k -= 1
        end = k
        doc, first = self.doc, verb.sent.start
        while k >= first and (doc[k].pos_ == "PROPN" or (doc[k].like_num and k > first and doc[k - 1].pos_ == "PROPN")):
            k -= 1
        if k == end or self.doc[k + 1].like_num:
            return None
        return self.doc[k + 1 : end + 1].text

    def _subject_phrase(self, head) -> str:
        """A subject's name with the short phrases that say which ("MSCI's gauge of stocks across
        the globe", "index of Asia-Pacific shares outside Japan"), codes and clauses left out."""
        name = self._noun_phrase(head)
        if _is_code(head.text):
            return name
        end = head.i
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.i != end + 1 or prep.lower_ not in ("of", "across", "outside", "in"):
                break
            words = list(prep.subtree)
            if len(words) > 6 or any((t.is_punct and t.text != "-") or _is_code(t.text) for t in words):
                break
            if any(t.ent_type_ in ("DATE", "TIME") for t in words):
                break  # "sales growth in 2019": when, not which
            end = words[-1].i
        return name if end == head.i else name + " " + self.doc[head.i + 1 : end + 1].text

    def _object_of(self, tok) -> str | None:
        head = tok.head
        if tok.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") and head.i > tok.i:
            while head.dep_ in ("nummod", "quantmod", "compound") and head.head.i > head.i and head.pos_ == "NUM":
                head = head.head
            if head.pos_ in ("NOUN", "PROPN") and head.i - tok.i <= 5:
                words = [t for t in self.doc[tok.i + 1 : head.i + 1] if not t.is_punct or t.text == "-"]
                end = head.i
                conj = [c for c in head.rights if c.dep_ == "conj" and c.pos_ == "NOUN"]
                if conj and conj[0].i - head.i <= 2:  # "30,154 new cars, trucks and SUVs"
                    end = max(t.i for t in conj[0].subtree if t.dep_ in ("conj", "cc") or t.i == conj[0].i)
                rest = self.doc[head.i + 1 : end + 1].text_with_ws if end > head.i else ""
                if words and all(t.pos_ in ("NOUN", "PROPN", "ADJ", "PUNCT", "VERB") for t in words):
                    return (self.doc[words[0].i : head.i + 1].text_with_ws + rest).strip() + self._of_phrase(head)
                return (head.text_with_ws + rest).strip() + self._of_phrase(head)
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.pos_ == "NOUN" and nxt.dep_ != "compound":
            return nxt.text
        before = self.doc[tok.i - 1] if tok.i > 0 else None
        labels = before is not None and before.pos_ in ("NOUN", "PROPN")  # "page 12 of the report": a label
        if nxt is not None and nxt.lower_ == "of" and nxt.head.i == tok.i and not labels:
            return self._pobj_phrase(nxt)  # "46 of their close contacts", "two of the three requirements"
        return None

    def _of_phrase(self, head) -> str:
        """ " of the security forces" after "four members": the "of" phrase that says which, when
        it follows the noun at once and is short; else nothing."""
        for prep in head.rights:
            if prep.i != head.i + 1 or prep.dep_ != "prep" or prep.lower_ != "of":
                break
            words = list(prep.subtree)
            if 2 <= len(words) <= 6 and not any(t.is_punct for t in words):
                return " " + self.doc[words[0].i : words[-1].i + 1].text
        return ""

    def _hyphen_compound(self, tok) -> tuple[str, str | None, int] | None:
        """(unit, object) of "a three-game losing streak", "a two-state solution": the word joined to
        the number by a hyphen is what is counted per unit, the noun it modifies the object; the
        figure's span then ends after the hyphenated word."""
        doc = self.doc
        if tok.i + 2 >= len(doc) or doc[tok.i + 1].text != "-" or doc[tok.i + 1].whitespace_:
            return None
        word = doc[tok.i + 2]
        if word.pos_ not in ("NOUN", "ADJ", "PROPN") or tok.whitespace_ or not word.is_alpha:
            return None
        head = word.head
        obj = None
        if head.i > word.i and head.pos_ in ("NOUN", "PROPN") and head.i - word.i <= 4:
            obj = doc[word.i + 1 : head.i + 1].text
        unit = word.lemma_.lower() if word.pos_ == "NOUN" else word.lower_  # "16-inches" -> inch
        return unit, obj, word.idx + len(word.text)

    def _object_end(self, tok, obj: str, default: int) -> int:
        k = self.text.find(obj, default)
        return k + len(obj) if 0 <= k < default + 60 else default

    def _carried_object(self, pos: int) -> str | None:
        if not self.carries:
            return None
        sent = self._token_at(pos).sent
        k = bisect_left(self.carries, (pos, -1, "")) - 1
        if k < 0:
            return None
        at, sent_start, obj = self.carries[k]
        if sent_start == sent.start_char:
            return obj
        if pos - at < 1500 and any(t.lower_ in AMOUNT_NOUNS for t in sent):
            return obj
        return None

    def _shares(self) -> list[Figure]:
        """ "more than half of the county's schools" (a fraction of what follows "of"), "a couple of
        officers" (2), "dozens of protesters" (at least 24)."""
        out = []
        for m in FRACTION_RE.finditer(self.text):
            name = m.group(1).lower().replace("-", " ")
            of = self._token_at(m.end() - 2)
            obj = self._pobj_phrase(of)
            start, end = m.start(1), m.end(1)
            out.append(Figure(start, end, self.text[start:end], FRACTIONS[name], None, obj, kind="fraction",
                              qualifier=self._qualifier(start)))  # fmt: skip
        for m in VAGUE_RE.finditer(self.text):
            obj = self._pobj_phrase(self._token_at(m.end() - 2))
            if obj is None:
                continue
            dozens = m.group(1).lower() == "dozens"
            start, end = m.start(1), m.end(1)
            out.append(Figure(start, end, self.text[start:end], 24 if dozens else 2, None, obj, kind="count",
                              qualifier="at least" if dozens else "about"))  # fmt: skip
        return out

    def _pobj_phrase(self, of) -> str | None:
        """The words of what the preposition ``of`` governs ("the county's schools")."""
        if of.lower_ != "of":
            return None
        objs = [c for c in of.children if c.dep_ == "pobj"]
        if not objs:
            return None
        noun = objs[0]
        cut = len(self.doc)
        for clause in noun.rights:  # "their close contacts being placed under …": the clause says no more which
            if clause.dep_ in ("acl", "relcl"):
                keep = clause.i == noun.i + 1 and clause.tag_ == "VBN"  # "people infected (if not treated …)"
                cut = min(cut, clause.i + 1 if keep else clause.left_edge.i)
        words = [t for t in noun.subtree if t.i < cut]
        return self.doc[words[0].i : words[-1].i + 1].text if len(words) <= 8 else self._noun_phrase(noun)

    def _ordinals(self) -> list[Figure]:
        """Ordinals that rank a noun ("the third quarter", "its seventh session", "the 21st
        century"): kind ``ordinal``, that noun the object. Also those the parser tags ORDINAL with
        no noun after them ("finished third")."""
        out = []
        for tok in self.doc:
            word = tok.lower_
            if word not in ORDINAL_WORDS and not word[:1].isdigit():
                continue  # most words: no regular expression run on them
            digits = ORDINAL_DIGITS_RE.fullmatch(word)
            value = int(digits.group(1)) if digits else ORDINAL_WORDS.get(word)
            if value is None:
                continue
            head = tok.head
            ranks = tok.dep_ in ("amod", "nummod", "compound") and head.i > tok.i and head.pos_ in ("NOUN", "PROPN")
            if not ranks and tok.ent_type_ != "ORDINAL":
                continue  # "a second", "first, …": no rank of anything
            if tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].like_num:
                continue  # "the first two patients": a count
            if tok.ent_type_ in SKIP_LABELS:
                continue  # part of a name: "Fifth Avenue", "the 3rd Infantry Division"
            while ranks and head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
                head = head.head  # "their first ever Champions League final": the final, not the league
            if tok.i > 0 and word == "second" and self.doc[tok.i - 1].lower_ in PER_WORDS:
                continue  # "per second": a unit of time
            if ranks:
                words = [t for t in self.doc[tok.i + 1 : head.i + 1] if t.lower_ != "ever" and t.text != "-"]
                obj = self.doc[words[0].i : head.i + 1].text if words and len(words) <= 3 else None
            elif (sup := self._ranked_superlative(tok)) is not None:
                obj = sup  # "the second-highest sales volume"
            else:
                obj = self._ranked_after(tok)
                after = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
                if obj is None and (tok.pos_ == "ADV" or (after is not None and after.pos_ in ("VERB", "AUX"))):
                    continue  # "Prelogar first became familiar": when, not a rank
            if obj is not None and obj.lower() == "half":
                continue  # "the first half of next year": a part of a year, no rank
            out.append(Figure(tok.idx, tok.idx + len(tok.text), tok.text, value, object=obj, kind="ordinal"))
        return out

    def _ranked_superlative(self, tok) -> str | None:
        """What "second-highest" ranks: the noun its superlative modifies ("sales volume")."""
        doc = self.doc
        if tok.i + 2 >= len(doc) or doc[tok.i + 1].text != "-" or doc[tok.i + 2].tag_ != "JJS":
            return None
        sup = doc[tok.i + 2]
        if sup.head.i > sup.i and sup.head.pos_ == "NOUN" and sup.head.i - sup.i <= 3:
            return doc[sup.i + 1 : sup.head.i + 1].text
        return None

    def _ranked_after(self, tok) -> str | None:
        """What an ordinal the parse hung on nothing ranks, when a short name follows it: "making
        him third Beijing local to contract …" → Beijing local; "finished third in …" → nothing."""
        words = []
        for nxt in self.doc[tok.i + 1 : tok.i + 4]:
            if nxt.pos_ not in ("PROPN", "NOUN", "ADJ") or not nxt.is_alpha:
                break
            words.append(nxt)
        while words and words[-1].pos_ == "ADJ" and len(words) == 1:
            return None  # "third best": no noun
        if not words:
            return None
        after = self.doc[words[-1].i + 1] if words[-1].i + 1 < len(self.doc) else None
        if words[-1].pos_ == "ADJ" and (after is None or after.pos_ not in ("PART", "ADP", "PUNCT")):
            return None
        return self.doc[words[0].i : words[-1].i + 1].text


def find_figures(doc: Doc, text: str, ents: EntityIndex, published: str | None) -> list[Figure]:
    return FigureFinder(doc, text, ents, published).find()
