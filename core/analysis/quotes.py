"""Who said what: quoted spans attributed in stages, each a module of its own.

1. quote spans — :mod:`.quotemarks` (no NLP);
2. cues — :mod:`.cues`: the cue verb that governs the quoted words in the parse, else the nearest
   cue in the quote's sentence;
3. speaker candidates — :func:`.speakers.cue_subject`: the token the cue credits;
4. resolution — :class:`.speakers.Resolver`: a person, organisation, anonymous source or document,
   or nobody when the evidence is weak;
5. roles — :mod:`.roles`: each person's role and organisation.

This module strings the stages together and adds what needs the quotes in order: the second half
of a split quote (“…,” she said, “…”) joins the first as one quotation, and so does a paragraph that
reopens a quotation the paragraph before it left open (the long-quote convention), as long as each
piece is a fair share of the whole (a short aside stays a quote of its own); any other paragraph that
opens with a quote and has no cue continues the previous speaker ("continuation").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Quote, Speaker
from .cues import TERMINATORS, Cue, ends_own_sentence, frames, governing_clause, governing_cues, is_calling, is_cue
from .descriptions import Descriptions
from .docmap import DocMap
from .entities import EntityIndex, clean_name, title_like
from .layout import dash_credit, speaker_label
from .lexicon import PRONOUNS, WEAK_CUES
from .quotemarks import QuoteSpan, is_nickname, is_so_called
from .reported import reported_statements
from .roles import RoleFinder
from .speakers import Resolver, SpeakerRef, cue_subject, subject_by_position

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# A split quote joins into one quotation when neither part is much shorter than the whole:
# “No,” he said. “…forty words…” stays two quotes, the interjection and the statement.
MERGE_RATIO = 3


@dataclass(slots=True)
class _Found:
    """A quotation as attributed, before it becomes a :class:`Quote`."""

    span: QuoteSpan
    start: int
    end: int
    ref: SpeakerRef | None
    cue: Cue | None
    kind: str
    laid_out: bool = False  # credited by layout (“…” ― Name): its speaker ends with it
    pieces: list[int] = field(default_factory=list)  # words of each quoted piece joined into it

    def to_quote(self, text: str) -> Quote:
        ref = self.ref
        return Quote(
            start=self.start,
            end=self.end,
            text=text[self.start : self.end],
            speaker=ref.name if ref else None,
            cue=self.cue.text if self.cue else None,
            kind=self.kind,
            speaker_kind=ref.kind if ref else "unattributed",
        )


def choose_cue(
    dm: DocMap, resolver: Resolver, t0: int, t1: int, before: list[int], after: list[int], *, closed: bool = False
) -> tuple[Cue | None, SpeakerRef | None]:
    """The cue of the quoted tokens ``t0:t1`` and the speaker it credits (either may be None).

    ``closed``: the quoted words end their own sentence.
    """
    governed: tuple[Cue, SpeakerRef | None] | None = None
    for gov in governing_cues(dm, t0, t1):
        # the nearest cue above the words whose subject is someone ("Holm said the advertisement
        # “unmistakably” suggests …": not the advertisement)
        parsed = cue_subject(gov, dm.quoted)
        subject = parsed or subject_by_position(gov, resolver.ents, dm.quoted, t1)
        ref = resolver.resolve(subject) if subject is not None else None
        if ref is not None:
            return Cue(token=gov, distance=0, after=gov.i >= t1, governs=True, subject=parsed), ref
        if governed is None and is_cue(gov):
            governed = (Cue(token=gov, distance=0, after=gov.i >= t1, governs=True, subject=parsed), None)
    best: tuple[Cue, SpeakerRef | None] | None = None
    best_score = 1e9
    # after a quote that ends its sentence, a cue before it is the likelier one
    # (Clinton responded: “What difference does it make?” Her critics cited it …)
    for lst, is_after in ((after, True), (before, False)):
        for dist, i in enumerate(lst):
            tok = dm.doc[i]
            if not is_cue(tok):
                continue
            parsed = cue_subject(tok, dm.quoted)
            subject = parsed or subject_by_position(tok, resolver.ents, dm.quoted, t1)
            ref = resolver.resolve(subject) if subject is not None else None
            score = dist + (0 if is_after else 2) + (4 if is_after and closed else 0)
            if ref is None:
                score += 25
            if tok.lemma_.lower() in WEAK_CUES:
                score += 8
            if tok.lemma_.lower() == "ask" and is_after:
                score += 10  # "when asked by …" after a reply is not the speaker
            if score < best_score:
                best, best_score = (
                    (Cue(token=tok, distance=dist, after=is_after, governs=False, subject=parsed), ref),
                    score,
                )
    if best is not None and (best[1] is not None or governed is None):
        return best
    if governed is not None:
        return governed  # speech, by the parse, whose speaker the words around do not name
    clause = governing_clause(dm, t0, t1)
    if clause is not None:
        ref = resolver.resolve(clause[1])
        if ref is not None and ref.is_named:
            # "Moore thanked him for “stepping up”": no verb of saying, but the quoted words are
            # part of what the named subject did with words
            verb = clause[0]
            cue = Cue(token=verb, distance=0, after=verb.i >= t1, governs=True, subject=cue_subject(verb, dm.quoted))
            return cue, ref
    return None, None


@dataclass
class Attribution:
    """One article's quotations in text order, attributed (see the module's docstring)."""

    dm: DocMap
    resolver: Resolver
    _labels: Counter[str] | None = None  # transcript labels of the article and how often each opens a turn

    def run(self) -> list[Quote]:
        dm, text, doc = self.dm, self.dm.text, self.dm.doc
        found: list[_Found] = []
        last_speaker_para: dict[int, SpeakerRef | None] = {}
        ref: SpeakerRef | None  # the speaker of the quotation at hand
        for q in dm.spans:
            s_in, e_in = q.inner(text)
            if e_in <= s_in:
                continue
            t0, t1 = dm.tok_at(s_in), dm.tok_at(e_in)
            inner_toks = doc[t0:t1]
            n_words = sum(1 for t in inner_toks if t.is_alpha or t.like_num)
            if n_words == 0 or is_so_called(text, q):
                continue
            inner = text[s_in:e_in]
            if n_words >= 2 and inner.rstrip(".,;:!?")[-1:].isalnum() and title_like(inner_toks):
                continue  # a title or a name: “The One I Love”, “Caja Magica”
            start = q.start
            before, after = frames(dm, q)
            if (laid := self._laid_out(q, s_in, e_in)) is not None:
                ref, start = laid  # “…” ― Name, or a transcript's "PENCE: …": the layout credits
                found.append(_Found(q, start, q.end, ref, None, "direct", laid_out=True))
                last_speaker_para[q.paragraph] = ref
                continue
            cue, ref = choose_cue(dm, self.resolver, t0, t1, before, after, closed=ends_own_sentence(inner))
            prev = found[-1] if found else None
            if prev is not None and self._goes_on(prev, q):
                self._join(prev, q)
                if prev.ref is None and ref is not None:
                    prev.ref, prev.cue = ref, cue
                last_speaker_para[q.paragraph] = prev.ref
                continue
            same_para = prev is not None and prev.span.paragraph == q.paragraph
            para_start = q.start == dm.paras[q.paragraph][0]
            ends_sentence = inner.rstrip("”\"’' ").endswith((".", "!", "?", ",", "…"))
            kind = "direct"
            if n_words == 1 and title_like(inner_toks) and (cue is None or cue.distance > 1):
                continue
            if (
                cue is not None
                and prev is not None
                and same_para
                and prev.cue is not None
                and cue.token.i == prev.cue.token.i
            ):
                cue = None  # the previous part's cue: this is the rest of the same quotation
            if cue is not None:
                if n_words <= 3 and not self._short_quote_ok(cue, ref, inner_toks, ends_sentence, n_words):
                    continue
                if cue.governs and is_calling(cue.token) and not (ref and ref.is_named):
                    continue  # “fig leaf”, as critics called it: a phrase, not a credited statement
                if (
                    ref is None
                    and prev is not None
                    and same_para
                    and not para_start
                    and n_words >= 4
                    and self._may_be_prev(cue)
                ):
                    ref = prev.ref  # "…, adding", "the Texas senator said": goes on with the speaker
                if ref is not None and ref.kind == "person":
                    self.resolver.add_subject(cue.token.idx, ref.name)
            elif (colon := self._colon_speaker(q, before)) is not None:
                ref, cue = colon, None
            elif prev is not None and same_para and not para_start:
                # the second half of a split quote, or a later quote in the same paragraph
                if n_words <= 3 and not ends_sentence:
                    continue
                ref, cue = (prev.ref, prev.cue) if self._follows(prev, q) else (None, None)
                if self._joins(prev, q):
                    self._join(prev, q)
                    last_speaker_para[q.paragraph] = prev.ref
                    continue
            elif para_start or q.continues:
                if n_words <= 3:
                    continue
                kind = "continuation"
                for back in (1, 2):
                    if q.paragraph - back in last_speaker_para:
                        ref = last_speaker_para[q.paragraph - back]
                        break
                    if back == 1 and q.paragraph - 1 >= 0 and not self._is_short(q.paragraph - 1):
                        break
            elif n_words <= 3 or title_like(inner_toks) or not ends_sentence:
                continue
            if kind != "continuation" and self._is_partial(q, s_in):
                kind = "partial"
            if ref is None and cue is None and kind == "direct":
                ref = self._previous_sentence_speaker(q)
            if q.continues and found and not found[-1].span.closed and ref is not None:
                # a multi-paragraph quote attributed only at its end: the earlier parts share it
                k = len(found) - 1
                while k >= 0 and found[k].ref is None and not found[k].span.closed:
                    found[k].ref = ref
                    if not found[k].span.continues:
                        break
                    k -= 1
            if ref is None and cue is not None:
                # nothing named the speaker: the cue's own description, when it pins down one person
                ref = self.resolver.description(cue.subject)
            if kind == "partial" and prev is not None and self._one_statement(prev, q, ref):
                self._join(prev, q)
                last_speaker_para[q.paragraph] = prev.ref
                continue
            found.append(_Found(q, start, q.end, ref, cue, kind))
            last_speaker_para[q.paragraph] = ref
        return [f.to_quote(text) for f in found]

    # ------------------------------------------------------------------ rules
    def _laid_out(self, q: QuoteSpan, s_in: int, e_in: int) -> tuple[SpeakerRef, int] | None:
        """(speaker, start) when the layout credits the quote (see :mod:`.layout`), else None."""
        text, ents = self.dm.text, self.resolver.ents
        para_end = self.dm.paras[q.paragraph][1]
        at = dash_credit(text, q.end, para_end)
        if at is not None:
            m = ents.at_token(self.dm.tok_at(at))
            if m is not None and m.start == at and m.label in ("PERSON", "ORG"):
                return SpeakerRef(m.canonical, "person" if m.label == "PERSON" else "organisation"), q.start
            if m is None and (name := self._credited_name(at)) is not None:
                return SpeakerRef(name, "person"), q.start  # “…” ― Christina N Luis Olidem
        label = speaker_label(text, s_in, e_in)
        if label is not None:
            name = self._label_speaker(label.text)
            if name is not None:
                return SpeakerRef(name, "person"), label.words_start
        return None

    def _credited_name(self, at: int) -> str | None:
        """Two to five capitalised words (initials allowed) starting at ``at``: a name the NER missed."""
        doc = self.dm.doc
        i = self.dm.tok_at(at)
        words: list[Token] = []
        while i < len(doc) and len(words) < 5:
            tok = doc[i]
            if not (tok.is_title or (tok.is_upper and len(tok.text.rstrip(".")) == 1)) or self.dm.quoted(i):
                break
            words.append(tok)
            i += 1
        if len(words) < 2 or any(w.ent_type_ not in ("", "PERSON") for w in words):
            return None
        return clean_name(self.dm.span_text(words[0].i, words[-1].i))

    def _label_speaker(self, label: str) -> str | None:
        """The person a transcript label names: a full name the article gives, or a label it repeats."""
        ents = self.resolver.ents
        words = label.title()
        full = ents.person_for(words.split()[-1].lower(), len(self.dm.text))
        if full is not None and set(words.lower().split()) <= set(full.lower().split()):
            return full
        if self._labels is None:
            self._labels = Counter(
                lab.text
                for q in self.dm.spans
                if (lab := speaker_label(self.dm.text, *q.inner(self.dm.text))) is not None
            )
        return words if self._labels[label] >= 2 else None

    def _joins(self, prev: _Found, q: QuoteSpan) -> bool:
        """“…,” she said, “…” — a direct quote split around its own cue is one quotation."""
        if prev.kind == "partial" or prev.cue is None or not prev.span.closed:
            return False
        if not prev.end <= prev.cue.token.idx < q.start:
            return False
        return self._balanced(prev, q)

    def _goes_on(self, prev: _Found, q: QuoteSpan) -> bool:
        """A paragraph that opens with a quote mark while the previous paragraph's quotation was
        left open is the same quotation going on (the typographic convention for long quotes)."""
        return (
            q.continues
            and not prev.span.closed
            and prev.kind in ("direct", "continuation")
            and prev.span.paragraph == q.paragraph - 1
            and self._balanced(prev, q)
        )

    def _balanced(self, prev: _Found, q: QuoteSpan) -> bool:
        """Pieces join into one quotation only while each is a fair share of the whole: a short
        interjection before a long statement (“No,” he said. “…”) stays a quote of its own."""
        pieces = self._pieces(prev, q)
        return sum(pieces) <= MERGE_RATIO * min(pieces) + 5

    def _one_statement(self, prev: _Found, q: QuoteSpan, ref: SpeakerRef | None) -> bool:
        """Quoted phrases of one sentence credited to one speaker are pieces of one statement (the
        coach said the referee did a “lousy” job of keeping the “game under control.”): joined, with
        the words between, while each piece is a fair share of the whole."""
        if prev.kind != "partial" or prev.ref != ref or prev.span.paragraph != q.paragraph:
            return False
        doc, dm = self.dm.doc, self.dm
        first, second = dm.tok_at(prev.start), dm.tok_at(q.start)
        if second >= len(doc) or doc[first].sent.start != doc[second].sent.start:
            return False
        return self._words(prev.start, q.end) <= MERGE_RATIO * min(self._pieces(prev, q)) + 5

    def _join(self, prev: _Found, q: QuoteSpan) -> None:
        """Extend ``prev`` over the piece ``q``."""
        prev.pieces = self._pieces(prev, q)
        prev.end, prev.span = q.end, q

    def _pieces(self, prev: _Found, q: QuoteSpan) -> list[int]:
        """Words of each quoted piece of ``prev`` and then of ``q``."""
        return [*(prev.pieces or [self._words(prev.start, prev.end)]), self._words(q.start, q.end)]

    def _may_be_prev(self, cue: Cue) -> bool:
        """The cue's subject, which named no one, may still be the previous speaker: none at all
        ("…, adding"), a pronoun, or a definite description ("the Texas senator"); a name or an
        indefinite ("Pew found", "a Marine", "another said") is someone else."""
        subject = cue.subject
        if subject is None or subject.lower_ in PRONOUNS:
            return True
        dets = {c.lower_ for c in subject.lefts if c.dep_ == "det"}
        return subject.pos_ == "NOUN" and "the" in dets

    def _previous_sentence_speaker(self, q: QuoteSpan) -> SpeakerRef | None:
        """Schiff said so on Tuesday. “…” — a quote that opens a sentence with no cue of its own
        goes on from the sentence before it in the paragraph, when that sentence's subject is named."""
        dm, doc = self.dm, self.dm.doc
        t = dm.tok_at(q.start)
        if t >= len(doc):
            return None
        k = t - 1
        while k >= 0 and doc[k].is_space:
            k -= 1
        if k < 0 or doc[k].text not in TERMINATORS:
            return None  # the quote does not open a sentence
        # the sentence the full stop ends (the parser sometimes runs it on into the quote)
        stop = doc[k]
        before = doc[stop.sent.start : k + 1] if stop.sent.start <= k else stop.sent
        if not len(before) or dm.tok_para[before.start] != q.paragraph:
            return None
        root = before.root
        if root.pos_ not in ("VERB", "AUX") or not root.is_alpha or dm.quoted(root.i):
            return None  # a dash the tagger took for a verb ("― Sonya Herridge") is no clause
        subject = cue_subject(root, dm.quoted)
        ref = self.resolver.resolve(subject) if subject is not None else None
        return ref if ref is not None and ref.is_named else None

    def _follows(self, prev: _Found, q: QuoteSpan) -> bool:
        """The quote goes on from ``prev``: in the same sentence, or opening the very next one.

        (“…,” she said, “…” / “…,” she said. “…”). A quote sentences later in the paragraph, inside
        a sentence about something else, is not the previous speaker's by position alone.
        """
        if prev.laid_out:
            return False  # “…” ― Pamela Padilla “…”: the name closes the quote before, not this one
        dm = self.dm
        between = [t for t in dm.doc[dm.tok_at(prev.end) : dm.tok_at(q.start)] if not t.is_space]
        stops = sum(1 for t in between if t.text in TERMINATORS)  # "Mr." is one token, not a stop
        if stops == 0:
            return True
        return stops == 1 and between[-1].text in (*TERMINATORS, ":")

    def _words(self, start: int, end: int) -> int:
        return len(self.dm.text[start:end].split())

    @staticmethod
    def _short_quote_ok(cue: Cue, ref: SpeakerRef | None, toks, ends_sentence: bool, n_words: int) -> bool:
        """A quote of three words or fewer is a quotation only when something ties it to a speaker."""
        if cue.governs:
            return ref is not None and ref.is_named
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in toks)
        return cue.distance <= 3 or has_verb or (ends_sentence and n_words > 1)

    def _colon_speaker(self, q: QuoteSpan, before: list[int]) -> SpeakerRef | None:
        """'Senator Jane Smith on the vote: “…”' — a name heading the words that lead to a colon."""
        doc, ents = self.dm.doc, self.resolver.ents
        if not before or doc[before[0]].text != ":":
            return None
        verbs = [doc[i] for i in before if doc[i].pos_ in ("VERB", "AUX")]
        if verbs:
            # "Trump leaned in and boomed:", "Hoff's letter makes a case:" — the clause's subject
            main = min(verbs, key=lambda t: t.i)
            subj = [c for c in main.children if c.dep_ == "nsubj" and c.i in before]
            ref = self.resolver.resolve(subj[0]) if subj else None
            return ref if ref is not None and ref.kind != "anonymous" else None
        for i in reversed(before):  # from the start of the sentence
            m = ents.at_token(i)
            if m is not None and m.label in ("PERSON", "ORG"):
                return SpeakerRef(m.canonical, "person" if m.label == "PERSON" else "organisation")
        return None

    def _is_short(self, pi: int) -> bool:
        s, e = self.dm.paras[pi]
        return e - s < 40

    def _is_partial(self, q: QuoteSpan, s_in: int) -> bool:
        text = self.dm.text
        if text[s_in].islower():
            return True
        j = q.start - 1
        while j >= 0 and text[j] in " \u00a0\t":
            j -= 1
        return j >= self.dm.paras[q.paragraph][0] and text[j].isalnum()


def speaker_list(quotes: list[Quote], ents: EntityIndex, roles: RoleFinder) -> list[Speaker]:
    """One :class:`Speaker` per name credited with a quote or a reported statement, with role and
    organisation for people."""
    out: dict[str, Speaker] = {}
    for qt in quotes:
        if not qt.speaker:
            continue
        sp = out.get(qt.speaker)
        if sp is None:
            kind = qt.speaker_kind or "person"
            role, org = roles.role_and_org(qt.speaker) if kind == "person" else (None, None)
            aliases = sorted(a for a in ents.aliases.get(qt.speaker, ()) if a != qt.speaker)
            sp = out[qt.speaker] = Speaker(
                name=qt.speaker, aliases=aliases, role=role, organisation=org, quotes=0, kind=kind
            )
        if qt.kind == "indirect":
            sp.reported += 1
        else:
            sp.quotes += 1
    return list(out.values())


def attribute(doc: Doc, text: str, paras, spans, ents: EntityIndex) -> tuple[list[Quote], list[Speaker]]:
    """Quotes and speakers of one parsed article (``spans`` from :func:`.quotemarks.find_quotes`)."""
    # a nickname (Dwayne "The Rock" Johnson) is part of a name: no quote, and no wall for the frames
    spans = [q for q in spans if not is_nickname(text, q)]
    dm = DocMap.build(doc, text, paras, spans)
    roles = RoleFinder(dm, ents)
    resolver = Resolver(dm, ents, role_of=roles.role_of, descriptions=Descriptions.build(dm, ents))
    quotes = Attribution(dm, resolver).run()
    quotes = sorted(quotes + reported_statements(dm, resolver, quotes), key=lambda q: (q.start, q.end))
    ents.finish()
    return quotes, speaker_list(quotes, ents, roles)


__all__ = ["Attribution", "attribute", "choose_cue", "speaker_list"]
