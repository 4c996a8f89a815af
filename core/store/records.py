"""Rows the library hands out: small dataclasses built by keyword only, so neither the library nor its
callers depend on the order of columns or fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FEED_SUMMARY_ONLY = "feed summary only"
"""How the CLI and the reader say an article's text is only its feed entry's summary."""


@dataclass(slots=True, kw_only=True)
class ArticleRow:
    """One article as the library lists it (no text, no analysis).

    ``summary_only`` is why the stored text is only the feed entry's summary (its page could not be
    fetched), None for a full text: the CLI and the reader say so, so a summary is never taken for
    the article. ``quote_count`` counts quotations only (``library.quotation_count``), not reported
    statements.
    """

    id: int
    title: str | None
    site: str | None
    url: str | None
    source: str | None
    published: str | None
    added: str
    byline: str | None = None
    model: str | None = None
    quote_count: int = 0
    note_count: int = 0
    read: bool = False
    bookmarked: bool = False
    summary_only: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "site": self.site,
            "url": self.url,
            "source": self.source,
            "published": self.published,
            "added": self.added,
            "byline": self.byline,
            "quotes": self.quote_count,
            "notes": self.note_count,
            "read": self.read,
            "bookmarked": self.bookmarked,
            "summary_only": self.summary_only,
        }


@dataclass(slots=True, kw_only=True)
class AddResult:
    """What happened to one article handed to the library, and the stored article's
    ``summary_only`` mark afterwards (None: its text is the full article)."""

    article_id: int
    status: str  # "added" | "duplicate" | "updated"
    summary_only: str | None = None


@dataclass(slots=True, kw_only=True)
class DeleteResult:
    """What ``Library.delete_articles`` did: the articles deleted, the ids that named none, and
    their notes kept as orphans or deleted."""

    deleted: list[int] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)
    notes_kept: int = 0
    notes_deleted: int = 0


@dataclass(slots=True, kw_only=True)
class SearchHit:
    article_id: int
    title: str | None
    snippet: str
    rank: float


@dataclass(slots=True, kw_only=True)
class QuoteRow:
    """One quote or reported statement (``kind``: one of ``model.QUOTE_KINDS``) with its article's
    title and its speaker's role and organisation.

    ``statement_start``/``statement_end`` are, for a partial quote inside a reported statement, where
    that statement lies in the article's text, and ``statement`` is its text; None otherwise.
    """

    id: int
    article_id: int
    article_title: str | None
    start: int
    end: int
    text: str
    speaker: str | None
    organisation: str | None
    role: str | None
    cue: str | None
    kind: str
    # Who the quote is credited to: one of model.SPEAKER_KINDS ("unattributed" iff speaker is None).
    speaker_kind: str = "person"
    identity_id: int | None = None  # the library identity of the speaker (Library.speakers())
    statement_start: int | None = None
    statement_end: int | None = None
    statement: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
            "role": self.role,
            "organisation": self.organisation,
            "cue": self.cue,
            "kind": self.kind,
            "statement_start": self.statement_start,
            "statement_end": self.statement_end,
            "statement": self.statement,
        }


@dataclass(slots=True, kw_only=True)
class SpeakerSummary:
    """One identity across the library: a person (every name they are stored under), an
    organisation, or an anonymous source's or document's description. ``quotes`` counts its
    quotations, ``reported`` its reported statements (said without quotation marks)."""

    name: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    organisation: str | None = None
    quotes: int = 0
    articles: int = 0
    kind: str = "person"  # person | organisation | anonymous | document
    reported: int = 0
    identity_id: int | None = None  # for Library.quotes/articles(identity_id=…)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "identity_id": self.identity_id,
            "aliases": self.aliases,
            "role": self.role,
            "organisation": self.organisation,
            "quotes": self.quotes,
            "reported": self.reported,
            "articles": self.articles,
        }


@dataclass(slots=True, kw_only=True)
class OrgSummary:
    """An organisation across the library: the articles that are its own, its quotations and its
    reported statements (each said for it or naming it)."""

    name: str
    articles: int = 0
    quotes: int = 0
    reported: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "articles": self.articles, "quotes": self.quotes, "reported": self.reported}
