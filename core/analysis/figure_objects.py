"""What a figure counts, pays for, measures or is a share of, read from the dependency parse: the
rules :class:`figures.FigureFinder` asks once it has a number and its kind.

The object of a figure is the noun it modifies (with a short "of" phrase that says which, or the
rest of a list), the group it is "of", what money is "in"/"for"/"toward"/"worth" or the price of
(the thing sold or bought), what a verb changes "by" it, the noun a figure is "of", or the subject of
the verb that gives it as a level or a change ("U.S. crude fell 3.38% to $55.12"; the name written
before a verb the parse left without a subject; "the euro up 0.05%"), a figure its verb names ("to
yield 1.786%"), what a verb that moves money names ("earned": earnings), a currency's exchange
rate, the index a bare level is of, or a distance's place. Names are read with the modifiers that
belong to them ("Dow Jones Industrial Average", "Truck and SUV sales", "STOXX 600 index"), never an
instrument code (".DJI", "EUR=").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from .entities import EntityIndex
from .lexicon import (
    AMOUNT_VERBS,
    CHANGE_VERBS,
    CURRENCY_WORDS,
    LEVEL_VERBS,
    MEASURE_UNITS,
    MULTIPLIERS,
    TIME_UNITS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Money a verb moves, named as what it is ("earned $2.8 billion": earnings).
MONEY_VERBS = {
    "earn": "earnings", "spend": "spending", "lose": "losses", "owe": "debt", "donate": "donations",
    "pay": "payment", "borrow": "borrowing", "invest": "investment", "save": "savings", "fine": "fine",
}  # fmt: skip
PER_CURRENCY_RE = re.compile(r"\s+per\s+(dollar|euro|pound|yen|yuan)\b", re.IGNORECASE)
COMPASS_WORDS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "away", "off", "offshore"}
)
DASHES = frozenset({"―", "—", "–", "-", ","})
NAME_DEPS = frozenset({"compound", "amod", "nmod", "cc", "conj"})
PERCENT_WORDS = frozenset({"%", "percent", "cent", "pct"})
# nouns of a change: a percentage of one is a change of the subject the sentence gives a level of
CHANGE_NOUNS = frozenset({"gain", "rise", "increase", "jump", "drop", "decline", "fall", "loss", "decrease"})
# "rose to $27.2 billion", "down from 1.808%", "stayed below 6 percent": a level through its preposition
LEVEL_PREPOSITIONS = frozenset({"to", "by", "at", "of", "from", "below", "above", "under", "over", "near", "around"})
INDEX_NOUNS = frozenset({"index", "indicator", "score", "rating", "reading", "level", "average"})
PART_WORDS = frozenset({"some", "all", "most", "part", "half", "much", "many"})
DIRECTION_WORDS = frozenset({"up", "down", "higher", "lower"})


def is_code(word: str) -> bool:
    """A ticker or instrument code (".DJI", "CLc1", "LCOc1", "EUR="), not a word."""
    if word.startswith(".") or (len(word) > 1 and word.endswith("=")):
        return True
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def amount_head(tok, deps: tuple[str, ...] = ("nummod", "quantmod", "compound")):
    """The word a number's parts hang on ("$" "27.53" "billion" → the noun they count, or the
    last of them), climbing ``deps``; where the amount as a whole stands in its sentence."""
    head = tok
    while head.dep_ in deps and head.head.i != head.i:
        head = head.head
    return head


class ObjectRules:
    """The parse rules for what a figure is of, over one parsed article (``doc`` of ``text``)."""

    doc: Doc
    text: str
    ents: EntityIndex
    starts: list[int]  # each token's character offset
    ment_starts: list[int]  # each entity mention's start

    def _token_at(self, char: int):
        k = bisect_right(self.starts, char) - 1
        return self.doc[max(k, 0)]

    def _mention_at(self, char: int):
        k = bisect_right(self.ment_starts, char) - 1
        if k >= 0 and self.ents.mentions[k].end > char:
            return self.ents.mentions[k]
        return None

    def _noun_phrase(self, head) -> str:
        """The noun ``head`` with the modifiers just before it ("U.S. crude", "Dow Jones Industrial
        Average"); a ticker code the parse made the head ("… Average .DJI") gives way to the words."""
        inside = {t.i for t in head.subtree}
        if is_code(head.text) and head.i > 0 and head.i - 1 in inside and not is_code(self.doc[head.i - 1].text):
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

    def _modified_from(self, at: int, word: str) -> str:
        """The words from ``at`` to the noun the word there modifies ("Earth-Mars cruise"), or the word."""
        tok = self._token_at(at)
        head = tok.head
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        if tok.dep_ in ("compound", "amod", "nmod") and head.i > tok.i and head.pos_ == "NOUN" and head.i - tok.i <= 4:
            return self.doc[tok.i : head.i + 1].text
        return word

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
        if modifies and head.lower_ in ("worth", "value"):  # "$125 billion worth of Chinese goods"
            worth_of = self._pobj_phrase(next((c for c in head.rights if c.lower_ == "of"), head))
            if worth_of is not None:
                return worth_of
        if modifies and head.lower_ not in CURRENCY_WORDS and head.lower_ not in MULTIPLIERS:
            return self._noun_phrase(head)
        k = bisect_left(self.starts, end)
        while k < len(self.doc) and self.doc[k].is_space:
            k += 1
        nxt = self.doc[k] if k < len(self.doc) else None
        if nxt is not None and nxt.lower_ in ("in", "for", "toward", "towards", "on"):
            objs = [c for c in nxt.children if c.dep_ == "pobj"]
            if objs and objs[0].lower_ in PART_WORDS:  # "$1 billion for some of Neumann’s shares"
                part_of = self._pobj_phrase(next((c for c in objs[0].rights if c.lower_ == "of"), objs[0]))
                if part_of is not None:
                    return part_of
            objs = [c for c in objs if c.pos_ in ("NOUN", "PROPN")]
            if objs and (what := self._not_when(objs[0])) is not None:
                return what
        return self._bought(tok) or self._coming_in(tok) or self._for_purpose(tok)

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
            return self._noun_phrase(noun) + self._conj_tail(noun)  # "$6.5 billion in debt and equity"
        if noun.lower_ in TIME_UNITS:
            return self._pobj_phrase(next((c for c in noun.rights if c.lower_ == "of"), noun))
        return None

    def _conj_tail(self, noun) -> str:
        """ " and equity" after "debt": the nouns joined to ``noun`` by "and"/"or", with their words."""
        conj = [c for c in noun.rights if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
        if not conj or conj[0].i - noun.i > 2:
            return ""
        end = max(t.i for t in conj[0].subtree if t.dep_ in ("conj", "cc") or t.i == conj[0].i)
        return " " + self.doc[noun.i + 1 : end + 1].text

    def _for_purpose(self, tok) -> str | None:
        """What money a verb charges or pays is for when a "to" clause says it: "charge WeWork almost
        $6 million to use his trademark of the word “We”" → trademark of the word “We”."""
        head = self._restated(tok)
        if head.dep_ != "dobj" or head.head.pos_ != "VERB":
            return None
        for clause in head.head.children:
            if (
                clause.dep_ in ("xcomp", "advcl")
                and clause.i > head.i
                and any(a.lower_ == "to" for a in clause.children)
            ):
                things = [c for c in clause.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]
                if things:
                    return self._noun_phrase(things[0]) + self._of_phrase(things[0])
        return None

    def _bought(self, tok) -> str | None:
        """What money written as the price "for" or the worth of something pays for: the thing sold
        or bought ("sold the company the right to use the word “We” for $5.9 million", "Meetup,
        which it acquired for $200 million", "fresh air for Rs 300"), or what is "worth" it ("a
        lifeline … worth up to $8 billion")."""
        head = self._restated(tok)
        prep = head.head
        if head.dep_ != "pobj" or prep.lower_ not in ("for", "worth", "from") or prep.head.i == prep.i:
            return None
        taker = prep.head
        if taker.pos_ in ("NOUN", "PROPN") and taker.i < prep.i and taker.ent_type_ not in ("DATE", "TIME"):
            if taker.dep_ == "pobj" and taker.head.lower_ == "with" and taker.head.head.pos_ in ("NOUN", "PROPN"):
                taker = taker.head.head  # "AirPods 2 with wireless charging case for $150": the AirPods
            return self._noun_phrase(taker)  # "fresh air for Rs 300", "MacBook models from $700"
        if prep.lower_ == "from" and taker.lemma_.lower() in LEVEL_VERBS:
            return None  # "fell from $750": a level, not a price
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
        head = amount_head(tok)
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
            head = amount_head(head, ("nummod", "quantmod", "compound", "nmod"))
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
        if not subjects and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
            subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]  # "… weakened, hitting 16%"
        if subjects:
            subject = subjects[0]
            return self._subject_phrase(subject) if subject.pos_ in ("NOUN", "PROPN") else None
        return self._name_before(verb)

    def _name_before(self, verb) -> str | None:
        """The proper name written just before ``verb`` (instrument codes skipped): "the S&P 500
        .SPX lost …" → S&P 500."""
        k = verb.i - 1
        while k >= verb.sent.start and is_code(self.doc[k].text):
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
        if is_code(head.text):
            return name
        end = head.i
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.i != end + 1 or prep.lower_ not in ("of", "across", "outside", "in"):
                break
            words = list(prep.subtree)
            if len(words) > 6 or any((t.is_punct and t.text != "-") or is_code(t.text) for t in words):
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
