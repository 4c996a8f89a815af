"""Corpus articles of tests/data/analysis as analysis inputs, as ``analyze`` reads a file."""

from __future__ import annotations

from pathlib import Path

from newsread.core.analysis import ArticleInput
from newsread.core.textio import split_title

DATA = Path(__file__).resolve().parent.parent / "data" / "analysis"
PUBLISHED = "2019-11-20"


def article_input(name: str) -> ArticleInput:
    """The article ``name`` (a file of tests/data/analysis), its title split off, published on
    :data:`PUBLISHED`."""
    title, body = split_title((DATA / name).read_text(encoding="utf-8"))
    return ArticleInput(body, title=title, published=PUBLISHED, path=name)


def first_articles(n: int) -> list[ArticleInput]:
    """The first ``n`` articles of tests/data/analysis, by file name."""
    return [article_input(path.name) for path in sorted(DATA.glob("*.txt"))[:n]]
