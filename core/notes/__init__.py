"""Notes and highlights on articles: selectors, re-anchoring after a text changes, the notes API.

The reader and the CLI use ``Notes`` (see ``repo.py``); ``anchoring.reanchor_article_notes`` is called
by the store when an article's text is replaced.
"""

from .records import DraftRow, NoteHit, NoteRow
from .repo import ArticleNotFound, InvalidPassage, NoteError, NoteNotFound, Notes, NoteSaveError, parse_tags

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
