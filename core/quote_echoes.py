"""One quote across sources: when two quotes are the same words, in plain Python (no spaCy, no SQL).

The same quote reaches several articles trimmed differently ("We will not allow this to happen
again" and "will not allow this to happen again, ever"), in other quote marks (“…”, "…", «…»),
other case and other punctuation. The rule:

* ``normalise``: the text is case-folded and cut into its words (``\\w+``), so punctuation,
  dashes, ellipses and every quote mark and apostrophe are gone ("don’t" and "don't" are both
  "don t"). This module keeps no list of quote marks: ``analysis.quotemarks`` is the one place that
  knows them (every one of its ``ALL_MARKS`` is a non-word character, which the tests check), and
  the TUI, which imports the store, may not import the analysis (pyproject's import contracts);
* ``same_quote``: the shorter of two normalised quotes has at least ``MIN_WORDS`` words and
  rapidfuzz's ``partial_ratio`` (the best alignment of the shorter inside the longer) scores at
  least ``MATCH_SCORE``: a trimmed quote lies inside the whole one, a changed word or two still
  scores above 90;
* quotes of fewer than ``MIN_WORDS`` words are never matched: "very moved", "a disaster", "we
  will fight" are said by many people about many things, and a phrase that short says nothing about
  where it came from (a third of the quotations of the shared corpus are that short, mostly the
  partial quotes of a few words inside a reported statement);
* reported statements (kind "indirect") are a writer's paraphrase, not the speaker's words: they
  are not matched.

Candidates are found without comparing a quote against every stored one: each quote's word
3-shingles are hashed to 64-bit integers (``shingle_keys``) and its ``SKETCH_SIZE`` smallest
(a bottom-k sketch, ``sketch``) are what the store indexes. A new quote looks up all its own
shingle keys: a stored quote whose sketch holds any of them is a candidate, and ``same_quote``
decides. A stored quote's smallest shingles that the new one shares are found whichever of the
two is the longer; a quote that is a small part of a much longer one (a tenth of it) may be missed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MIN_WORDS = 8
"""The fewest words a quote must have (after ``normalise``) to be matched across articles."""

MATCH_SCORE = 90.0
"""The least rapidfuzz ``partial_ratio`` (0–100) of two normalised quotes that are one quote."""

SHINGLE_WORDS = 3
"""Words per shingle: short enough that a trimmed quote keeps most of them, long enough to be rare."""

SKETCH_SIZE = 8
"""Shingle keys stored per quote (its smallest): the index's rows per quote."""

MATCHED_KINDS = frozenset({"direct", "partial", "continuation"})
"""The quote kinds matched across articles (words in quotation marks, not reported speech)."""

_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> str:
    """``text`` as quotes are compared: case-folded words joined by single spaces, without quote
    marks or punctuation ("“We’re NOT—leaving.”" → "we re not leaving")."""
    return " ".join(_WORD.findall(text.casefold()))


def is_matched(kind: str | None, normalised: str) -> bool:
    """Whether a quote of ``kind`` with this normalised text is matched across articles."""
    return kind in MATCHED_KINDS and normalised.count(" ") + 1 >= MIN_WORDS


def _keyer() -> Callable[[str], int]:
    """A string's key: the first 8 bytes of its BLAKE2b digest as a signed 64-bit integer (an
    SQLite INTEGER), the same in every process (Python's ``hash`` of a str is not). hashlib is
    imported when a quote is first keyed: the reader, which only reads, never pays for it."""
    from hashlib import blake2b

    def key(text: str) -> int:
        return int.from_bytes(blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)

    return key


def text_key(normalised: str) -> int:
    """The key of a whole normalised quote: what finds its exact copies (the same words) in the
    store with one index lookup. Two texts may share a key (64 bits): the store compares the texts."""
    return _keyer()(normalised)


def shingle_keys(normalised: str) -> list[int]:
    """The keys of every ``SHINGLE_WORDS``-word shingle of a normalised quote, sorted, once each."""
    words = normalised.split()
    _key = _keyer()
    if len(words) < SHINGLE_WORDS:
        return [_key(normalised)] if normalised else []
    return sorted({_key(" ".join(words[i : i + SHINGLE_WORDS])) for i in range(len(words) - SHINGLE_WORDS + 1)})


def sketch(keys: list[int]) -> list[int]:
    """The bottom-k sketch of sorted ``keys``: the ``SKETCH_SIZE`` smallest."""
    return keys[:SKETCH_SIZE]


def same_quote(a: str, b: str) -> bool:
    """Whether two normalised quotes are one quote (see the module docstring)."""
    from rapidfuzz import fuzz

    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if shorter.count(" ") + 1 < MIN_WORDS:
        return False
    if a == b:  # a copy: partial_ratio would score it 100
        return True
    return fuzz.partial_ratio(shorter, longer, score_cutoff=MATCH_SCORE) >= MATCH_SCORE
