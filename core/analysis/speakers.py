"""Who a cue's subject is: a person, an organisation, an anonymous source, a document — or nobody.

Two stages of attribution live here:

- :func:`cue_subject` — the speaker *candidate*: the token a cue credits (its grammatical subject,
  a passive agent, the object of "according to"), found by walking up conjoined and subordinate
  verbs ("…, adding …" is credited to the subject of the verb it hangs from);
- :class:`Resolver` — the *resolution* of that token to a :class:`SpeakerRef`: a named entity, a
  pronoun's antecedent (gender and number agree; never someone named only inside a quotation), an
  organisation noun ("the company") or role noun ("the mayor") standing for someone the article
  named, a spokesperson's organisation, or the article's own description of an unnamed source
  ("two officials familiar with the talks") or document ("court records").

When the evidence is weak the answer is ``None``: a wrong name is worse than none.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .descriptions import Descriptions
from .docmap import DocMap
from .entities import EntityIndex, Mention, clean_name, organisation_opened_by
from .lexicon import (
    ADDRESSEE_CUES,
    DESCRIPTION_HEADS,
    DOCUMENT_NOUNS,
    FEMALE_HONORIFICS,
    FEMALE_NOUNS,
    FEMALE_PRONOUNS,
    GENERIC_SPEAKERS,
    MALE_HONORIFICS,
    MALE_NOUNS,
    MALE_PRONOUNS,
    NAME_PARTICLES,
    OBJECT_CONTROL_VERBS,
    ORG_HEAD_WORDS,
    ORG_NOUNS,
    PLURAL_PRONOUNS,
    PRONOUNS,
    RECORDING_NOUNS,
    SHARE_NOUNS,
    SPOKESPERSON_NOUNS,
    TITLE_WORDS,
)
from .roles import is_role_head

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
SUBJECT_STEPS = 4  # clauses to climb from a cue to the subject it shares ("…, telling the crowd")
PRONOUN_WINDOW = 4000  # characters back to look for a pronoun's antecedent
ORG_WINDOW = 1500  # characters back to look for the organisation "they"/"it" stands for
DESCRIPTION_MAX = 12  # tokens of an unnamed source's description
KIND_OF_LABEL = {"PERSON": "person", "ORG": "organisation", "GPE": "organisation", "NORP": "anonymous"}
SPEAKER_LABELS = frozenset(KIND_OF_LABEL)
PAREN_MAX = 8  # tokens of a parenthesis between a name and its cue: "(D-Md.)"
ROLE_MAX = 4  # words of a title or description before a name ("Texas delegate Bill Eastland")
TITLE_RUN_MAX = 10  # tokens of titles between an inverted cue and the name ("said former Gov. … Ed Rendell")
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "several", "many", "two", "three", "four", "few"})


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """A resolved speaker: the display name and its kind (see ``model.SPEAKER_KINDS``)."""

    name: str
    kind: str

    @property
    def is_named(self) -> bool:
        return self.kind in ("person", "organisation")


def cue_subject(cue: Token, quoted: Callable[[int], bool] = lambda i: False) -> Token | None:
    """The token a cue credits: its subject, a passive agent, or the object of "according to".

    A subject inside a quotation is never the candidate (``quoted`` tells which tokens are): in
    “…in panic mode,” said Leslie Wimes the parse makes both "mode" and "Wimes" subjects of *said*.
    """
    doc = cue.doc
    if cue.lower_ == "according":
        to = doc[cue.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if objs:
            return objs[0]
        return doc[cue.i + 2] if cue.i + 2 < len(doc) else None
    head = cue
    for _ in range(SUBJECT_STEPS):
        subj = [c for c in head.children if c.dep_ in SUBJECT_DEPS and not quoted(c.i)]
        if subj:
            # two subjects mean a missed sentence break ("1:50 p.m. Ferdie Pacheco once said"):
            # the one nearest the verb is its own
            return min(subj, key=lambda c: abs(c.i - head.i))
        agent = [c for c in head.children if c.dep_ == "agent"]
        if agent and cue.lemma_ != "ask":
            objs = [c for c in agent[0].children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
        if head.dep_ == "xcomp" and (obj := _object_of(head.head, quoted)) is not None:
            return obj  # "uses footage of Clinton asking", "urged supporters to say": the object speaks
        if head.dep_ in ("conj", "xcomp", "advcl", "relcl", "acl") and head.head is not head:
            if head.dep_ == "relcl" and head.head.dep_ != "ROOT":
                return head.head  # "Smith, who said …": the noun the clause describes
            if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN") and not quoted(head.head.i):
                return head.head  # "a press release saying …", "footage of Clinton asking …"
            head = head.head
            continue
        if head.dep_ == "pcomp" and head.head.dep_ == "prep":
            owner = head.head.head  # "Paul Ryan, despite admitting …", "after saying …"
            if owner.pos_ in ("NOUN", "PROPN") and not quoted(owner.i):
                return owner
            head = owner
            continue
        if quoted(head.i) and head.head is not head:
            head = head.head  # the parse hung the cue on the quoted words: their clause is no help
            continue
        break
    return None


def _object_of(verb: Token, quoted: Callable[[int], bool]) -> Token | None:
    """The direct object of ``verb`` whose own act the complement clause is ("led the journalist to
    fear …", :data:`lexicon.OBJECT_CONTROL_VERBS`), or the person a recording shows ("footage of
    Hillary Clinton asking …")."""
    objs = [c for c in verb.children if c.dep_ == "dobj" and not quoted(c.i)]
    if not objs:
        return None
    obj = objs[0]
    if obj.lemma_.lower() in RECORDING_NOUNS:
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                shown = [c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ in ("PERSON", "ORG")]
                if shown:
                    return shown[0]
        return None
    # "asked Russia to dig up …", "helped Trump explain …": the words are the subject's, not the object's
    return obj if verb.lemma_.lower() in OBJECT_CONTROL_VERBS else None


def subject_by_position(cue: Token, ents: EntityIndex, quoted: Callable[[int], bool], quote_end: int) -> Token | None:
    """A name the parse did not make the cue's subject, found by where it stands.

    For a cue :func:`cue_subject` found no subject for: when the cue follows the quotation
    (``quote_end`` is the first token after it), the name that opens the words between them, after
    at most :data:`ROLE_MAX` words of title and alone or with an appositive between commas (“…,”
    Flynn, a top Trump surrogate, said); else a person's name ending right before the cue, a
    parenthesis allowed ("Rep. Paul Ryan (R-WI) said"); else the name right after the cue ("Said Ellis: “…”",
    “…,” said Leslie Wimes) unless the cue takes whom it addresses there ("told AFP"). A possessor
    ("said Clinton's spokesman") is not a speaker.
    """
    doc = cue.doc

    def name_at(i: int) -> Token | None:
        if i >= len(doc) or quoted(i):
            return None
        m = ents.at_token(i)
        if m is None or m.tstart != i or m.label not in ("PERSON", "ORG"):
            return None
        if m.tend < len(doc) and doc[m.tend].tag_ == "POS":
            return None
        return doc[m.tend - 1]

    if quote_end < cue.i:
        j = quote_end
        while j < cue.i and doc[j].is_punct:
            j += 1
        # a title or description may come first: “…,” Texas delegate Bill Eastland, wearing …, said
        k = j
        while k < min(cue.i, j + ROLE_MAX) and name_at(k) is None and doc[k].pos_ in ("NOUN", "PROPN", "ADJ"):
            k += 1
        tok = name_at(k)
        if tok is not None:
            rest = doc[tok.i + 1 : cue.i]
            if not len(rest) or (rest[0].text == "," and rest[-1].text == ","):
                return tok
    # "Rep. Paul Ryan (R-WI) said", "chairman and president Craig Menear said": the name that
    # ends right before the cue, a parenthesis after it allowed
    k = cue.i - 1
    if k > 0 and doc[k].text == ")":
        while k > 0 and doc[k].text != "(" and cue.i - k <= PAREN_MAX:
            k -= 1
        k -= 1
    m = ents.at_token(k) if k >= 0 and not quoted(k) else None
    if m is not None and m.tend - 1 == k and m.label == "PERSON":
        return doc[k]
    if cue.lemma_.lower() not in ADDRESSEE_CUES:
        # “…,” said Skelly / said former Gov. and Party Chairman Ed Rendell; but in "told AFP" the
        # name is who was told
        j = cue.i + 1
        while j < min(len(doc), cue.i + 1 + TITLE_RUN_MAX):
            if (tok := name_at(j)) is not None:
                after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
                if after is not None and after.pos_ in ("VERB", "AUX"):
                    break  # "said Mr. Trump was …": the name opens what was said
                return tok
            t = doc[j]
            if not (t.is_title or t.lower_ in ("and", "of", "former", "the") or t.lower_ in TITLE_WORDS):
                break
            j += 1
    inverted = quote_end < cue.i and all(doc[j].is_punct for j in range(quote_end, cue.i))
    if inverted and cue.lemma_.lower() not in ADDRESSEE_CUES - {"ask"}:
        # “…,” added a New Hampshire Democrat / “…?” asked the boy: the parse made the speaker an object
        for c in cue.rights:
            if c.dep_ in ("dobj", "attr", "nsubj") and c.pos_ in ("NOUN", "PROPN") and c.i - cue.i <= ROLE_MAX + 2:
                return c
    return None


@dataclass
class Resolver:
    """Resolves candidate tokens of one article to speakers, remembering who spoke last."""

    dm: DocMap
    ents: EntityIndex
    role_of: Callable[[str], str | None] = lambda name: None
    descriptions: Descriptions | None = None
    subjects: list[tuple[int, str]] = field(default_factory=list)  # (char pos, PERSON canonical)
    gender: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        doc, dm = self.dm.doc, self.dm
        for m in self.ents.mentions:
            if m.label != "PERSON" or dm.quoted(m.tstart):
                continue  # a person named inside a quotation is not who "he"/"she" outside it is
            root = doc[m.tstart : m.tend].root
            if root.dep_ in SUBJECT_DEPS or (root.dep_ in ("appos", "conj") and root.head.dep_ in SUBJECT_DEPS):
                self.subjects.append((m.start, m.canonical))
            if m.tstart > 0:
                prev = doc[m.tstart - 1].lower_
                if prev in MALE_HONORIFICS:
                    self.gender.setdefault(m.canonical, "m")
                elif prev in FEMALE_HONORIFICS:
                    self.gender.setdefault(m.canonical, "f")

    # ------------------------------------------------------------------ salience
    def add_subject(self, pos: int, name: str) -> None:
        item = (pos, name)
        k = bisect_left(self.subjects, item)
        if k >= len(self.subjects) or self.subjects[k] != item:
            self.subjects.insert(k, item)

    def resolve_pronoun(self, pos: int, gender: str) -> str | None:
        """The last person before ``pos`` who was a subject or a speaker and whose gender agrees.

        Gender is known from the article's honorifics (Mr., Ms.), and learnt from a resolution
        only when one person in reach could be meant: a guess between two people never sets it,
        so one wrong guess cannot push every later pronoun onto someone else.
        """
        k = bisect_right(self.subjects, (pos, "\uffff")) - 1
        chosen: str | None = None
        compatible: set[str] = set()
        while k >= 0:
            at, name = self.subjects[k]
            if pos - at > PRONOUN_WINDOW:
                break
            if self.gender.get(name) in (None, gender):
                chosen = chosen or name
                compatible.add(name)
            k -= 1
        if chosen is not None and len(compatible) == 1:
            self.gender[chosen] = gender
        return chosen

    def recent_org(self, pos: int, window: int, *, subject: bool = False, word: str | None = None) -> str | None:
        """The organisation named last before ``pos`` (as a subject, or whose name holds ``word``)."""
        found = None
        named: list[str] = []
        for m in self.ents.mentions:  # sorted by position
            if m.start >= pos:
                break
            if m.label != "ORG" or self.dm.quoted(m.tstart):
                continue
            if word is not None and word in m.canonical.lower().split():
                named.append(m.canonical)
            if pos - m.start > window:
                continue
            if subject and self.dm.doc[m.tstart : m.tend].root.dep_ not in SUBJECT_DEPS:
                continue
            found = m.canonical
        return named[-1] if named else found

    # ------------------------------------------------------------------ resolution
    def resolve(self, tok: Token) -> SpeakerRef | None:
        """The speaker a candidate token stands for, or None when the evidence is weak."""
        dm = self.dm
        if dm.quoted(tok.i):
            return None  # a word inside a quotation never names its speaker
        m = self.ents.at_token(tok.i)
        if m is not None and m.label in SPEAKER_LABELS:
            return self._entity(m)
        low = tok.lower_
        if tok.pos_ == "PROPN" and tok.text != low:
            return self._proper_noun(tok)  # "says WHO" is the organisation, not the pronoun
        if low in MALE_PRONOUNS or low in FEMALE_PRONOUNS:
            gender = "m" if low in MALE_PRONOUNS else "f"
            if (local := self._clause_antecedent(tok, gender)) is not None:
                return local
            name = self.resolve_pronoun(tok.idx, gender)
            return SpeakerRef(name, "person") if name else None
        if low in PLURAL_PRONOUNS or low == "it":
            if (local := self._sentence_group(tok)) is not None:
                return local
            if low != "it" and self._people_before(tok):
                return None  # "Blinken and Austin wrote …, and they told Israel": two people, no one name
            org = self.recent_org(tok.idx, ORG_WINDOW, subject=True)
            return SpeakerRef(org, "organisation") if org else None
        if low in PRONOUNS:
            return None
        if tok.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            if tok.is_title and (of_name := self._of_name(tok, tok.i)) is not None:
                return of_name  # "Friends of the Earth" parsed as a common noun
            return self._common_noun(tok)
        return None

    def _sentence_group(self, tok: Token) -> SpeakerRef | None:
        """ "Clinton's campaign is seeking to contrast her approach with what they call …": "they" or
        "it" is the organisation or group that is the subject earlier in its own sentence."""
        for c in reversed(list(tok.sent[: tok.i - tok.sent.start])):
            if c.dep_ not in SUBJECT_DEPS or c.pos_ not in ("NOUN", "PROPN") or self.dm.quoted(c.i):
                continue
            ref = self.resolve(c)
            if ref is not None and (ref.kind == "organisation" or (ref.kind == "anonymous" and tok.lower_ != "it")):
                return ref
            return None  # the nearest subject is someone else: leave it to the wider look-up
        return None

    def _people_before(self, tok: Token) -> bool:
        """ "Blinken and Austin wrote …, and they told Israel": the subject of the clause ``tok``'s
        clause is joined to, or else the nearest subject before it, is people named together."""
        verb = tok.head
        if verb.dep_ == "conj":
            subjects = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
        else:
            subjects = [c for c in tok.sent[: tok.i - tok.sent.start] if c.dep_ in SUBJECT_DEPS][-1:]
        for c in subjects:
            if self.dm.quoted(c.i):
                continue
            words = list(c.subtree)
            people = {m.canonical for t in words if (m := self.ents.at_token(t.i)) is not None and m.label == "PERSON"}
            return len(people) >= 2 and any(t.dep_ == "cc" for t in words)
        return False

    def _clause_antecedent(self, tok: Token, gender: str) -> SpeakerRef | None:
        """ "Clinton says she appreciated …", "a woman told him she worries …": a pronoun subject of a
        clause that reports what the clause above it says is that clause's subject, gender allowing."""
        verb = tok.head
        if tok.dep_ not in SUBJECT_DEPS or verb.dep_ != "ccomp":
            return None
        subj = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS and c.i < tok.i]
        if not subj or subj[0].pos_ == "PRON" or self.dm.quoted(subj[0].i):
            return None
        noun = subj[0]
        other = FEMALE_NOUNS if gender == "m" else MALE_NOUNS
        if noun.lemma_.lower() in other:
            return None
        ref = self.resolve(noun)
        if ref is None or ref.kind not in ("person", "anonymous"):
            return None
        if ref.kind == "person" and self.gender.get(ref.name) not in (None, gender):
            return None
        return ref

    def _of_name(self, tok: Token, start: int) -> SpeakerRef | None:
        """An organisation's name with "of" that the NER did not tag: "Friends of the Earth"."""
        of = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"]
        words = {t.lower_ for t in self.dm.doc[start : tok.i + 1]}
        if not of or not words & ORG_HEAD_WORDS:
            return None
        last = of[0].right_edge.i
        if all(t.is_title or t.lower_ in ("of", "the", "and", "for") for t in self.dm.doc[of[0].i : last + 1]):
            return SpeakerRef(clean_name(self.dm.span_text(start, last)), "organisation")
        return None

    def _entity(self, m: Mention) -> SpeakerRef:
        if m.label == "NORP":
            head = self.dm.doc[m.tstart : m.tend].root
            if any(c.dep_ in ("det", "compound", "amod", "nummod") for c in head.lefts):
                return SpeakerRef(self.describe(head), "anonymous")  # "a New Hampshire Democrat"
            return SpeakerRef(m.text, "anonymous")  # "Democrats said": a group, not one body
        return SpeakerRef(m.canonical, KIND_OF_LABEL[m.label])

    def _named_child(self, tok: Token) -> SpeakerRef | None:
        """A person in apposition ("the spokesman, John Kirby") or named right before the noun."""
        for c in tok.children:
            title_pair = c.dep_ == "conj" and tok.lower_ in TITLE_WORDS  # "former Gov. and Chairman Ed Rendell"
            if (c.dep_ == "appos" or title_pair) and not self.dm.quoted(c.i):
                m = self.ents.at_token(c.i)
                if m is not None and m.label == "PERSON":
                    return SpeakerRef(m.canonical, "person")
        # "spokeswoman Jane Roe": the noun is a compound of a name the parse made its head
        if tok.dep_ == "compound" and tok.head.i > tok.i:
            m = self.ents.at_token(tok.head.i)
            if m is not None and m.label == "PERSON":
                return SpeakerRef(m.canonical, "person")
        return None

    def _organisation_of(self, tok: Token, preps: tuple[str, ...] = ("for", "of", "at", "with")) -> SpeakerRef | None:
        """X in "a spokesperson for X", "an X spokesperson", "X's spokesperson", "a statement from X"."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        m = self.ents.at_token(obj.i)
                        if m is not None and m.label in ("ORG", "GPE", "PERSON") and not self.dm.quoted(obj.i):
                            return self._entity(m)
        for c in tok.lefts:
            if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" and not self.dm.quoted(c.i):
                m = self.ents.at_token(c.i)
                if m is not None and m.label in ("ORG", "GPE"):
                    return self._entity(m)
                if m is None and c.is_title:
                    # the NER missed it here; a name it tagged elsewhere, or the word itself
                    name = clean_name(self.dm.span_text(c.left_edge.i, c.i))
                    known = [x for x in self.ents.mentions if x.label in ("ORG", "GPE") and x.text == name]
                    return self._entity(known[0]) if known else SpeakerRef(name, "organisation")
        return None

    def _proper_noun(self, tok: Token) -> SpeakerRef | None:
        low = tok.lower_
        if low in TITLE_WORDS:
            return self._common_noun(tok)
        if self._in_headline(tok):
            return None  # a title-case headline fragment is no one's name
        left = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        start = left[0].i if left else tok.i
        end = tok.i
        words = {t.lower_ for t in self.dm.doc[start : end + 1]}
        if (org := self._of_name(tok, start)) is not None:
            return org
        name = clean_name(self.dm.span_text(start, end))
        first = name.split()[0] if name else ""
        particle = first in NAME_PARTICLES and " " in name  # "de Blasio", "van Hollen"
        if not name or name.lower() in TITLE_WORDS or not (name[:1].isupper() or particle):
            return None
        if words & ORG_HEAD_WORDS:
            return SpeakerRef(name, "organisation")
        full = self.ents.person_for(name.lower(), tok.idx) or self.ents.propn_names.get(name.lower())
        if full:
            return SpeakerRef(full, "person")
        if name.isupper() and name.isalpha() and 2 <= len(name) <= 6:
            # "says WHO": an acronym speaks, as the organisation it abbreviates here if any
            return SpeakerRef(self.ents.initials.get(name, name), "organisation")
        if " " in name:
            span = self.dm.doc[start : end + 1]
            self.ents.add(Mention(span.start_char, span.end_char, start, end + 1, "PERSON", span.text, name))
            return SpeakerRef(name, "person")
        is_someone = any(m.label == "PERSON" and m.text == name for m in self.ents.mentions)
        if not is_someone and (opened := organisation_opened_by(self.ents.mentions, name, tok.idx)) is not None:
            return SpeakerRef(opened, "organisation")  # "Peabody said" after "Peabody Energy"
        return None  # one capitalised word no entity vouches for: not enough for a name

    def _in_headline(self, tok: Token) -> bool:
        words = [t for t in tok.sent if t.is_alpha]
        if len(words) < 4:
            return False
        caps = sum(1 for t in words if t.is_title or t.is_upper)
        return caps >= 0.8 * len(words)

    def _common_noun(self, tok: Token) -> SpeakerRef | None:
        low = tok.lower_
        lemma = tok.lemma_.lower()
        dets = {c.lower_ for c in tok.lefts if c.dep_ in ("det", "nummod", "poss")}
        named = self._named_child(tok)
        if named is not None:
            return named
        if lemma in SPOKESPERSON_NOUNS or low in SPOKESPERSON_NOUNS:
            employer = self._organisation_of(tok)
            if employer is not None:
                return employer
        if low in ORG_NOUNS or lemma in ORG_NOUNS:
            if not dets and not tok.lefts and (tok.tag_ in ("NNS", "NNPS") or low == "police"):
                return SpeakerRef(low, "anonymous")  # "police said", "authorities said": a body, unnamed
            poss = [c for c in tok.lefts if c.dep_ == "poss" and c.pos_ == "PROPN"]
            if poss and not self.dm.quoted(poss[0].i):
                # "Japan's trade ministry": the organisation keeps its whole name
                return SpeakerRef(self.dm.span_text(poss[0].left_edge.i, tok.i), "organisation")
            if dets & {"the", "its", "our", "this"}:
                org = self.recent_org(tok.idx, PRONOUN_WINDOW, subject=True, word=low)
                return SpeakerRef(org, "organisation") if org else None
        if lemma in DOCUMENT_NOUNS or low in DOCUMENT_NOUNS:
            return self._organisation_of(tok, ("from",)) or SpeakerRef(self.describe(tok), "document")
        definite = bool(dets & {"the", "his", "her", "their", "its", "this", "that"}) or any(
            c.dep_ == "poss" for c in tok.lefts
        )
        plural = tok.tag_ in ("NNS", "NNPS")
        if low in TITLE_WORDS and low not in GENERIC_SPEAKERS:
            if dets & INDEFINITE:
                return SpeakerRef(self.describe(tok), "anonymous")  # "one district GOP leader"
            holder = self._described(tok) or self.role_holder(tok) or self.named_next(tok)
            return SpeakerRef(holder, "person") if holder else None
        if (
            "the" in dets
            and not plural
            and lemma not in GENERIC_SPEAKERS
            and (is_role_head(low) or low in DESCRIPTION_HEADS)
        ):
            holder = self._described(tok)  # "the Florida senator", "the Democratic nominee"
            if holder is not None:
                return SpeakerRef(holder, "person")
        if low in GENERIC_SPEAKERS or lemma in GENERIC_SPEAKERS or lemma in TITLE_WORDS:
            if definite and not plural and lemma not in GENERIC_SPEAKERS:
                return None
            return SpeakerRef(self.describe(tok), "anonymous")
        if tok.pos_ == "NOUN" and (dets & INDEFINITE or (plural and not definite)) and self.is_people(tok):
            return SpeakerRef(self.describe(tok), "anonymous")
        if lemma in SHARE_NOUNS and self._of_people(tok):
            return SpeakerRef(self.describe(tok), "anonymous")  # "52 percent of registered voters"
        if "the" in dets and not plural and (lemma in FEMALE_NOUNS or lemma in MALE_NOUNS or lemma in ("child", "kid")):
            return SpeakerRef(self.describe(tok), "anonymous")  # "asked the boy": no role to find a name by
        return None

    def description(self, tok: Token | None) -> SpeakerRef | None:
        """The article's own words for a speaker no name could be found for, when they pin down one
        person ("the Democratic nominee", "the New Jersey governor"): a reader can place them, and
        they are no guess. A bare "the official" only points back, and gives nothing."""
        if tok is None or self.dm.quoted(tok.i) or tok.pos_ != "NOUN" or tok.tag_ == "NNS":
            return None
        low = tok.lower_
        if not (low in TITLE_WORDS or is_role_head(low) or low in DESCRIPTION_HEADS) or low in GENERIC_SPEAKERS:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.lefts):
            return None
        if not any(c.dep_ in ("amod", "compound") and c.is_title and not self.dm.quoted(c.i) for c in tok.lefts):
            return None
        return SpeakerRef(self.describe(tok), "anonymous")

    def _of_people(self, tok: Token) -> bool:
        """ "percent of registered voters", "most of the delegates": a share of a group of people."""
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                group = [c for c in prep.children if c.dep_ == "pobj"]
                if group and group[0].pos_ == "NOUN" and self.is_people(group[0]):
                    return True
                if group and (m := self.ents.at_token(group[0].i)) is not None and m.label == "NORP":
                    return True
        return False

    @staticmethod
    def is_people(tok: Token) -> bool:
        """A noun for people ("protesters", "a resident"), judged by its ending and the word lists."""
        lemma = tok.lemma_.lower()
        if lemma in FEMALE_NOUNS or lemma in MALE_NOUNS:
            return True
        if lemma.endswith("ment"):
            return False  # "appointments", "statements": things, though they end in "-ent"
        return lemma.endswith(("er", "or", "ist", "ian", "ant", "ent", "ee")) and lemma not in (
            "number",
            "order",
            "center",
            "letter",
            "paper",
            "matter",
            "report",
            "statement",
            "government",
            "department",
        )

    def describe(self, tok: Token) -> str:
        """The article's own words for an unnamed source: "two officials familiar with the talks"."""
        doc, dm = self.dm.doc, self.dm
        first = tok.left_edge.i
        while first < tok.i and (doc[first].is_punct or doc[first].dep_ in ("cc", "preconj")):
            first += 1
        last = tok.i
        for c in tok.rights:
            if c.dep_ not in ("prep", "amod", "acl", "nummod") or c.is_punct:
                break
            if any(t.text in (",", ";", "—", "(") or dm.quoted(t.i) for t in doc[last + 1 : c.right_edge.i + 1]):
                break
            last = c.right_edge.i
        if last - first + 1 > DESCRIPTION_MAX:
            last = max(tok.i, first + DESCRIPTION_MAX - 1)
        words = dm.span_text(first, last)
        first_tok = doc[first]
        if first_tok.is_sent_start and first_tok.pos_ != "PROPN" and words[:1].isupper():
            words = words[:1].lower() + words[1:]
        return " ".join(words.split())

    def _described(self, tok: Token) -> str | None:
        """The person a definite description ("the Vermont senator") stands for, if only one fits."""
        dets = {c.lower_ for c in tok.lefts if c.dep_ == "det"}
        if self.descriptions is None or "the" not in dets:
            return None
        return self.descriptions.holder(tok)

    def role_holder(self, tok: Token) -> str | None:
        """'the prime minister said' → the person already named with that role."""
        words = {t.lower_ for t in tok.subtree if t.dep_ in ("compound", "amod") or t.i == tok.i}
        best = None
        names = {c[1] for cands in self.ents.full_names.values() for c in cands if c[0] < tok.idx}
        for name in sorted(names):
            role = self.role_of(name)
            if role and tok.lower_ in role.lower().split() and words <= set(role.lower().split()) | {"the"}:
                if best is not None and best != name:
                    return None  # two people hold that role: no guess
                best = name
        return best

    def named_next(self, tok: Token) -> str | None:
        """“…,” the senator said. Smith, who … — a role first, its holder's name opening the next sentence."""
        sent = tok.sent
        if sent.end >= len(self.dm.doc):
            return None
        m = self.ents.at_token(sent.end)
        if m is None or m.label != "PERSON" or self.dm.quoted(sent.end):
            return None
        # only someone named here for the first time: a person the article already named is
        # not introduced by a role in the sentence before
        first = next(x for x in self.ents.mentions if x.canonical == m.canonical)
        return m.canonical if first.start >= m.start else None
