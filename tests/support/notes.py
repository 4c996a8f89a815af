"""Helpers for the notes, anchoring and export tests: a real library file with hand-made articles.

No spaCy: the analyses are built by hand, with quotes located in the text by ``str.index``.
"""

from __future__ import annotations

from pathlib import Path

from newsread.core.model import Analysis, Quote, Speaker
from newsread.core.notes.anchoring import reanchor_article_notes
from newsread.core.store.library import Library

DATA = Path(__file__).resolve().parents[1] / "data" / "notes"
ARTICLE = (DATA / "article.txt").read_text(encoding="utf-8")
URL = "https://example.org/news/harbour-plan"

MAYOR_QUOTE = "This is the most important decision this council has taken in a decade,"
CRITIC_QUOTE = "The plan ignores the fishermen who have worked here for generations,"


def analysis_of(text: str, *, title: str | None = None) -> Analysis:
    """An analysis of ``text`` with the two quotes of the harbour article, where they are present."""
    speakers = [
        Speaker("Ana Lindqvist", ["Lindqvist"], "Mayor", "City Council", 0),
        Speaker("Tomas Berg", ["Berg"], "chair", "Harbour Workers Association", 0),
    ]
    quotes = []
    for quote, speaker in ((MAYOR_QUOTE, speakers[0]), (CRITIC_QUOTE, speakers[1])):
        if quote in text:
            start = text.index(quote)
            quotes.append(Quote(start, start + len(quote), quote, speaker.name, "said", "direct"))
            speaker.quotes += 1
    return Analysis(
        text=text,
        title=title or text.splitlines()[0],
        published="2024-05-01",
        speakers=[s for s in speakers if s.quotes],
        quotes=quotes,
        model="hand-made",
    )


def add_article(lib: Library, text: str = ARTICLE, *, url: str = URL, title: str | None = None) -> int:
    """Store ``text`` as an article (a new text at a known URL replaces it, re-anchoring its notes
    as ingest does)."""
    analysis = analysis_of(text, title=title)
    return lib.add_analysis(
        analysis, url=url, site="example.org", byline="Jane Reporter", on_text_replaced=reanchor_article_notes
    ).article_id


def span(text: str, passage: str, occurrence: int = 0) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th copy of ``passage`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(passage, start + 1)
    return start, start + len(passage)
