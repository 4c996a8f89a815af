"""Rows the notes API hands out: small dataclasses, like ``store/records.py``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class NoteRow:
    """One note or highlight, with the article it belongs to.

    ``start``/``end`` are offsets into the article's text; ``exact``/``prefix``/``suffix`` its quote.
    When ``orphaned`` is true the passage is no longer in the text: the offsets are the last known
    ones (not valid for the current text) and ``exact`` is the passage as it was.
    """

    id: int
    article_id: int | None  # None: the article was deleted, the note kept (orphaned)
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    body: str
    tags: list[str] = field(default_factory=list)
    kind: str = "note"  # "note" | "highlight"
    orphaned: bool = False
    created: str = ""
    updated: str = ""
    article_title: str | None = None
    article_url: str | None = None
    article_source: str | None = None
    article_byline: str | None = None
    article_published: str | None = None

    @property
    def is_highlight(self) -> bool:
        return self.kind == "highlight"

    @property
    def article_link(self) -> str | None:
        """The article's URL, or the path it was added from."""
        return self.article_url or self.article_source

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "article_url": self.article_url,
            "article_source": self.article_source,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "body": self.body,
            "tags": list(self.tags),
            "orphaned": self.orphaned,
            "created": self.created,
            "updated": self.updated,
        }


@dataclass(slots=True)
class NoteHit:
    """A note found by ``Notes.search``; ``snippet`` marks the matched words with ``[``…``]``."""

    note: NoteRow
    snippet: str
    rank: float


@dataclass(slots=True)
class DraftRow:
    """An unsaved note editor: what was typed, for which passage (and which note, when editing one)."""

    id: int
    article_id: int
    note_id: int | None
    start: int
    end: int
    exact: str
    body: str
    tags: list[str] = field(default_factory=list)
    updated: str = ""
    article_title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "note_id": self.note_id,
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "body": self.body,
            "tags": list(self.tags),
            "updated": self.updated,
        }
