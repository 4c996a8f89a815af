"""Who said what: quoted spans from :mod:`quotemarks`, attributed with the dependency parse.

For each quoted span, the words around it up to the sentence end (outside any quote, inside the
paragraph) are searched for a speech cue (:data:`lexicon.CUE_VERBS` by lemma, or "according to");
the cue's grammatical subject is the speaker. Pronouns are resolved to the most recent compatible
person who was a subject or a speaker; surnames to the full names of :mod:`entities`. A paragraph
that opens with a quote and has no cue of its own continues the previous speaker ("continuation").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Quote, Speaker
from .entities import EntityIndex, Mention, clean_name
from .lexicon import (
    CUE_PHRASAL,
    CUE_VERBS,
    FEMALE_HONORIFICS,
    FEMALE_PRONOUNS,
    GENERIC_SPEAKERS,
    MALE_HONORIFICS,
    MALE_PRONOUNS,
    ORG_NOUNS,
    PLURAL_PRONOUNS,
    PRONOUNS,
    TITLE_WORDS,
    WEAK_CUES,
)
from .quotemarks import QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
TERMINATORS = frozenset({".", "!", "?"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MAX_BEFORE = 45
MAX_AFTER = 30
PRONOUN_WINDOW = 4000  # characters back to look for a pronoun's antecedent
ORG_WINDOW = 1500  # characters back to look for the organisation "they" stands for


@dataclass(slots=True)
class _Cue:
    token: Token
    speaker: str | None
    label: str | None
    distance: int
    after: bool


@dataclass
class Attributor:
    doc: Doc
    text: str
    paras: list[tuple[int, int]]
    spans: list[QuoteSpan]
    ents: EntityIndex
    tok_para: list[int] = field(default_factory=list)
    tok_quote: list[int] = field(default_factory=list)
    subjects: list[tuple[int, str]] = field(default_factory=list)  # (char pos, canonical PERSON)
    gender: dict[str, str] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)
    role_cache: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        doc = self.doc
        n = len(doc)
        self.tok_para = [-1] * n
        self.tok_quote = [-1] * n
        from spacy.attrs import IDX

        self.starts = [int(x) for x in doc.to_array(IDX)] if n else []
        pi = qi = 0
        paras, spans = self.paras, self.spans
        tok_para, tok_quote = self.tok_para, self.tok_quote
        for i, c in enumerate(self.starts):
            while pi < len(paras) and paras[pi][1] <= c:
                pi += 1
            if pi < len(paras) and paras[pi][0] <= c:
                tok_para[i] = pi
            while qi < len(spans) and spans[qi].end <= c:
                qi += 1
            if qi < len(spans) and spans[qi].start <= c:
                tok_quote[i] = qi
        for m in self.ents.mentions:
            if m.label != "PERSON":
                continue
            if self.tok_quote[m.tstart] >= 0:
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

    # ---------------------------------------------------------------- tokens and frames
    def _tok_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect_left(self.starts, char)

    def frames(self, q: QuoteSpan) -> tuple[list[int], list[int]]:
        """Token indexes before (nearest first) and after the quote, up to a sentence end."""
        doc = self.doc
        t0 = self._tok_at(q.start)
        t1 = self._tok_at(q.end)  # first token after the quote
        before: list[int] = []
        i = t0 - 1
        while i >= 0 and len(before) < MAX_BEFORE:
            if self.tok_para[i] != q.paragraph or self.tok_quote[i] >= 0:
                break
            if doc[i].text in TERMINATORS and before:
                break
            if doc[i].text in TERMINATORS:
                break
            before.append(i)
            i -= 1
        if not before and q.start == self.paras[q.paragraph][0] and q.paragraph > 0:
            # "He said:" closing the previous paragraph introduces this one.
            ps, pe = self.paras[q.paragraph - 1]
            if self.text[pe - 1] == ":":
                i = self._tok_at(pe) - 1
                while i >= 0 and doc[i].idx >= ps and len(before) < MAX_BEFORE:
                    if doc[i].text in TERMINATORS or self.tok_quote[i] >= 0:
                        break
                    before.append(i)
                    i -= 1
        after: list[int] = []
        i = t1
        while i < len(doc) and len(after) < MAX_AFTER:
            if self.tok_para[i] != q.paragraph or self.tok_quote[i] >= 0:
                break
            if doc[i].text in TERMINATORS:
                break
            after.append(i)
            i += 1
        return before, after

    # ---------------------------------------------------------------- cues and speakers
    @staticmethod
    def is_cue(tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            return True
        if tok.pos_ not in ("VERB", "AUX") or lemma not in CUE_VERBS:
            return False
        particles = CUE_PHRASAL.get(lemma)
        if particles is not None:
            return any(c.lower_ in particles for c in tok.children)
        return True

    def cue_speaker(self, cue: Token) -> tuple[str | None, str | None]:
        doc = self.doc
        if cue.lower_ == "according":
            to = doc[cue.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                return self.name_for(objs[0])
            if cue.i + 2 < len(doc):
                return self.name_for(doc[cue.i + 2])
            return None, None
        head = cue
        for _ in range(3):
            subj = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
            if subj:
                return self.name_for(subj[0])
            agent = [c for c in head.children if c.dep_ == "agent"]
            if agent and cue.lemma_ != "ask":
                objs = [c for c in agent[0].children if c.dep_ == "pobj"]
                if objs:
                    return self.name_for(objs[0])
            if head.dep_ in ("conj", "xcomp", "advcl", "relcl", "acl") and head.head is not head:
                if head.dep_ == "relcl" and head.head.dep_ not in ("ROOT",):
                    return self.name_for(head.head)
                head = head.head
                continue
            break
        return None, None

    def name_for(self, tok: Token) -> tuple[str | None, str | None]:
        """The canonical name a subject token refers to, with its entity label."""
        if self.tok_quote[tok.i] >= 0:
            return None, None  # a word inside a quotation never names its speaker
        m = self.ents.at_token(tok.i)
        if m is not None and m.label in SPEAKER_LABELS:
            return m.canonical, m.label
        low = tok.lower_
        if low in MALE_PRONOUNS:
            return self.resolve_pronoun(tok.idx, "m"), "PERSON"
        if low in FEMALE_PRONOUNS:
            return self.resolve_pronoun(tok.idx, "f"), "PERSON"
        if low in PLURAL_PRONOUNS:
            org = self.recent_org(tok.idx, ORG_WINDOW, subject=True)
            return (org, "ORG") if org else (None, None)
        if low in PRONOUNS:
            return None, None
        if low in ORG_NOUNS and tok.pos_ == "NOUN" and any(c.lower_ in ("the", "its", "our") for c in tok.lefts):
            # "the company said": the organisation most recently named (one that contains the noun first)
            org = self.recent_org(tok.idx, PRONOUN_WINDOW, word=low)
            if org:
                return org, "ORG"
        if low in GENERIC_SPEAKERS:
            # "a Google spokesperson", "Pentagon officials": the organisation speaks
            for c in tok.lefts:
                if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" and self.tok_quote[c.i] < 0:
                    m = self.ents.at_token(c.i)
                    if m is not None and m.label in SPEAKER_LABELS:
                        return m.canonical, m.label
                    name = clean_name(c.text)
                    if name[:1].isupper():
                        return name, "ORG"
        sub = [t for t in tok.subtree if abs(t.i - tok.i) <= 12]
        for t in sub:
            m = self.ents.at_token(t.i)
            if m is not None and m.label == "PERSON":
                return m.canonical, m.label
        if tok.pos_ == "PROPN" and low not in TITLE_WORDS:
            left = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
            start = left[0].i if left else tok.i
            name = clean_name(self.doc[start : tok.i + 1].text)
            if name and name.lower() not in TITLE_WORDS and name[:1].isupper():
                full = self.ents.person_for(name.lower(), tok.idx) or self.ents.propn_names.get(name.lower())
                if full is None and " " in name:
                    span = self.doc[start : tok.i + 1]
                    self.ents.add(Mention(span.start_char, span.end_char, start, tok.i + 1, "PERSON", span.text, name))
                return (full or name), "PERSON" if full or " " in name else None
        for t in sub:
            m = self.ents.at_token(t.i)
            if m is not None and m.label in ("ORG", "GPE", "NORP"):
                return m.canonical, m.label
        if low in TITLE_WORDS and low not in GENERIC_SPEAKERS:
            return (self.role_holder(tok) or self.named_next(tok)), "PERSON"
        return None, None

    def recent_org(self, pos: int, window: int, *, subject: bool = False, word: str | None = None) -> str | None:
        """The organisation named last before ``pos`` (as a subject, or whose name holds ``word``)."""
        found = None
        for m in self.ents.mentions:  # sorted by position
            if m.start >= pos:
                break
            if m.label != "ORG" or pos - m.start > window or self.tok_quote[m.tstart] >= 0:
                continue
            if subject and self.doc[m.tstart : m.tend].root.dep_ not in SUBJECT_DEPS:
                continue
            found = m.canonical
        if word is not None:
            named = [
                m.canonical
                for m in self.ents.mentions
                if m.label == "ORG" and m.start < pos and word in m.canonical.lower().split()
            ]
            return named[-1] if named else found
        return found

    def named_next(self, tok: Token) -> str | None:
        """“…,” the senator said. Smith, who … — a role first, its holder's name opening the next sentence."""
        sent = tok.sent
        if sent.end >= len(self.doc):
            return None
        m = self.ents.at_token(sent.end)
        if m is not None and m.label == "PERSON" and self.tok_quote[sent.end] < 0:
            return m.canonical
        return None

    def role_holder(self, tok: Token) -> str | None:
        """'the prime minister said' → the person already named with that role."""
        words = {t.lower_ for t in tok.subtree if t.dep_ in ("compound", "amod") or t.i == tok.i}
        best = None
        names = {c[1] for cands in self.ents.full_names.values() for c in cands if c[0] < tok.idx}
        for name in sorted(names):
            role = self.role_and_org(name)[0]
            if role and tok.lower_ in role.lower().split() and words <= set(role.lower().split()) | {"the"}:
                best = name
        return best

    def resolve_pronoun(self, pos: int, gender: str) -> str | None:
        k = bisect_right(self.subjects, (pos, "\uffff")) - 1
        while k >= 0:
            at, name = self.subjects[k]
            if pos - at > PRONOUN_WINDOW:
                break
            g = self.gender.get(name)
            if g is None or g == gender:
                self.gender[name] = gender
                return name
            k -= 1
        return None

    def add_subject(self, pos: int, name: str) -> None:
        item = (pos, name)
        k = bisect_left(self.subjects, item)
        if k >= len(self.subjects) or self.subjects[k] != item:
            self.subjects.insert(k, item)

    def best_cue(self, before: list[int], after: list[int]) -> _Cue | None:
        best: _Cue | None = None
        best_score = 1e9
        for lst, is_after in ((after, True), (before, False)):
            for dist, i in enumerate(lst):
                tok = self.doc[i]
                if not self.is_cue(tok):
                    continue
                speaker, label = self.cue_speaker(tok)
                score = dist + (0 if is_after else 2)
                if speaker is None:
                    score += 25
                if tok.lemma_.lower() in WEAK_CUES:
                    score += 8
                if tok.lemma_.lower() == "ask" and is_after:
                    score += 10  # "when asked by …" after a reply is not the speaker
                if score < best_score:
                    best, best_score = _Cue(tok, speaker, label, dist, is_after), score
        return best

    # ---------------------------------------------------------------- the quotes
    def run(self) -> tuple[list[Quote], list[Speaker]]:
        doc, text = self.doc, self.text
        quotes: list[Quote] = []
        last_speaker_para: dict[int, str | None] = {}
        prev_quote: tuple[int, str | None, str | None] | None = None  # paragraph, speaker, cue
        emitted: list[QuoteSpan] = []
        for q in self.spans:
            s_in, e_in = q.inner(text)
            if e_in <= s_in:
                continue
            t0, t1 = self._tok_at(s_in), self._tok_at(e_in)
            inner_toks = doc[t0:t1]
            n_words = sum(1 for t in inner_toks if t.is_alpha or t.like_num)
            if n_words == 0:
                continue
            before, after = self.frames(q)
            if self._nickname(q):
                continue
            cue = self.best_cue(before, after)
            colon_speaker = None if cue is not None else self._colon_speaker(q, before)
            para_start = q.start == self.paras[q.paragraph][0]
            inner = text[s_in:e_in]
            ends_sentence = inner.rstrip("”\"’' ").endswith((".", "!", "?", ",", "…"))
            speaker: str | None = None
            cue_text: str | None = None
            kind = "direct"
            if (
                cue is not None
                and cue.speaker is None
                and not para_start
                and n_words >= 4
                and prev_quote
                and prev_quote[0] == q.paragraph
            ):
                # a cue without a subject still marks speech; the speaker may be the paragraph's
                speaker = prev_quote[1]
            if n_words >= 2 and inner[-1:].isalnum() and self._title_like(inner_toks):
                continue  # a title or a name: “The One I Love”, “Caja Magica”
            if n_words == 1 and self._title_like(inner_toks) and (cue is None or cue.distance > 1):
                continue
            if cue is not None:
                speaker = cue.speaker or speaker
                cue_text = cue.token.text if cue.token.lower_ != "according" else "according to"
                if n_words <= 3:
                    has_verb = any(t.pos_ in ("VERB", "AUX") for t in inner_toks)
                    if (
                        cue.distance > 3
                        and not has_verb
                        and not (ends_sentence and n_words > 1)
                        and not (cue.speaker and self._governs(cue.token, inner_toks))
                    ):
                        continue
                if cue.label == "PERSON" and cue.speaker:
                    self.add_subject(cue.token.idx, cue.speaker)
            elif colon_speaker is not None:
                speaker, cue_text = colon_speaker, ":"
            elif prev_quote and prev_quote[0] == q.paragraph and not para_start:
                # the second half of a split quote, or a later quote in the same paragraph
                if n_words <= 3 and not ends_sentence:
                    continue
                speaker, cue_text = prev_quote[1], prev_quote[2]
            elif para_start or q.continues:
                if n_words <= 3:
                    continue
                kind = "continuation"
                for back in (1, 2):
                    if q.paragraph - back in last_speaker_para:
                        speaker = last_speaker_para[q.paragraph - back]
                        break
                    if back == 1 and q.paragraph - 1 >= 0 and not self._is_short(q.paragraph - 1):
                        break
            else:
                if n_words <= 3 or self._title_like(inner_toks) or not ends_sentence:
                    continue
            if kind != "continuation" and self._is_partial(q, s_in):
                kind = "partial"
            if q.continues and quotes and emitted and not emitted[-1].closed and speaker:
                # a multi-paragraph quote attributed only at its end: the earlier parts share it
                k = len(quotes) - 1
                while k >= 0 and quotes[k].speaker is None and not emitted[k].closed:
                    quotes[k].speaker = speaker
                    if not emitted[k].continues:
                        break
                    k -= 1
            quotes.append(Quote(q.start, q.end, text[q.start : q.end], speaker, cue_text, kind))
            emitted.append(q)
            last_speaker_para[q.paragraph] = speaker
            prev_quote = (q.paragraph, speaker, cue_text)
        return quotes, self.speakers(quotes)

    def _colon_speaker(self, q: QuoteSpan, before: list[int]) -> str | None:
        """'Senator Jane Smith on the vote: “…”' — a name heading the words that lead to a colon."""
        if not before or self.doc[before[0]].text != ":":
            return None
        if any(self.doc[i].pos_ in ("VERB", "AUX") for i in before):
            return None  # "The report found the following:" — a clause, not a speaker's heading
        for i in reversed(before):  # from the start of the sentence
            m = self.ents.at_token(i)
            if m is not None and m.label in ("PERSON", "ORG"):
                return m.canonical
        return None

    @staticmethod
    def _governs(cue: Token, toks) -> bool:
        """The quoted words are part of what the cue verb reports ("told lawmakers it was his “duty”")."""
        for t in toks:
            if t.is_alpha:
                return any(a.i == cue.i for a in t.ancestors)
        return False

    def _is_short(self, pi: int) -> bool:
        s, e = self.paras[pi]
        return e - s < 40

    def _is_partial(self, q: QuoteSpan, s_in: int) -> bool:
        first = self.text[s_in]
        if first.islower():
            return True
        j = q.start - 1
        while j >= 0 and self.text[j] in " \u00a0\t":
            j -= 1
        return j >= self.paras[q.paragraph][0] and self.text[j].isalnum()

    def _nickname(self, q: QuoteSpan) -> bool:
        """Dwayne "The Rock" Johnson: a short quote between two capitalised words."""
        text = self.text
        if q.end - q.start > 40:
            return False
        s_in, e_in = q.inner(text)
        inner = text[s_in:e_in]
        if not inner or not inner[-1].isalnum() or not all(w[:1].isupper() for w in inner.split()):
            return False
        b = text[max(0, q.start - 2) : q.start]
        a = text[q.end : q.end + 2]
        return (
            len(b) == 2
            and len(a) == 2
            and b[1] == " "
            and b[0].isalpha()
            and a[0] == " "
            and a[1].isupper()
            and text[max(0, q.start - 30) : q.start].split()[-1][:1].isupper()
        )

    @staticmethod
    def _title_like(toks) -> bool:
        words = [t for t in toks if t.is_alpha]
        small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "or"}
        return bool(words) and all(t.is_title or t.lower_ in small for t in words)

    # ---------------------------------------------------------------- speakers
    def speakers(self, quotes: list[Quote]) -> list[Speaker]:
        out: dict[str, Speaker] = {}
        for qt in quotes:
            if not qt.speaker:
                continue
            sp = out.get(qt.speaker)
            if sp is None:
                role, org = self.role_and_org(qt.speaker)
                aliases = sorted(a for a in self.ents.aliases.get(qt.speaker, ()) if a != qt.speaker)
                sp = out[qt.speaker] = Speaker(qt.speaker, aliases, role, org, 0)
            sp.quotes += 1
        return list(out.values())

    def role_and_org(self, name: str) -> tuple[str | None, str | None]:
        if name not in self.role_cache:
            self.role_cache[name] = self._role_and_org(name)
        return self.role_cache[name]

    def _role_and_org(self, name: str) -> tuple[str | None, str | None]:
        mentions = [m for m in self.ents.mentions if m.canonical == name]
        if not mentions or mentions[0].label != "PERSON":
            return None, None
        role = org = None
        for m in sorted(mentions, key=lambda m: (-len(m.text.split()), m.start)):
            r, o = self._appositive(m)
            if r is None and o is None:
                r, o = self._pre_title(m)
            role, org = role or r, org or o
            if role and org:
                break
        return role, org

    def _appositive(self, m: Mention) -> tuple[str | None, str | None]:
        doc = self.doc
        root = doc[m.tstart : m.tend].root
        apps = [c for c in root.children if c.dep_ == "appos" and not (m.tstart <= c.i < m.tend)]
        if not apps and root.dep_ == "appos" and root.head.pos_ == "NOUN":
            apps = [root.head]  # "the spokesman, John Kirby"
            sub = [t for t in root.head.subtree if t.i < m.tstart and t.i >= root.head.left_edge.i]
            toks = [t for t in sub if not t.is_punct]
        elif apps:
            toks = [t for t in apps[0].subtree if not (t.is_punct and t.text != "’s") or t.text in ("-",)]
        else:
            return None, None
        if any(self.tok_quote[t.i] >= 0 for t in toks) or self.tok_quote[root.i] >= 0:
            return None, None
        toks = [t for t in toks if self.ents.at_token(t.i) is None or self.ents.at_token(t.i).label != "PERSON"]
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
            prep = next(
                (x for x in range(org_at - 1, -1, -1) if toks[x].dep_ == "prep" or toks[x].lower_ in _PREPS),
                None,
            )
            cut = prep if prep is not None else org_at
        role_toks = toks[:cut]
        while role_toks and role_toks[0].lower_ in ("a", "an", "the"):
            role_toks = role_toks[1:]
        while role_toks and (role_toks[-1].is_punct or role_toks[-1].dep_ in ("prep", "cc", "det")):
            role_toks = role_toks[:-1]
        role = self._span_text(role_toks) if role_toks else None
        if role and not any(c.isalpha() for c in role):
            role = None
        return role, org

    def _pre_title(self, m: Mention) -> tuple[str | None, str | None]:
        doc = self.doc
        i = m.tstart - 1
        run: list[Token] = []
        while i >= 0 and len(run) < 8 and self.tok_quote[i] < 0:
            t = doc[i]
            em = self.ents.at_token(i)
            if em is not None and em.label == "PERSON":
                break
            if t.is_title or t.lower_ in TITLE_WORDS or (t.lower_ in ("of", "for", "and") and run) or t.is_upper:
                if t.is_punct or t.lower_ in ("the", "a", "an"):
                    break
                run.append(t)
                i -= 1
                continue
            break
        run.reverse()
        while run and run[0].lower_ in ("of", "for", "and"):
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
        while run and (self.ents.at_token(run[0].i) or _Null).label in ("NORP", "GPE"):
            run = run[1:]
        if org is not None:
            rest = [t for t in run if not (self.ents.at_token(t.i) and self.ents.at_token(t.i).label == "ORG")]
            if rest and rest[0].lower_ not in ("of", "for"):
                run = rest
        return (self._span_text(run) if run else None), org

    def _span_text(self, toks: list[Token]) -> str:
        return self.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)]


_PREPS = frozenset({"at", "of", "for", "with", "in", "from"})


class _Null:
    label = None


def attribute(doc: Doc, text: str, paras, spans, ents: EntityIndex) -> tuple[list[Quote], list[Speaker]]:
    result = Attributor(doc, text, paras, spans, ents).run()
    ents.finish()
    return result
