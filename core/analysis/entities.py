"""Named entities with document-level consistency and canonical names.

spaCy's NER labels each mention on its own, so one person can come out as PERSON, ORG and GPE in
the same article. Here a surname that completes a full PERSON name seen in the document is that
person everywhere, labels of repeated names are made consistent by majority, and every mention gets
a canonical name ("Cook" → "Steven Cook", "the U.S." → "United States").
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Entity
from .lexicon import CANONICAL_ALIASES, CUE_VERBS, NAME_PARTICLES, NAME_PREFIXES, ORG_HEAD_WORDS, PERSON_TITLES

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from spacy.tokens import Doc, Token

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})
POSSESSIVE_ENDINGS = ("’s", "'s", "’", "'")
_PREFIXES = frozenset(w.rstrip(".") for w in NAME_PREFIXES)


@dataclass(slots=True)
class Mention:
    start: int  # character offsets
    end: int
    tstart: int  # token offsets
    tend: int
    label: str
    text: str
    canonical: str


@dataclass
class EntityIndex:
    """The entities of one document and fast look-ups from tokens to them."""

    mentions: list[Mention] = field(default_factory=list)
    token_mention: dict[int, int] = field(default_factory=dict)  # token index -> mention index
    aliases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    full_names: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    propn_names: dict[str, str] = field(default_factory=dict)
    initials: dict[str, str] = field(default_factory=dict)  # "CFR" -> "Council on Foreign Relations"

    def at_token(self, i: int) -> Mention | None:
        k = self.token_mention.get(i)
        return None if k is None else self.mentions[k]

    def person_for(self, surface: str, pos: int) -> str | None:
        """The full name a bare surname (or first name) stands for at character ``pos``."""
        cands = self.full_names.get(surface.lower())
        if not cands:
            return None
        starts = [c[0] for c in cands]
        k = bisect_right(starts, pos) - 1
        return cands[k][1] if k >= 0 else cands[0][1]

    def add(self, m: Mention) -> None:
        """Register a mention found after NER (a speaker's name the model missed)."""
        if any(i in self.token_mention for i in range(m.tstart, m.tend)):
            return
        self.mentions.append(m)
        for i in range(m.tstart, m.tend):
            self.token_mention[i] = len(self.mentions) - 1
        self.aliases[m.canonical].add(m.text)

    def finish(self) -> None:
        """Sort the mentions again after :meth:`add` and rebuild the token map."""
        self.mentions.sort(key=lambda m: (m.start, m.end))
        self.token_mention = {i: k for k, m in enumerate(self.mentions) for i in range(m.tstart, m.tend)}

    def to_entities(self) -> list[Entity]:
        return [Entity(m.start, m.end, m.label, m.text, m.canonical) for m in self.mentions]


def strip_possessive(s: str) -> str:
    for end in POSSESSIVE_ENDINGS:
        if s.endswith(end) and len(s) > len(end) + 1:
            return s[: -len(end)]
    return s


def title_like(toks: Iterable[Token]) -> bool:
    """Every word capitalised, small words aside: a title or a name (“The One I Love”), not speech."""
    words = [t for t in toks if t.is_alpha]
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "or"}
    return bool(words) and all(t.is_title or t.lower_ in small for t in words)


def clean_name(s: str) -> str:
    """Drop a leading article, titles/honorifics, a possessive and stray punctuation."""
    s = strip_possessive(" ".join(s.split()).strip(" ,.;:\"“”‘’'()[]-—"))
    words = s.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _PREFIXES:
        words.pop(0)
    return " ".join(words)


def canonical_name(text: str, label: str) -> str:
    base = clean_name(text)
    alias = CANONICAL_ALIASES.get(base.lower()) or CANONICAL_ALIASES.get(base.lower().removeprefix("the "))
    if alias and label in ("GPE", "ORG", "LOC", "NORP"):
        return alias
    if label != "PERSON" and base.lower().startswith("the ") and len(base) > 4:
        base = base[4:]
    return base


def build(doc: Doc, quoted: Sequence[tuple[int, int]] = ()) -> EntityIndex:
    """The entities of ``doc``; ``quoted`` holds the (start, end) of its quotations, in order.

    A full name written only inside a quotation ("Crooked Hillary Clinton", a chant of "Fascist
    Trump") is an epithet, not what the article calls the person: it never completes a surname.
    """
    idx = EntityIndex()
    ents = _people_by_title(doc, _split_place_prefixed_names(doc, list(doc.ents)))
    starts = [a for a, _ in quoted]

    def in_quote(char: int) -> bool:
        k = bisect_right(starts, char) - 1
        return k >= 0 and quoted[k][0] <= char < quoted[k][1]

    # 1. Full PERSON names (two or more words) and the surnames/first names they cover.
    by_surname: dict[str, list[tuple[int, str]]] = defaultdict(list)
    person_votes: Counter[str] = Counter()
    label_votes: dict[str, Counter[str]] = defaultdict(Counter)
    for ent in ents:
        if ent.label_ not in NAME_LABELS:
            continue
        label, e = ent.label_, doc[_after_cue(doc, ent.start, ent.end) : ent.end]
        name = clean_name(e.text)
        if not name:
            continue
        label_votes[name.lower()][label] += 1
        if label == "PERSON":
            person_votes[name.lower()] += 1
            parts = name.split()
            toks = [t for t in e if t.text in parts]
            if (
                len(parts) >= 2
                and not in_quote(e.start_char)
                and parts[0][:1].isupper()
                and parts[-1][:1].isupper()
                and all(p[:1].isupper() or p in NAME_PARTICLES for p in parts)
                and all(t.pos_ == "PROPN" for t in toks[:1] + toks[-1:])
                and not (toks and toks[0].is_sent_start and toks[0].lower_.endswith(("ing", "ed")))
            ):
                by_surname[parts[-1].lower()].append((e.start_char, name))
                by_surname[name.lower()].append((e.start_char, name))
                if len(parts) >= 3:  # "Joel Eriksson Ek" is later "Eriksson Ek"
                    by_surname[" ".join(parts[-2:]).lower()].append((e.start_char, name))
    _prefer_longer_names(by_surname)
    _first_names(by_surname)
    # Proper-noun pairs the NER did not label as a person ("Diego Schwartzman" tagged ORG) may still
    # complete a bare surname that a speaker is called by later; kept apart from the entities.
    for i in _compound_pairs(doc):
        tok = doc[i]
        head = tok.head
        if (
            tok.pos_ == "PROPN"
            and tok.is_title
            and tok.dep_ == "compound"
            and head.i == tok.i + 1
            and head.pos_ == "PROPN"
            and head.is_title
            and head.lower_ not in by_surname
            and head.lower_ not in idx.propn_names
            and (tok.i == 0 or not doc[tok.i - 1].is_title or doc[tok.i - 1].lower_ in NAME_PREFIXES)
            and (head.i + 1 >= len(doc) or not doc[head.i + 1].is_title)
            and tok.lower_ not in NAME_PREFIXES
        ):
            idx.propn_names[head.lower_] = f"{tok.text} {head.text}"
    # A surname shared by two different full names resolves to the latest one mentioned before it.
    idx.full_names = {k: sorted(v) for k, v in by_surname.items()}
    # Names of organisations and places, so that a pair inside one ("Blue Origin") is not a person.
    non_person = " | ".join(clean_name(e.text).lower() for e in ents if e.label_ in NAME_LABELS - {"PERSON"})

    def mention(start_tok: int, end_tok: int, label: str) -> Mention:
        start_tok = _after_cue(doc, start_tok, end_tok)
        span = doc[start_tok:end_tok]
        text = span.text
        # Trim a trailing possessive token that NER sometimes includes.
        while end_tok - start_tok > 1 and doc[end_tok - 1].text in ("’s", "'s", "’", "'"):
            end_tok -= 1
            span = doc[start_tok:end_tok]
            text = span.text
        name = clean_name(text)
        key = name.lower()
        canon: str | None = None
        if label in NAME_LABELS:
            full = idx.person_for(key, span.start_char)
            # an organisation called by its first word; never a person's name ("Trump" is no "Trump Train")
            opened = (
                organisation_opened_by(idx.mentions, name)
                if " " not in name and label == "ORG" and not person_votes.get(key)
                else None
            )
            if full is not None:
                label, canon = "PERSON", full
            elif opened is not None:
                label, canon = "ORG", opened  # "Peabody said" after "Peabody Energy"
            elif (
                label in ("PERSON", "ORG")
                and " " not in name
                and key in idx.propn_names
                and idx.propn_names[key].lower() not in non_person
            ):
                # "Zach Parise’s goal" (no entity) … "Parise said" (PERSON or ORG): the full name
                label, canon = "PERSON", idx.propn_names[key]
            elif label != "PERSON" and person_votes.get(key):
                votes = label_votes[key]
                if votes["PERSON"] >= max(votes.values()) and len(name.split()) == 1:
                    label = "PERSON"
            elif label_votes.get(key) and len(label_votes[key]) > 1:
                top = label_votes[key].most_common(1)[0]
                if top[1] > label_votes[key][label]:
                    label = top[0]
        if canon is None:
            canon = canonical_name(text, label) if label in NAME_LABELS else text
        return Mention(span.start_char, span.end_char, start_tok, end_tok, label, text, canon or text)

    covered = [False] * len(doc)
    for e in ents:
        m = mention(e.start, e.end, e.label_)
        for i in range(m.tstart, m.tend):
            covered[i] = True
        idx.mentions.append(m)
    # 2. Surnames that NER missed entirely ("Cook said" with no entity on "Cook").
    if idx.full_names:
        for tok in doc:
            if covered[tok.i] or not tok.is_title or tok.pos_ not in ("PROPN", "NOUN", "X", "ADV", "ADJ"):
                continue
            if tok.pos_ in ("ADV", "ADJ") and tok.is_sent_start:
                continue  # "Still, …": a capital that only opens a sentence
            full = idx.person_for(tok.lower_, tok.idx)  # None unless a full name ends in this word
            if full is not None and (tok.i + 1 >= len(doc) or not doc[tok.i + 1].is_title):
                if tok.i > 0 and doc[tok.i - 1].is_title and not doc[tok.i - 1].is_sent_start:
                    continue
                idx.mentions.append(
                    Mention(tok.idx, tok.idx + len(tok.text), tok.i, tok.i + 1, "PERSON", tok.text, full)
                )
        idx.mentions.sort(key=lambda m: m.start)
    for k, m in enumerate(idx.mentions):
        for i in range(m.tstart, m.tend):
            idx.token_mention[i] = k
        if m.label in NAME_LABELS:
            idx.aliases[m.canonical].add(clean_name(m.text))
    _acronyms(idx)
    return idx


def organisation_opened_by(mentions: list[Mention], word: str, before: int | None = None) -> str | None:
    """The one organisation named (before character ``before``) whose name opens with ``word`` and
    goes on: "Peabody said" after "Peabody Energy"."""
    names = {
        m.canonical
        for m in mentions
        if m.label == "ORG"
        and (before is None or m.start < before)
        and " " in m.canonical
        and m.canonical.split()[0] == word
    }
    return names.pop() if len(names) == 1 else None


def _after_cue(doc: Doc, start: int, end: int) -> int:
    """The first token of an entity after a leading cue the NER took for part of it ("Said Okafor")."""
    while end - start > 1 and doc[start].pos_ == "VERB" and doc[start].lemma_.lower() in CUE_VERBS:
        start += 1
    return start


def _first_names(by_surname: dict[str, list[tuple[int, str]]]) -> None:
    """A first word that opens exactly one full name and no other name stands for that person.

    "Ban recalled" after "Ban Ki-moon", "Bernie said" after "Bernie Sanders"; when two people
    share the word ("Bill Clinton", "Bill Skelly") it stands for neither.
    """
    firsts: dict[str, set[str]] = defaultdict(set)
    positions: dict[str, int] = {}
    for cands in by_surname.values():
        for pos, name in cands:
            parts = name.split()
            if len(parts) >= 2 and len(parts[0].rstrip(".")) > 1 and parts[0].lower() not in NAME_PREFIXES:
                firsts[parts[0].lower()].add(name)
                positions[name] = min(pos, positions.get(name, pos))
    for word, names in firsts.items():
        if len(names) == 1 and word not in by_surname:
            (name,) = names
            by_surname[word] = [(positions[name], name)]


def _prefer_longer_names(by_surname: dict[str, list[tuple[int, str]]]) -> None:
    """A full name that ends an earlier, longer full name is that person ("Eriksson Ek")."""
    longer = sorted({(pos, name) for cands in by_surname.values() for pos, name in cands if name.count(" ") >= 2})
    if not longer:
        return
    for cands in by_surname.values():
        for k, (pos, name) in enumerate(cands):
            for lpos, lname in longer:
                if lpos <= pos and lname != name and lname.lower().endswith(" " + name.lower()):
                    cands[k] = (pos, lname)
                    break


def _people_by_title(doc: Doc, ents: list) -> list:
    """'Fox News host Sean Hannity' tagged ORG: a name right after a person's title is a person.

    Only two or three capitalised proper nouns with none of an organisation's head words
    ("Group", "Party") count, after a lower-case word of :data:`lexicon.PERSON_TITLES`.
    """
    from spacy.tokens import Span

    out = []
    for e in ents:
        if (
            e.label_ == "ORG"
            and 2 <= len(e) <= 3
            and e.start > 0
            and doc[e.start - 1].lower_ in PERSON_TITLES
            and doc[e.start - 1].is_lower
            and all(t.pos_ == "PROPN" and t.is_title for t in e)
            and not {t.lower_ for t in e} & ORG_HEAD_WORDS
        ):
            e = Span(doc, e.start, e.end, label="PERSON")
        out.append(e)
    return out


def _split_place_prefixed_names(doc: Doc, ents: list) -> list:
    """'envoy to Ukraine Kurt Volker' tagged as one ORG: a place, then a person who speaks later.

    The person part is split off only when its last word is elsewhere the subject of a speech verb.
    """
    from spacy.tokens import Span

    from .lexicon import CUE_VERBS

    places = {e.text.lower() for e in ents if e.label_ in ("GPE", "NORP") and len(e) == 1}
    out = []
    for e in ents:
        if (
            e.label_ in ("ORG", "FAC", "PRODUCT", "WORK_OF_ART")
            and 3 <= len(e) <= 4
            and e[0].lower_ in places
            and all(t.pos_ == "PROPN" and t.is_title for t in e[1:])
        ):
            last = e[-1].lower_
            speaks = any(
                t.lower_ == last and t.dep_ == "nsubj" and t.head.lemma_.lower() in CUE_VERBS
                for t in doc
                if t.i >= e.end
            )
            if speaks:
                out.append(Span(doc, e.start, e.start + 1, label="GPE"))
                out.append(Span(doc, e.start + 1, e.end, label="PERSON"))
                continue
        out.append(e)
    return out


def _compound_pairs(doc: Doc) -> list[int]:
    """Indexes of PROPN tokens that are a compound of the next token (found without Token objects)."""
    from spacy.attrs import DEP, HEAD, POS

    if len(doc) < 2:
        return []
    arr = doc.to_array([POS, DEP, HEAD])
    propn = doc.vocab.strings["PROPN"]
    compound = doc.vocab.strings["compound"]
    mask = (arr[:, 0] == propn) & (arr[:, 1] == compound) & (arr[:, 2].astype("int64") == 1)
    return [int(i) for i in mask.nonzero()[0]]


def _acronyms(idx: EntityIndex) -> None:
    """'CFR' → 'Council on Foreign Relations' when the initials of a longer ORG name match.

    The initials are kept in ``idx.initials`` for acronyms that are not entities themselves.
    """
    initials = idx.initials
    for m in idx.mentions:
        if m.label == "ORG" and len(m.canonical.split()) >= 2:
            init = "".join(w[0] for w in m.canonical.split() if w[:1].isupper())
            if len(init) >= 2:
                initials.setdefault(init, m.canonical)
    if not initials:
        return
    for m in idx.mentions:
        if m.label == "ORG" and m.canonical.isupper() and m.canonical in initials:
            full = initials[m.canonical]
            idx.aliases[full].add(m.canonical)
            m.canonical = full
