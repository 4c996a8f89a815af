"""A library of three hand-made articles quoting one statement (trimmed, in other quote marks) and
one quote of their own: what the tests of one quote across sources open."""

from __future__ import annotations

from pathlib import Path

from newsread.core.model import Analysis, Quote
from newsread.core.store.library import Library

SAID = "“We will not allow this to happen again, not in this country, not ever,”"
TRIMMED = '"will NOT allow this to happen again, not in this country"'
ALONE = "“Nothing about the talks has been agreed and nothing will be until the end,”"


def story(title: str, published: str, *quotes: str) -> Analysis:
    """An article of a title, one sentence, and each quote credited to Ann Lee."""
    text, found = title + "\n\nThe talks went on.", []
    for q in quotes:
        text += " "
        found.append(Quote(start=len(text), end=len(text) + len(q), text=q, speaker="Ann Lee", cue="said"))
        text += q + " Ann Lee said."
    return Analysis(text=text, title=title, published=published, quotes=found)


def echoed_library(path: Path) -> Library:
    """The library at ``path``: quote 1 (article 1's first) is in all three articles, first reported
    by article 2 (early.test, 2024-03-01); article 1's second quote is nowhere else."""
    lib = Library.open(path)
    lib.add_analysis(story("Talks go on", "2024-03-05", SAID, ALONE), url="https://late.test/1", site="late.test")
    lib.add_analysis(story("Talks begin", "2024-03-01", TRIMMED), url="https://early.test/2", site="early.test")
    lib.add_analysis(story("Talks again", "2024-03-03", SAID), url="https://mid.test/3", site="mid.test")
    return lib
