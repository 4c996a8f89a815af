"""Speech cues: the verb (or "according to") that credits a quotation to someone.

Two ways to a quote's cue, tried in order by :mod:`.quotes`:

- :func:`governing_cues` follows the dependency parse up from the quoted words to the cue
  verbs that govern them, nearest first — "Comey said there was evidence that Clinton was “extremely careless”"
  is governed by *said*, not by anything nearer in the text;
- :func:`frames` gives the words around a quote, up to its sentence's end, in which
  :mod:`.quotes` looks for the nearest cue when the parse did not tie the quote to one (a quote
  the parser left as a sentence of its own: “We will win.” Smith said.).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .docmap import DocMap
from .lexicon import (
    ADDRESSEE_CUES,
    CALLING_VERBS,
    CUE_PHRASAL,
    CUE_VERBS,
    EVIDENCE_CUES,
    NOT_WITH_XCOMP,
    OBJECT_CONTROL_VERBS,
    SPEECH_NOUNS,
)
from .quotemarks import QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Token

TERMINATORS = frozenset({".", "!", "?"})
MAX_BEFORE = 45
MAX_AFTER = 30
# After a quote that ends its own sentence (“… at all.” Smith said.) the cue must come at once.
MAX_AFTER_CLOSED = 10
MAX_GOVERNING_STEPS = 8


@dataclass(slots=True)
class Cue:
    token: Token
    distance: int  # tokens between the quote and the cue (0 for a governing cue)
    after: bool  # the cue follows the quote
    governs: bool  # the parse ties the quoted words to this cue
    subject: Token | None = None  # whom the parse makes the cue credit (``speakers.cue_subject``)

    @property
    def text(self) -> str:
        return "according to" if self.token.lower_ == "according" else self.token.text


def is_cue(tok: Token) -> bool:
    """A verb of saying by lemma (:data:`lexicon.CUE_VERBS`), a phrasal cue, or "according to"."""
    if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return True
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or lemma not in CUE_VERBS:
        return False
    particles = CUE_PHRASAL.get(lemma)
    if particles is not None:
        return any(c.lower_ in particles for c in tok.children)
    if lemma in NOT_WITH_XCOMP and any(c.dep_ == "xcomp" for c in tok.children):
        return False  # "Rubio will continue to be …" is no speech
    if is_negated(tok) or (tok.dep_ == "pcomp" and tok.head.lower_ == "without"):
        return False  # "for not calling it “radical Islam”": words the subject did not say
    # "records show" credits the records; "it showed" credits no one, and a person who "showed bad
    # judgment" said nothing; "a Marine was found guilty" is no finding of the Marine's
    return lemma not in EVIDENCE_CUES or not any(
        c.dep_ in ("nsubjpass", "auxpass") or (c.dep_ == "nsubj" and (c.pos_ == "PRON" or c.ent_type_ == "PERSON"))
        for c in tok.children
    )


def is_negated(verb: Token) -> bool:
    """ "did not say", "never said": a negation right before the verb (not one the parse borrowed
    from quoted words: “It's hard not to,” Suter acknowledged)."""
    return any(c.dep_ == "neg" and 0 < verb.i - c.i <= 3 for c in verb.children)


def is_calling(tok: Token) -> bool:
    """A verb that names something in the speaker's words: "called the allegation “false”"."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in CALLING_VERBS


def ends_own_sentence(inner: str) -> bool:
    """The quoted words (without their marks) end a sentence of their own: “… at all.”"""
    return inner.rstrip("”\"’' )").endswith((".", "!", "?"))


def quote_roots(dm: DocMap, t0: int, t1: int) -> list[Token]:
    """The quoted tokens ``t0:t1`` whose heads lie outside the quote: where it hangs in the parse."""
    return [t for t in dm.doc[t0:t1] if not (t0 <= t.head.i < t1) and not t.is_punct]


def governing_cues(dm: DocMap, t0: int, t1: int) -> list[Token]:
    """The cue (or calling) verbs above the quoted tokens ``t0:t1`` in the dependency tree, nearest first.

    "Holm said the advertisement “unmistakably” suggests …" gives *suggests*, then *said*. Only
    ancestors in the quote's paragraph and outside every quotation count: a walk from a root stops
    at a word of another quotation or paragraph, and after :data:`MAX_GOVERNING_STEPS` steps.
    """
    found: dict[int, tuple[int, Token]] = {}
    para = dm.tok_para[t0] if t0 < len(dm.tok_para) else -1
    for root in quote_roots(dm, t0, t1):
        tok = root
        steps = 0
        while tok.head.i != tok.i and steps < MAX_GOVERNING_STEPS:
            tok = tok.head
            steps += 1
            if t0 <= tok.i < t1:
                continue
            if dm.quoted(tok.i) or dm.tok_para[tok.i] != para:
                break  # another quotation's words, or a parse run on into the next paragraph
            if (is_cue(tok) or is_calling(tok)) and (tok.i not in found or steps < found[tok.i][0]):
                found[tok.i] = (steps, tok)
    return [tok for _, tok in sorted(found.values(), key=lambda x: (x[0], x[1].i))]


def governing_clause(dm: DocMap, t0: int, t1: int) -> tuple[Token, Token] | None:
    """(word, subject) of the clause the quoted tokens ``t0:t1`` belong to, when there is no cue.

    "Moore thanked him for “stepping up”" gives (thanked, Moore); a participle without a subject
    ("…, calling it “dangerous”") hands over to the verb it hangs from; a speech noun with a
    possessor ("Trump's claim that he was “treated unfairly”") gives (claim, Trump). Passive and
    copular clauses give nothing: their subject is who was acted on or described, not who spoke.
    """
    roots = quote_roots(dm, t0, t1)
    if not roots:
        return None
    tok = roots[0]
    verbs_seen = 0
    for _ in range(MAX_GOVERNING_STEPS):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if t0 <= tok.i < t1:
            continue
        if dm.quoted(tok.i) or dm.tok_para[tok.i] != dm.tok_para[t0]:
            return None
        if verbs_seen and tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in SPEECH_NOUNS:
            # only through a clause ("Trump's claim that he was “treated unfairly”"): in "called
            # Trump's statements “childish”" the words are the caller's
            poss = [c for c in tok.children if c.dep_ == "poss" and not dm.quoted(c.i)]
            if poss:
                return tok, poss[0]
        if tok.pos_ in ("VERB", "AUX") and not tok.is_punct and any(ch.isalpha() for ch in tok.text):
            verbs_seen += 1
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
            if subj and tok.lemma_ == "be":
                return None  # “Trump would be “the healthiest …”: words about the subject, not by it
            if is_negated(tok):
                return None  # "did not say “sorry”": words the subject did not use
            if subj:
                return (tok, subj[0]) if subj[0].dep_ == "nsubj" else None
            if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in OBJECT_CONTROL_VERBS:
                objs = [c for c in tok.head.children if c.dep_ == "dobj" and not dm.quoted(c.i)]
                if objs:
                    return tok, objs[0]  # "led the journalist to fear a “…”": the object's words
            if tok.dep_ not in ("xcomp", "advcl", "acl", "conj", "pcomp") or verbs_seen > 2:
                return None
    return None


def frames(dm: DocMap, q: QuoteSpan) -> tuple[list[int], list[int]]:
    """Token indexes before (nearest first) and after the quote, up to a sentence end."""
    doc, text = dm.doc, dm.text
    t0 = dm.tok_at(q.start)
    t1 = dm.tok_at(q.end)  # first token after the quote
    before: list[int] = []
    i = t0 - 1
    while i >= 0 and len(before) < MAX_BEFORE:
        if dm.tok_para[i] != q.paragraph or dm.quoted(i) or doc[i].text in TERMINATORS:
            break
        before.append(i)
        i -= 1
    if not before and q.start == dm.paras[q.paragraph][0] and q.paragraph > 0:
        # "He said:" closing the previous paragraph introduces this one.
        ps, pe = dm.paras[q.paragraph - 1]
        if text[pe - 1] == ":":
            i = dm.tok_at(pe) - 1
            while i >= 0 and doc[i].idx >= ps and len(before) < MAX_BEFORE:
                if doc[i].text in TERMINATORS or dm.quoted(i):
                    break
                before.append(i)
                i -= 1
    s_in, e_in = q.inner(text)
    closed_sentence = ends_own_sentence(text[s_in:e_in])
    limit = MAX_AFTER_CLOSED if closed_sentence else MAX_AFTER
    after: list[int] = []
    i = t1
    while i < len(doc) and len(after) < limit:
        if dm.tok_para[i] != q.paragraph or dm.quoted(i) or doc[i].text in TERMINATORS:
            break
        after.append(i)
        i += 1
    if closed_sentence and after:
        # the next sentence starts here: only a cue before any other verb belongs to the quote
        # (“… at all.” Smith said. / “… at all.” Although the agency declined to comment, …)
        for k, j in enumerate(after):
            tok = doc[j]
            if tok.pos_ in ("VERB", "AUX") and not is_cue(tok):
                after = after[:k]
                break
            if is_cue(tok):
                if _says_something_else(dm, tok):
                    after = after[:k]  # “…” Corker said he and his partners were careful: his own words
                break
    return before, after


def _says_something_else(dm: DocMap, cue: Token) -> bool:
    """The cue has what was said after it, outside any quotation, or is negated ("did not reply").

    The object of "told reporters" is who was told, not what: only a clause counts there.
    """
    deps = ("ccomp", "xcomp") if cue.lemma_.lower() in ADDRESSEE_CUES else ("ccomp", "xcomp", "dobj")
    if is_negated(cue):
        return True
    return any(c.dep_ in deps and c.i > cue.i and not dm.quoted(c.i) for c in cue.children)
