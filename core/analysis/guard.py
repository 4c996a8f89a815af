"""What the spaCy pipeline is given: hostile runs blanked, long texts cut into pieces.

spaCy's tokenizer strips prefixes and suffixes from a whitespace-free chunk one at a time, copying
and re-searching the rest of the chunk each time, so a long run of characters it strips (quote
marks, brackets, most punctuation and symbols, emoji, a possessive ``'s`` repeated) takes time
quadratic in its length: 16,000 ``"`` take half a minute, 100,000 do not finish. Spaced out
(``" " " …``) the same characters are one token each, five times as many tokens as prose of the
same length, for a parser whose time goes by the token. :func:`guard` keeps the first
:data:`RUN_KEEP` characters of such a run (whitespace between them or not) and blanks the rest
with spaces, leaving its whitespace (line breaks, so paragraphs) as it is. The result has the same
length, so every offset found in it is an offset into the original text; a text without such a run
is returned as it is (the same object), so normal articles are untouched.

The pipeline also refuses a text over ``nlp.max_length`` characters, and its memory grows with the
tokens of a batch (3.4 GB for a million characters of prose, 1.7 GB for 100,000 one-character
tokens). :func:`tokenized` cuts a long text at paragraph breaks into pieces of at most
:data:`PIECE_CHARS` characters and :data:`PIECE_TOKENS` tokens; their parses are joined into one
``Doc`` of the whole text (``Doc.from_docs``), so quotes, speakers and entities are still resolved
across the whole article, and :func:`batches` keeps each batch the pipeline sees to a bounded number
of tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import TypeVar

RUN_KEEP = 64
"""Visible characters of a hostile run kept as they are: more than prose puts between two words,
dividers included (``.”\n\n* * *\n\n`` and a line of dashes), few enough that stripping them
costs the tokenizer nothing."""

# A character the tokenizer may strip as a prefix or suffix: anything that is neither a letter, a
# digit nor whitespace, and the "s" of a possessive after an apostrophe ("'s" is a suffix). A run
# starts with one of the first kind (a pattern that starts with a plain class is 3x faster to search)
# and may have whitespace between its characters. The quantifiers are possessive: nothing follows
# them to give back to, and without backtracking state a run of 10,000,000 characters is searched in
# 50 MB instead of 1.7 GB.
_SYMBOL = r"(?:[^\w\s]|_)"
_AFFIX = r"(?:[^\w\s]|_|(?<=['’])[sS])"
HOSTILE_RUN = re.compile(_SYMBOL + r"(?:\s*+" + _AFFIX + "){" + str(RUN_KEEP) + ",}+")
_KEPT = re.compile(r"(?:\s*\S){" + str(RUN_KEEP) + "}")
_VISIBLE = re.compile(r"\S")

PIECE_CHARS = 100_000
"""Longest piece of text parsed at once, well under spaCy's ``max_length`` (1,000,000); every
article of the corpus is one piece."""

PIECE_TOKENS = 25_000
"""Most tokens in one piece: 100,000 characters of prose are about 20,000 tokens, of ``a,a,a,…``
100,000 tokens, which a piece this size keeps to the memory of prose."""

BATCH_TOKENS = 30_000
"""Most tokens in one batch of the pipeline (a batch holds at least one piece); the default batch of
16 articles of the corpus holds about 20,000."""

# Where a long text may be cut, best first: after a blank line (between paragraphs), after a line
# break, after a sentence's end, after any whitespace.
_CUTS = (
    re.compile(r"\n[ \t\u00a0]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)

T = TypeVar("T")
D = TypeVar("D", bound=Sized)


def guard(text: str) -> str:
    """``text`` with each hostile run (:data:`HOSTILE_RUN`) cut to :data:`RUN_KEEP` visible characters
    and blanked with spaces after them; the same length, and the same object when there is none."""
    if HOSTILE_RUN.search(text) is None:
        return text
    return HOSTILE_RUN.sub(_blank_tail, text)


def _blank_tail(m: re.Match[str]) -> str:
    """The run with every visible character after its first :data:`RUN_KEEP` made a space."""
    run = m.group()
    kept = _KEPT.match(run)
    end = kept.end() if kept else len(run)
    return run[:end] + _VISIBLE.sub(" ", run[end:])


def pieces(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` pieces that cover ``text`` exactly, none longer than ``limit``
    (:data:`PIECE_CHARS` by default).

    A piece ends after the last paragraph break in its second half, else the last line break, the
    last sentence end or the last whitespace there (a piece never starts inside a word unless a
    word is longer than half a piece).
    """
    limit = limit or PIECE_CHARS
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        end = _cut(text, start + limit // 2, start + limit)
        out.append((start, end))
        start = end
    out.append((start, n))
    return out


def tokenized(make_doc: Callable[[str], D], text: str) -> Iterator[D]:
    """``make_doc`` (a tokenizer) of consecutive pieces that cover ``text``: the :func:`pieces` of
    ``text``, each cut again (in proportion) when it holds more than :data:`PIECE_TOKENS` tokens."""
    for s, e in pieces(text):
        doc = make_doc(text[s:e])
        if len(doc) <= PIECE_TOKENS:
            yield doc
            continue
        limit = max(1, (e - s) * PIECE_TOKENS // len(doc))
        yield from (make_doc(text[s + a : s + b]) for a, b in pieces(text[s:e], limit))


def _cut(text: str, lo: int, hi: int) -> int:
    """The best place to end a piece within ``text[lo:hi]`` (see :data:`_CUTS`), else ``hi``."""
    for pattern in _CUTS:
        last = None
        for last in pattern.finditer(text, lo, hi):  # noqa: B007 — only the last match is wanted
            pass
        if last is not None:
            return last.end()
    return hi


def batches(
    items: Iterable[T], size: int, most: int, length: Callable[[T], int], *, first: int | None = None
) -> Iterator[list[T]]:
    """Consecutive batches of ``items``, each of at most ``size`` items whose ``length`` adds up to at
    most ``most`` (unless one item alone is longer); the first of at most ``first`` items when given."""
    batch: list[T] = []
    total = 0
    limit = size if first is None else max(1, min(first, size))
    for item in items:
        n = length(item)
        if batch and (len(batch) >= limit or total + n > most):
            yield batch
            batch, total = [], 0
            limit = size
        batch.append(item)
        total += n
    if batch:
        yield batch
