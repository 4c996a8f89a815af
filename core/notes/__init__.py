"""Notes and highlights on articles: selectors, re-anchoring after a text changes, the notes API.

The reader and the CLI use ``Notes`` (see ``repo.py``); ``anchoring.reanchor_article_notes`` is called
by ingest (through ``Library.add_analysis(on_text_replaced=...)``) when an article's text is replaced:
the store never imports this package. Names are imported lazily, so that importing a small
module of this package (``selectors``, ``records``) does not load the store.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .records import DraftRow, NoteHit, NoteRow
    from .repo import ArticleNotFound, InvalidPassage, NoteError, NoteNotFound, Notes, NoteSaveError, parse_tags

_WHERE = {
    "DraftRow": "records",
    "NoteHit": "records",
    "NoteRow": "records",
    "ArticleNotFound": "repo",
    "InvalidPassage": "repo",
    "NoteError": "repo",
    "NoteNotFound": "repo",
    "NoteSaveError": "repo",
    "Notes": "repo",
    "parse_tags": "repo",
}

__all__ = [
    "ArticleNotFound",
    "DraftRow",
    "InvalidPassage",
    "NoteError",
    "NoteHit",
    "NoteNotFound",
    "NoteRow",
    "NoteSaveError",
    "Notes",
    "parse_tags",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
