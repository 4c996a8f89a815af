"""What an article calls each person, so that "the Florida senator" finds the one it means.

News names a person once with titles and shorthand ("Sen. Marco Rubio (R-Fla.)", "New Jersey Gov.
Chris Christie", "Ben Carson, the retired neurosurgeon,") and later refers back by description
alone ("the Florida senator said"). :class:`Descriptions` gathers, for every person named outside a
quotation, the words that describe them — title words before the name, an apposition, party and
state shorthand after it, "of Florida" — in one normal form ("Sen." is "senator", "Fla." is
"florida", "R" is "republican"). :meth:`Descriptions.holder` then reads a definite description and
returns the one person named before it whose words hold its head noun and every place or party it
names; two such people, or none, give ``None``: a wrong name is worse than none.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .docmap import DocMap
from .entities import EntityIndex, Mention
from .lexicon import ROLE_ABBREVIATIONS
from .roles import party_state_after

if TYPE_CHECKING:
    from spacy.tokens import Token

TITLE_REACH = 8  # tokens before a name that may be its title ("Republican presidential candidate")
APPOSITION_MAX = 20
PARTIES = {"r": "republican", "d": "democratic", "i": "independent", "gop": "republican", "democrat": "democratic"}
# Two spellings of one head word.
SAME_HEAD = {"frontrunner": "front-runner", "congresswoman": "congressman", "representative": "congressman"}
# Words of a description that say nothing of who is meant ("the former senator" is still a senator).
SOFT_WORDS = frozenset(
    {"the", "a", "an", "former", "then", "current", "longtime", "presumptive", "likely", "embattled", "top", "new"}
)
# Entity labels whose words in a description must match: "the Vermont senator" is nobody else's.
HARD_LABELS = frozenset({"GPE", "NORP", "LOC"})


def normal(word: str) -> str:
    """One form for a description word: lower-case, titles spelled out, one name per party."""
    w = word.lower().strip(".,")
    w = ROLE_ABBREVIATIONS.get(w + ".", ROLE_ABBREVIATIONS.get(w, w))
    w = PARTIES.get(w, w)
    return SAME_HEAD.get(w, w)


@dataclass
class Descriptions:
    """Description words per person (canonical name), and where each was first named."""

    dm: DocMap
    ents: EntityIndex
    words: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    first_at: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, dm: DocMap, ents: EntityIndex) -> Descriptions:
        out = cls(dm, ents)
        for m in ents.mentions:
            if m.label != "PERSON" or dm.quoted(m.tstart):
                continue
            out.first_at.setdefault(m.canonical, m.start)
            if out._shared_surname(m):
                continue  # "former President Bush" in an article with two Bushes describes neither
            out.words[m.canonical].update(out._mention_words(m))
        return out

    def _shared_surname(self, m: Mention) -> bool:
        words = m.text.split()
        if len(words) != 1:
            return False
        return len({name for _, name in self.ents.full_names.get(words[0].lower(), ())}) > 1

    def _mention_words(self, m: Mention) -> set[str]:
        doc, dm, ents = self.dm.doc, self.dm, self.ents
        root = doc[m.tstart : m.tend].root
        # the noun phrase's words before the name: "New Jersey Gov.", "Republican presidential candidate"
        toks = [
            t
            for t in doc[max(root.left_edge.i, m.tstart - TITLE_REACH) : m.tstart]
            if not dm.quoted(t.i) and ((e := ents.at_token(t.i)) is None or e.label != "PERSON")
        ]
        for c in root.children:
            if c.dep_ == "appos" and not (m.tstart <= c.i < m.tend):
                toks.extend(t for t in c.subtree if not dm.quoted(t.i))
            elif c.dep_ == "prep" and c.lower_ == "of":
                toks.extend(t for t in c.subtree if (e := ents.at_token(t.i)) is not None and e.label == "GPE")
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":  # "the Florida senator, Marco Rubio"
            toks.extend(t for t in root.head.subtree if t.i < m.tstart and not dm.quoted(t.i))
        words = {normal(t.text) for t in toks[: APPOSITION_MAX + TITLE_REACH] if not t.is_punct}
        shorthand = party_state_after(dm.text, m.end)  # ", R-Fla.", " (D-Calif.)"
        if shorthand is not None:
            party, state = shorthand
            words.add(normal(party.split()[0]))
            words.update(normal(w) for w in (state or "").split())
        return {w for w in words if w}

    def holder(self, tok: Token) -> str | None:
        """The one person named before ``tok`` that the definite description headed by ``tok`` fits."""
        head = normal(tok.text)
        hard: set[str] = set()
        soft: set[str] = set()
        for t in tok.subtree:
            if t.i == tok.i or t.is_punct or t.dep_ in ("det", "relcl", "acl") or self.dm.quoted(t.i):
                continue
            if t.i > tok.i and not (t.dep_ in ("prep", "pobj", "compound") and t.head.i >= tok.i):
                continue
            w = normal(t.text)
            e = self.ents.at_token(t.i)
            if (e is not None and e.label in HARD_LABELS) or w in PARTIES.values():
                hard.add(w)
            elif w not in SOFT_WORDS and t.lower_ not in ("from", "of", "and"):
                soft.add(w)
        fits = [
            name
            for name, words in self.words.items()
            if self.first_at[name] < tok.idx and head in words and hard <= words
        ]
        if len(fits) > 1:
            best = max(len(soft & self.words[n]) for n in fits)
            fits = [n for n in fits if len(soft & self.words[n]) == best]
        return fits[0] if len(fits) == 1 else None


__all__ = ["Descriptions", "normal"]
