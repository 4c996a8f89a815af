"""Reported speech: what a cue credits to someone without quotation marks.

"Blinken said Israel must allow more aid", "according to the ministry, 35 trucks a day entered",
"Netanyahu told Blinken that …", "she urged Congress to act". Each statement is found from its cue
in the parse, by the relation that ties the cue to what it reports:

- a verb of saying and its clausal complement, before or after it ("X said …", "…, X said");
- a verb of saying set inside the clause it reports ("This campaign, he says, is different");
- "according to X" and the clause it is attached to;
- a verb of urging, promising or refusing and its infinitive ("urged Congress to act",
  "vowed to appeal"), with the object that is to act;
- a few speech acts and their object ("denied the allegations", "expressed concern about …").

Verbs of belief and intention ("thinks", "wants", "plans") are not cues here: a reader must not
see a guess about someone's thoughts shown as something they said. Words inside a quotation are
never a cue (that is quoted speech, the quote's own), a negated or hypothetical cue credits nothing
("did not say", "would argue"), and a statement that holds quoted words is left to the quotes: the
quoted words are the quote, and the clause around them is recorded on it (``Quote.statement_start``).

The speaker is resolved exactly as a quote's (:class:`.speakers.Resolver`), and a statement whose
speaker does not resolve is left out: without a name or a description a reported statement is only a
guess at the sentence's structure, where a quotation's marks are evidence in themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Quote
from .cues import is_cue, is_negated
from .entities import title_like
from .lexicon import (
    CUE_VERBS,
    GENERIC_SPEAKERS,
    REPORT_INFINITIVE_VERBS,
    REPORT_OBJECT_ACTORS,
    REPORT_OBJECT_VERBS,
    REPORT_VERBS,
)
from .quotemarks import is_so_called
from .speakers import SpeakerRef, cue_subject

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Token

    from .docmap import DocMap
    from .quotemarks import QuoteSpan
    from .speakers import Resolver

# Dependents of a cue that are not part of what it reports: who spoke, to whom, and punctuation.
_NOT_CONTENT = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "punct", "agent", "npadvmod", "cc", "conj"})
MIN_WORDS = 3  # "said so", "said it": too little to show as a statement
HYPOTHETICAL = frozenset({"would", "could", "might", "may", "should", "can", "must", "'d", "’d"})


@dataclass(frozen=True, slots=True)
class Report:
    """One reported statement as found: its cue, its first and last tokens, and who the cue credits."""

    cue: Token
    first: int
    last: int
    source: Token | None


def find_reports(dm: DocMap) -> Iterator[Report]:
    """Every reported statement of the article in the order of their cues."""
    for tok in dm.doc:
        if dm.quoted(tok.i):
            continue
        if tok.lower_ == "according":
            if (found := _according(dm, tok)) is not None:
                yield found
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or not (
            lemma in REPORT_VERBS or lemma in REPORT_INFINITIVE_VERBS or lemma in REPORT_OBJECT_VERBS
        ):
            continue
        if not _credits(tok):
            continue
        found = _clausal(dm, tok) if lemma in REPORT_VERBS else None
        if found is None and lemma in REPORT_INFINITIVE_VERBS:
            found = _infinitive(dm, tok)
        if found is None and lemma in REPORT_OBJECT_VERBS:
            found = _object(dm, tok)
        if found is not None:
            yield found


def _object(dm: DocMap, cue: Token) -> Report | None:
    """ "announced a plan to cut taxes", "denied the allegations": what the speech act was about."""
    if cue.dep_ in ("amod", "compound") or not cue.tag_.startswith("VB"):
        return None
    for c in cue.children:
        if c.dep_ == "dobj" and c.i > cue.i and c.pos_ in ("NOUN", "PROPN"):
            return _report(dm, cue, list(c.subtree))
    return None


def _clausal(dm: DocMap, cue: Token) -> Report | None:
    """ "X said (that) …", "…, X said", or the clause a parenthetical "he says" stands in."""
    comps = [c for c in cue.children if c.dep_ == "ccomp"]
    if comps:
        root = min(comps, key=lambda c: abs(c.i - cue.i))
        if not _is_clause(root):
            return None
        toks = list(root.subtree)
        around = False
        if root.i > cue.i:
            # "Pence said in politics it takes time …": words between the cue and its clause lead it
            toks.extend(
                t for c in cue.children if cue.i < c.i < root.i and c.dep_ not in _NOT_CONTENT for t in c.subtree
            )
        else:
            # "He's leaning toward Kasich, he said, because …": what follows the cue goes on with it
            tail = [c for c in cue.children if c.i > cue.i and c.dep_ not in _NOT_CONTENT]
            for c in tail:
                toks.extend(c.subtree)
            around = bool(tail)
        return _report(dm, cue, toks, around=around)
    if cue.dep_ == "parataxis" and _is_clause(cue.head):
        inner = {t.i for t in cue.subtree}
        toks = [t for t in cue.head.subtree if t.i not in inner]
        return _report(dm, cue, toks, around=True)
    return None


def _infinitive(dm: DocMap, cue: Token) -> Report | None:
    """ "vowed to appeal", "urged Congress to act" (the object is part of what was urged)."""
    if cue.dep_ in ("amod", "compound") or not cue.tag_.startswith("VB"):
        return None  # "pledged delegates"
    for c in cue.children:
        if c.dep_ == "xcomp" and c.i > cue.i and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children):
            toks = list(c.subtree)
            objs = [o for o in cue.children if o.dep_ == "dobj" and o.i < c.i]
            if objs and cue.lemma_.lower() not in REPORT_OBJECT_ACTORS:
                return None  # "won 60 pledged delegates to put him over the top": no pledge to act
            if objs:
                toks = list(objs[0].subtree) + toks
            return _report(dm, cue, toks)
    return None


def _according(dm: DocMap, tok: Token) -> Report | None:
    """ "According to X, …" and "…, according to X": the clause the phrase is attached to."""
    doc = dm.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    phrase = {t.i for t in tok.subtree} | {t.i for t in doc[tok.i + 1].subtree} | {tok.i}
    head = tok.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    toks = [t for t in head.subtree if t.i not in phrase]
    return _report(dm, tok, toks)


def _report(dm: DocMap, cue: Token, toks: list[Token], *, around: bool = False) -> Report | None:
    """The statement over ``toks`` within the cue's sentence and paragraph, trimmed of edge
    punctuation; None when it is too short to stand alone, or holds the cue where it should not
    (``around``: the cue stands inside what it reports, "This campaign, he says, is different"); its
    source is whom the cue credits (:func:`.speakers.cue_subject`)."""
    sent, para = cue.sent, dm.tok_para[cue.i]
    words = [
        t.i
        for t in toks
        if sent.start <= t.i < sent.end and dm.tok_para[t.i] == para and not (t.is_punct or t.is_space)
    ]
    if not words:
        return None
    first, last = min(words), max(words)
    doc = dm.doc
    if doc[first].dep_ == "mark" and doc[first].lower_ == "that":
        first += 1
    if last < first or (not around and first <= cue.i <= last):
        return None
    if sum(1 for t in doc[first : last + 1] if t.is_alpha) < MIN_WORDS:
        return None
    return Report(cue=cue, first=first, last=last, source=_antecedent(cue_subject(cue, dm.quoted)))


def _antecedent(source: Token | None) -> Token | None:
    """ "Sanders, who endorsed Canova and said …": the relative pronoun stands for the noun the
    clause describes."""
    if source is not None and source.tag_ == "WP" and source.head.dep_ == "relcl":
        return source.head.head
    return source


def _is_clause(tok: Token) -> bool:
    """What can be a statement: a verb, or a word with its own subject and auxiliary (a clause the
    parse rooted on its predicate); not a name the parse took for a complement ("said Robin Maynard,
    half joking")."""
    if tok.pos_ not in ("VERB", "AUX"):
        return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children) and any(
            c.pos_ == "AUX" for c in tok.children
        )
    return True


def _credits(cue: Token) -> bool:
    """The verb credits its subject with a statement: a cue as for quotes (:func:`.cues.is_cue`, which
    also rules out a negated cue), or for the other reporting verbs not negated ("did not refuse");
    and not hypothetical ("would say", "might argue")."""
    speaks = is_cue(cue) if cue.lemma_.lower() in CUE_VERBS else not is_negated(cue)
    return speaks and not any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in cue.children)


def reported_statements(dm: DocMap, resolver: Resolver, quotes: list[Quote]) -> list[Quote]:
    """The article's reported statements as new ``Quote`` records, given its quotes so far.

    A statement without quoted words is a record of kind ``indirect``. A statement that holds quoted
    words is one entry, not two: the partial quote it holds gets the statement's bounds
    (``statement_start``/``statement_end``); quoted words the quotes left out as too short to credit
    on their own ("said the U.S. “clearly” needed …") become that partial quote when the cue
    credits them to someone by name or description. ``quotes`` is changed in place; the new records are returned.
    """
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for rep in find_reports(dm):
        start = dm.starts[rep.first]
        end = dm.starts[rep.last] + len(dm.doc[rep.last])
        if (start, end) in seen:
            continue
        seen.add((start, end))
        spans = [q for q in dm.spans if q.start < end and start < q.end]
        held = [q for q in quotes if q.start < end and start < q.end]
        if held or spans:
            if len(spans) == 1 and start <= spans[0].start and spans[0].end <= end:
                if held:
                    _mark_statement(held, start, end)
                elif rep.cue.lemma_.lower() in CUE_VERBS and _creditable(dm, spans[0]):
                    quote = _record(dm, rep, resolver, spans[0].start, spans[0].end, "partial", (start, end))
                    if quote.speaker is not None:
                        out.append(quote)
            continue
        quote = _record(dm, rep, resolver, start, end, "indirect")
        if quote.speaker is not None:
            out.append(quote)
    return out


def _record(
    dm: DocMap,
    rep: Report,
    resolver: Resolver,
    start: int,
    end: int,
    kind: str,
    statement: tuple[int, int] | None = None,
) -> Quote:
    ref = _speaker(rep, resolver)
    return Quote(
        start=start,
        end=end,
        text=dm.text[start:end],
        speaker=ref.name if ref else None,
        cue="according to" if rep.cue.lower_ == "according" else rep.cue.text,
        kind=kind,
        speaker_kind=ref.kind if ref else "unattributed",
        statement_start=statement[0] if statement else None,
        statement_end=statement[1] if statement else None,
    )


def _speaker(rep: Report, resolver: Resolver) -> SpeakerRef | None:
    """Who the statement is credited to: the source resolved as a quote's speaker, else the
    description that pins one person down, else for "according to" the phrase's own words."""
    source = rep.source
    if source is None:
        return None
    ref = resolver.resolve(source) or resolver.description(source)
    if ref is None and rep.cue.lower_ == "according" and source.pos_ in ("NOUN", "ADJ"):
        ref = _phrase_source(resolver, source)
    return ref


def _phrase_source(resolver: Resolver, tok: Token) -> SpeakerRef:
    """What "according to" names, in the article's own words: the phrase exists to credit it, so
    its description is no guess ("according to the Real Clear Politics polling average", "according
    to people close to the campaign"): people are an anonymous source, anything else a document."""
    people = tok.lemma_.lower() in GENERIC_SPEAKERS or resolver.is_people(tok)
    return SpeakerRef(resolver.describe(tok), "anonymous" if people else "document")


def _creditable(dm: DocMap, q: QuoteSpan) -> bool:
    """Quoted words inside a reported statement that are the speaker's: not a title or a name
    (“The Art of the Deal”), nor a so-called label."""
    s_in, e_in = q.inner(dm.text)
    toks = dm.doc[dm.tok_at(s_in) : dm.tok_at(e_in)]
    return any(t.is_alpha for t in toks) and not title_like(toks) and not is_so_called(dm.text, q)


def _mark_statement(held: list[Quote], start: int, end: int) -> None:
    """Write the statement's bounds on the one partial quote it holds."""
    if len(held) != 1:
        return
    q = held[0]
    if q.kind == "partial" and start <= q.start and q.end <= end and q.statement_start is None:
        q.statement_start, q.statement_end = start, end


__all__ = ["Report", "find_reports", "reported_statements"]
