"""What a figure counts, as a key that groups the same thing across articles, in plain Python.

"35 aid trucks per day" in one article and "250 Aid trucks a day" in another count the same thing:
``figure_key`` makes both ``FigureKey("count", "aid truck", "", "day")`` (kind, object, unit, per).
The store never loads spaCy, so this is a small rule rather than the parser's lemmas:

* lower case (Unicode case folding), whitespace collapsed, punctuation at the ends of words dropped;
* determiners and possessive pronouns dropped wherever they stand ("the", "a", "an", "these",
  "their", …): "members of the security forces" and "members of security forces" are one;
* every word made singular by the regular English plurals: "-ies" → "-y" ("casualties"),
  "-sses"/"-shes"/"-ches"/"-xes"/"-zzes" lose "-es" ("boxes", "churches"), any other final "-s"
  goes ("trucks", "hostages") unless the word ends in "-ss", "-us", "-is" or "-ous"; words of
  three letters or fewer, and words with other than letters, are kept as they are ("gas",
  "covid-19", "u.s" for "U.S.");
* a unit is keyed the same way, and a currency's mark and code are one unit ("$" and "USD").

What it does not catch: irregular plurals ("people"/"person", "children", "women", "mice"),
"-ves" plurals ("lives"), words whose singular ends in "-e" before a sibilant ("headaches" becomes
"headach", while "headache" stays), singulars ending in "-s" that the exceptions miss ("news",
"series", "species" lose their "s" — consistently, so they still group), synonyms ("lorries" and
"trucks"), a different word order ("trucks of aid" and "aid trucks") and a longer or shorter name
for the same thing ("trucks" and "aid trucks" are two groups).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .figure_words import CURRENCY_MARKS
from .model import Figure

DETERMINERS = frozenset(
    {"a", "an", "the", "this", "that", "these", "those", "some", "any", "each", "every"}
    | {"its", "their", "his", "her", "our", "your", "my", "no"}
)
"""Words that say which rather than what: dropped from a key."""

_KEEP_FINAL_S = ("ss", "us", "is", "ous")
_ES_ENDINGS = ("sses", "shes", "ches", "xes", "zzes")
_EDGE_PUNCTUATION = "\"'“”‘’.,;:!?()[]{}"
_WS = re.compile(r"\s+")


def singular(word: str) -> str:
    """``word`` (lower case) without a regular English plural ending (see the module docstring)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(_ES_ENDINGS):
        return word[:-2]
    if word.endswith("s") and not word.endswith(_KEEP_FINAL_S):
        return word[:-1]
    return word


def object_key(words: str | None) -> str:
    """What a figure's ``object`` (or ``per``) is keyed by: "The aid trucks" → "aid truck"; "" for
    none."""
    if not words:
        return ""
    kept = []
    for raw in _WS.split(words.casefold().strip()):
        word = raw.strip(_EDGE_PUNCTUATION)
        if word and word not in DETERMINERS:
            kept.append(singular(word))
    return " ".join(kept)


def unit_key(unit: str | None) -> str:
    """A unit's key: a currency's mark ("USD" and "$" are "$"), else ``object_key`` ("points" →
    "point", "%" stays)."""
    if not unit:
        return ""
    mark = CURRENCY_MARKS.get(unit.strip().upper()) or CURRENCY_MARKS.get(unit.strip())
    if mark is not None:
        return mark
    return object_key(unit) or unit.strip().casefold()


UNGROUPED_KINDS = frozenset({"date", "year", "ordinal", "score"})
"""Kinds of figure that place or rank things rather than count them: they have no group."""


@dataclass(frozen=True, slots=True)
class FigureKey:
    """What figures across the library must share to be one group: their kind, what they count, in
    what unit, per what."""

    kind: str
    object: str
    unit: str = ""
    per: str = ""

    @property
    def is_empty(self) -> bool:
        """A figure with no group: it counts nothing named ("5 years" of nothing, "$3 billion"
        alone: its object is no more than its unit), or its kind places rather than counts
        (``UNGROUPED_KINDS``)."""
        return not self.object or self.object == self.unit or self.kind in UNGROUPED_KINDS

    def words(self) -> str:
        """The key as one line: "aid truck per day", "$ aid"."""
        parts = [self.unit, self.object] if self.unit in CURRENCY_MARKS.values() else [self.object, self.unit]
        text = " ".join(p for p in parts if p)
        return f"{text} per {self.per}" if self.per else text


def figure_key(kind: str, object: str | None, unit: str | None = None, per: str | None = None) -> FigureKey:
    """The group key of a figure of this ``kind``, ``object``, ``unit`` and ``per``."""
    return FigureKey(kind, object_key(object), unit_key(unit), object_key(per))


def key_of(figure: Figure) -> FigureKey:
    """The group key of ``figure``."""
    return figure_key(figure.kind, figure.object, figure.unit, figure.per)
