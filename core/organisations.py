"""The quotes and articles of an organisation: one rule for the library, the reader and exports.

An organisation is known by its **key**: its name case-folded with Unicode rules (``str.casefold``:
"ÖBB" and "öbb", "Straße" and "STRASSE" are one organisation, which SQLite's ``COLLATE NOCASE``,
ASCII only, does not see) and its whitespace collapsed.

In one article:

- the organisation is **mentioned** where an ORG entity's canonical name or its own text has its
  key (``mentions``);
- a **quote is the organisation's** when the organisation the quote counts for
  (``model.quote_organisation``: an organisation quoted itself, or the organisation of the person
  quoted) has its key, or when a mention of it lies inside the quote — the quote speaks for the
  organisation or of it;
- the **article is the organisation's** when it mentions it, or a speaker's organisation or a quote's
  organisation has its key (every quote of it then is in an article of it).

The organisations an article **names** (what a picker or ``newsread orgs`` lists) are those of its
quotes, its speakers and its ORG entities' canonical names, each shown by the first of its names met
in that order. A key met only as an entity's own text ("CFR" for the Council on Foreign Relations)
is mentioned but not named: filtering by it still finds the article.

Pure functions over the plain records of ``core.model``, for the reader to call on the analysis it
shows. The store keeps ``organisation_key`` of every name the rule compares in its rows and applies
the same rule in SQL, so a library of any size answers by index (``Library.articles``, ``quotes``,
``organisations``); ``tests/test_organisations.py`` checks that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Analysis, Quote, Speaker, quote_organisation

Span = tuple[int, int]

ORG_LABEL = "ORG"


def organisation_key(name: str | None) -> str:
    """How organisation names are compared: Unicode case-folded, whitespace collapsed ("" for none)."""
    return " ".join((name or "").split()).casefold()


@dataclass(slots=True, kw_only=True)
class ArticleOrganisations:
    """The organisations of one article, by key (see the module's rule).

    ``names``: key → name shown, for the organisations the article names, in the order met.
    ``mentions``: key → the (start, end) of every ORG entity naming it, in text order.
    ``quotes``: key → indices into the analysis' ``quotes`` of the quotes that are its, ascending.
    """

    names: dict[str, str] = field(default_factory=dict)
    mentions: dict[str, list[Span]] = field(default_factory=dict)
    quotes: dict[str, list[int]] = field(default_factory=dict)

    def mentions_of(self, organisation: str) -> list[Span]:
        """Where the article mentions ``organisation`` (any name of it, any case)."""
        return self.mentions.get(organisation_key(organisation), [])

    def quotes_of(self, organisation: str) -> list[int]:
        """The indices of the quotes that are ``organisation``'s."""
        return self.quotes.get(organisation_key(organisation), [])

    def has(self, organisation: str) -> bool:
        """Whether the article is ``organisation``'s."""
        key = organisation_key(organisation)
        return key in self.names or key in self.mentions


def article_organisations(analysis: Analysis) -> ArticleOrganisations:
    """The organisations of ``analysis``: what it names, where it mentions each and which quotes are
    each one's (computed once; the lookups of the result are dictionary reads)."""
    speakers: dict[str, Speaker] = {s.name: s for s in analysis.speakers}
    counts_for = [quote_organisation(q, speakers.get(q.speaker or "")) for q in analysis.quotes]
    found = ArticleOrganisations()

    def name(value: str | None) -> None:
        key = organisation_key(value)
        if key and value:
            found.names.setdefault(key, value)

    for org in counts_for:
        name(org)
    for s in analysis.speakers:
        name(s.organisation)
    orgs = sorted((e for e in analysis.entities if e.label == ORG_LABEL), key=lambda e: (e.start, e.end))
    for e in orgs:
        name(e.canonical or e.text)
        for key in dict.fromkeys((organisation_key(e.canonical), organisation_key(e.text))):
            if key:
                found.mentions.setdefault(key, []).append((e.start, e.end))
    for i, quote in enumerate(analysis.quotes):
        for key in quote_keys(quote, counts_for[i], found.mentions):
            found.quotes.setdefault(key, []).append(i)
    return found


def quote_keys(quote: Quote, organisation: str | None, mentions: dict[str, list[Span]]) -> list[str]:
    """The keys of the organisations ``quote`` is the organisation's for: the one it counts for
    (``organisation``, from ``quote_organisation``) and every one mentioned inside it."""
    keys = [organisation_key(organisation)] if organisation_key(organisation) else []
    for key, spans in mentions.items():
        if key not in keys and any(s < quote.end and quote.start < e for s, e in spans):
            keys.append(key)
    return keys
