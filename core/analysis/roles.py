"""Roles and organisations of people who speak: "Steven Cook, a senior fellow at the Council…".

A role is a whole noun phrase headed by a title or an occupation ("vice-chancellor",
"chief market strategist"), taken from an apposition next to any mention of the person or from
the title words right before the name ("Prime Minister Benjamin Netanyahu"). Congressional
shorthand after a name ("Sen. Ben Sasse, R-Neb.") gives the party as organisation and the state
with the role. Anything that is not headed by such a word is no role and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from .docmap import DocMap
from .entities import EntityIndex, Mention
from .lexicon import HONORIFICS, OCCUPATION_ENDINGS, ROLE_ABBREVIATIONS, TITLE_WORDS, US_STATES

if TYPE_CHECKING:
    from spacy.tokens import Token

ROLE_MODIFIERS = frozenset({"former", "late", "acting", "deputy", "assistant", "then", "current", "new", "vice", "co"})
_PREPS = frozenset({"at", "of", "for", "with", "in", "from"})
_PARTY = {"r": "Republican Party", "d": "Democratic Party", "i": "independent"}
# "R-Neb.", "D-Calif.", "(R-Texas)", "R-WI"
_AFTER_NAME = re.compile(r"\s*,\s*([RDI]\s*[-–]\s*[A-Z][A-Za-z.]{1,12})|\s*\(([RDI]\s*[-–]\s*[A-Z][A-Za-z. ]{1,14})\)")
PARTY_STATE = re.compile(r"^\(?\s*([RDI])\s*[-–]\s*([A-Z][A-Za-z.]{1,12}(?:\s[A-Z][a-z.]+)?)\s*\)?$")


def is_role_head(word: str) -> bool:
    """A title or an occupation noun ("senator", "co-founder", "strategist", "lawyer")."""
    w = word.lower().strip(".")
    if w in ROLE_MODIFIERS:
        return False  # "former", "acting": they qualify a role, they are none
    if w in TITLE_WORDS or w + "." in TITLE_WORDS:
        return True
    last = re.split(r"[-–]", w)[-1]
    return last in TITLE_WORDS or last.endswith(OCCUPATION_ENDINGS)


def party_and_state(text: str) -> tuple[str, str | None] | None:
    """("Republican Party", "Nebraska") for "R-Neb."; None when ``text`` is not that shorthand."""
    m = PARTY_STATE.match(text.strip())
    if not m:
        return None
    state = US_STATES.get(re.sub(r"[.\s]", "", m.group(2)).lower())
    return _PARTY[m.group(1).lower()], state


def party_state_after(text: str, end: int) -> tuple[str, str | None] | None:
    """Party and state written right after a name that ends at ``end``: ", R-Neb.," or " (D-Calif.)"."""
    hit = _AFTER_NAME.match(text[end : end + 24])
    return party_and_state(hit.group(1) or hit.group(2)) if hit else None


def expand_title(word: str) -> str:
    """A title's abbreviation spelled out ("Sen." → "senator"); other words unchanged."""
    return ROLE_ABBREVIATIONS.get(word.lower(), word)


@dataclass
class RoleFinder:
    dm: DocMap
    ents: EntityIndex
    cache: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def role_of(self, name: str) -> str | None:
        return self.role_and_org(name)[0]

    def role_and_org(self, name: str) -> tuple[str | None, str | None]:
        if name not in self.cache:
            self.cache[name] = self._role_and_org(name)
        return self.cache[name]

    def _role_and_org(self, name: str) -> tuple[str | None, str | None]:
        mentions = [m for m in self.ents.mentions if m.canonical == name]
        if not mentions or mentions[0].label != "PERSON":
            return None, None
        role = org = None
        state = None
        for m in sorted(mentions, key=lambda m: (-len(m.text.split()), m.start)):
            ps = self._party_state(m)
            if ps is not None:
                org = org or ps[0]
                state = state or ps[1]
            r, o = self._appositive(m)
            if r is None and o is None:
                r, o = self._pre_title(m)
            role, org = role or r, org or o
            if role and org:
                break
        if role and state and state.lower() not in role.lower():
            role = f"{role} from {state}"
        return role, org

    def _party_state(self, m: Mention) -> tuple[str, str | None] | None:
        return party_state_after(self.dm.text, m.end)

    def _appositive(self, m: Mention) -> tuple[str | None, str | None]:
        doc, dm = self.dm.doc, self.dm
        root = doc[m.tstart : m.tend].root
        apps = [c for c in root.children if c.dep_ == "appos" and not (m.tstart <= c.i < m.tend)]
        if not apps and root.dep_ == "appos" and root.head.pos_ == "NOUN":
            apps = [root.head]  # "the spokesman, John Kirby"
            toks = [t for t in root.head.subtree if root.head.left_edge.i <= t.i < m.tstart and not t.is_punct]
        elif apps:
            toks = [t for t in apps[0].subtree if not t.is_punct or t.text in ("-", "–", "’s", "'s")]
        else:
            return None, None
        if any(dm.quoted(t.i) for t in toks) or dm.quoted(root.i):
            return None, None
        toks = [t for t in toks if (e := self.ents.at_token(t.i)) is None or e.label != "PERSON"]
        if not toks or len(toks) > 25:
            return None, None
        org = None
        cut = len(toks)
        org_at = None
        for want in ("ORG", "GPE"):
            for k, t in enumerate(toks):
                em = self.ents.at_token(t.i)
                if em is not None and em.label == want:
                    org, org_at = em.canonical, k
                    break
            if org is not None:
                break
        if org_at is not None:
            # the role stops at the preposition that leads to the organisation
            prep = next((x for x in range(org_at - 1, -1, -1) if toks[x].lower_ in _PREPS), None)
            cut = prep if prep is not None else org_at
        role_toks = toks[:cut]
        while role_toks and (role_toks[0].lower_ in ("a", "an", "the") or role_toks[0].dep_ == "poss"):
            role_toks = role_toks[1:]
            while role_toks and role_toks[0].text in ("’s", "'s"):
                role_toks = role_toks[1:]
        while role_toks and (
            role_toks[-1].is_punct or role_toks[-1].lower_ in _PREPS or role_toks[-1].dep_ in ("cc", "det")
        ):
            role_toks = role_toks[:-1]
        role = self._role_phrase(role_toks)
        return role, org

    def _role_phrase(self, toks: list[Token]) -> str | None:
        """The role as the article writes it, when it is a noun phrase headed by a role word."""
        if not toks or len(toks) > 10:
            return None
        # contiguous tokens only: a relative clause or a list cut out of the middle is no role
        for k, (a, b) in enumerate(pairwise(toks)):
            if b.i != a.i + 1:
                toks = toks[: k + 1]
                break
        text = self.dm.span_text(toks[0].i, toks[-1].i)
        words = re.findall(r"[\w.’'-]+", text)
        if not words or not any(is_role_head(w) for w in words):
            return None
        return " ".join(text.split())

    def _pre_title(self, m: Mention) -> tuple[str | None, str | None]:
        doc, dm = self.dm.doc, self.dm
        i = m.tstart - 1
        run: list[Token] = []
        while i >= 0 and len(run) < 8 and not dm.quoted(i):
            t = doc[i]
            em = self.ents.at_token(i)
            if em is not None and em.label == "PERSON":
                break
            if t.text in ("-", "–") and run and i > 0 and doc[i - 1].idx + len(doc[i - 1].text) == t.idx:
                run.append(t)  # "Vice-Chancellor", "co-founder"
                i -= 1
                continue
            if t.is_title or t.lower_ in TITLE_WORDS or (t.lower_ in ("of", "for", "and") and run) or t.is_upper:
                if t.is_punct or t.lower_ in ("the", "a", "an"):
                    break
                run.append(t)
                i -= 1
                continue
            break
        run.reverse()
        run = [t for t in run if t.lower_ not in HONORIFICS]  # "Mr." is how, not what
        while run and run[0].lower_ in ("of", "for", "and", "-", "–"):
            run = run[1:]
        if not any(t.lower_ in TITLE_WORDS for t in run):
            return None, None
        org = None
        for k, t in enumerate(run):
            em = self.ents.at_token(t.i)
            if em is not None and em.label == "ORG":
                if any(x.lower_ in ("of", "for") for x in run[:k]):
                    break  # "Secretary of State", "Minister for Health": part of the title
                org = em.canonical
        while run and (em := self.ents.at_token(run[0].i)) is not None and em.label in ("NORP", "GPE"):
            run = run[1:]
        if org is not None:
            rest = [t for t in run if not ((em := self.ents.at_token(t.i)) is not None and em.label == "ORG")]
            if rest and rest[0].lower_ not in ("of", "for"):
                run = rest
        if not run:
            return None, org
        if len(run) == 1:
            return expand_title(run[0].text), org
        return dm.span_text(run[0].i, run[-1].i), org
