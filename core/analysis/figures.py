"""Every number an article gives, with its kind, what it counts and how it is qualified.

Numbers are found with one regular expression over the text (digits, number words, "-and-a-half",
"half a million", mixed numbers "1-1/2", multipliers and "dozen", currency marks and "Rs",
hyphenated and fused units: "six-week", "15mm"), plus a few word patterns ("half of …", "by a
third", "a couple of …", "dozens of …", "6-foot-2", "daylong", "aged 12 to 17", bond ticks "7/32 in
price") and the ordinals that rank a noun ("the third quarter", "second-highest sales volume"). A
Markdown table is read by its columns instead (:mod:`figure_tables`). Each figure gets a kind from
``model.FIGURE_KINDS`` (an age is an age — "a 21-year-old nurse", "Zoe Anderson, 24," — a year a
year, a vote or a record a score), the qualifier written before it ("nearly", "more than",
"between"), its range ("10-15 minutes", "one-to-seven days"; "from X to Y" is a change, not a
range), and, from the dependency parse (:mod:`figure_objects`), what it counts, pays for or is a
share of: the noun it modifies (with a short "of" phrase or the rest of a list: "new cars, trucks
and SUVs"), the group it is "of" ("46 of their close contacts"), what money is
"in"/"for"/"toward"/"worth" or the price of ("sold … the right to use the word “We” for $5.9
million"), the noun a figure is "of", what a verb changes "by" it ("boosted base school spending by
2.5%"), the subject of the verb that gives it as a level or a change ("U.S. crude fell 3.38% to
$55.12", or the name before a verb the parse left without one), a figure the verb names ("to yield
1.786%") or what a verb moving money names ("earned": earnings). A level moved "from" is of what the
figure before it is of; "per day" comes from the words that follow, and a bare number in a sentence
about "the number of aid trucks" counts aid trucks too. Numbers that count nothing are left out:
those in names (entities, "S&P 500"), addresses, phone and emergency numbers, copyright years.
Dates are the DATE entities, resolved by :mod:`figure_dates`.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Figure
from .entities import EntityIndex
from .figure_dates import DATE_HINT, DateFigures
from .figure_objects import ObjectRules
from .figure_tables import table_figures, table_rows
from .lexicon import (
    AMOUNT_NOUNS,
    CALL_WORDS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    EMERGENCY_NUMBERS,
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
    r"(?P<mult>\s?(?:hundred|thousand|million|billion|trillion|dozen|lakhs?|crores?)\b|(?:bn|mn|m|k)\b)?"
    r"(?P<funit>(?:mm|cm|km|kg|lbs?|ft|mi|ml)\b)?"
    r"(?:(?P<pct>\s?%|\s(?:percent|per cent)\b)"
    r"|-(?P<hunit>" + _UNITS + r")(?:-(?:old|long))?(?=[\s,.;:)]|$)"
    r"|(?=[\s,.;:!?)”\"’'/—–-]|$))",
)
MIXED_RE = re.compile(r"(\d+)-(\d)/(\d)")
# a bond's price change in 32nds of a point ("rose 7/32 in price")
TICKS_RE = re.compile(r"(?<![\w/.-])(\d{1,2})/(32|64)(?![\w/])")
IN_PRICE_RE = re.compile(r"\s+in\s+(price|value)\b")
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
MULT_AFTER_RE = re.compile(r"\s?(hundred|thousand|million|billion|trillion|bn|mn)\b", re.IGNORECASE)
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
TO_RE = re.compile(r"\bto\s+$", re.IGNORECASE)
FROM_RE = re.compile(r"\b(?:up |down )?from\s+$", re.IGNORECASE)
POSSESSIVE_RE = re.compile(r"['’]s\s")  # "Holcomb’s 2016 election": a name the model ran on into the number
PER_SHARE_RE = re.compile(r"\s+(?:a|per)\s+(?:diluted\s+)?share\b", re.IGNORECASE)
AGE_AFTER_RE = re.compile(r"\s*[,)]")
COPYRIGHT_RE = re.compile(r"(?:\bcopyright|©|\(c\))\s*$", re.IGNORECASE)
LEVEL_KINDS = frozenset({"percent", "money", "measure"})
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


def _clean_value(v: float) -> float | int:
    """A whole value below 10**15 as an int ("797", not "797.0"); other finite values as they are."""
    return int(v) if abs(v) < 1e15 and v == int(v) else v


class FigureFinder(ObjectRules):
    def __init__(self, doc: Doc, text: str, ents: EntityIndex, published: str | None) -> None:
        self.doc, self.text, self.ents, self.published = doc, text, ents, published
        from spacy.attrs import IDX

        self.starts = [int(x) for x in doc.to_array(IDX)] if len(doc) else [0]
        self.ment_starts = [m.start for m in ents.mentions]
        self.carries = self._amount_objects()

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
            nxt = IN_PRICE_RE.match(self.text, m.end())
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
            if (shared := MULT_AFTER_RE.match(text, end)) is not None:  # "$40-50 billion": both in billions
                factor = MULTIPLIERS[shared.group(1).lower()]
                value, low, high, end = value * factor, low * factor, high * factor, shared.end()
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
                if unit in MEASURE_UNITS and kind == "count":
                    unit, kind = MEASURE_UNITS[unit], "measure"  # "Apple’s 12-inch MacBook": a length
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

    def _sport(self, tok) -> bool:
        return any(t.lower_ in SPORT_WORDS for t in tok.sent)

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
            if not ranks and tok.i > 0 and word == "second" and self.doc[tok.i - 1].lower_ in PER_WORDS:
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
