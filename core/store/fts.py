"""The search box's query language, turned into FTS5 queries.

What a user types (words, ``"phrases"``, ``OR``, ``-word`` / ``NOT word``) becomes a query in which
every word is quoted, so no character typed is FTS5 syntax. Pure functions: the store runs the
queries (``Library.search``, ``NotesRepo.search``), the CLI and the app say when a query was cut.
"""

from __future__ import annotations

import re

_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)
_QUERY_PART = re.compile(r'"([^"]*)"?|(\S+)')

MAX_QUERY_TERMS = 32
"""Words a search uses at most; the rest of a longer query is left out. FTS5 reads one doclist per
word: a pasted page of 2,000 words would take about 38 s on a 5,000-article library."""


def query_terms_cut(text: str) -> bool:
    """Whether ``text`` holds more words than ``MAX_QUERY_TERMS``, so a search leaves some out
    (for the caller to say so)."""
    return _parse_query(text)[2]


def _parse_query(text: str) -> tuple[list[tuple[list[str], bool]], tuple[int, int] | None, bool]:
    """``text`` as clauses (each a list of alternative quoted atoms, and whether it is negated),
    where the last bare word is, and whether words beyond ``MAX_QUERY_TERMS`` were left out."""
    clauses: list[tuple[list[str], bool]] = []  # (alternatives, negated)
    pending_or = pending_not = False
    last_bare: tuple[int, int] | None = None
    terms = 0
    for m in _QUERY_PART.finditer(text):
        phrase, raw = m.group(1), m.group(2)
        negated = pending_not
        if raw is not None:
            if raw == "OR":
                pending_or = bool(clauses)
                continue
            if raw == "AND":
                continue
            if raw == "NOT":
                pending_not = True
                continue
            if raw.startswith("-") and len(raw) > 1:
                negated, raw = True, raw[1:]
            words = _FTS_TOKEN.findall(raw)
        else:
            words = _FTS_TOKEN.findall(phrase)
        if not words:
            continue
        if terms + len(words) > MAX_QUERY_TERMS:
            words = words[: MAX_QUERY_TERMS - terms]
            if words:  # the part of a phrase that fits
                clauses.append((['"' + " ".join(words) + '"'], negated))
            return clauses, None, True
        terms += len(words)
        atom = '"' + " ".join(words) + '"'
        if pending_or and not negated and not clauses[-1][1]:
            clauses[-1][0].append(atom)
        else:
            clauses.append(([atom], negated))
        last_bare = (len(clauses) - 1, len(clauses[-1][0]) - 1) if raw is not None and len(words) == 1 else None
        pending_or = pending_not = False
    return clauses, last_bare, False


def fts_query(text: str, *, prefix: bool = True, min_prefix: int = 1) -> str | None:
    """Turn anything a user types into a valid FTS5 query.

    Words must all match (AND); ``"exact phrase"`` is a phrase; ``a OR b`` (upper-case OR) matches
    either; ``-word`` or ``NOT word`` excludes. Every word reaches FTS5 inside double quotes, so no
    character a user types is FTS5 syntax; the last bare word is a prefix (search as you type) if it
    has at least ``min_prefix`` characters (a shorter one is matched as a whole word). Only the
    first ``MAX_QUERY_TERMS`` words are used (``query_terms_cut`` says when more were given); a
    query cut short matches its last word whole.
    Returns None when the text holds nothing to search for (no word, or only exclusions).
    """
    clauses, last_bare, _ = _parse_query(text)
    if prefix and last_bare is not None:
        ci, ai = last_bare
        if len(clauses[ci][0][ai]) - 2 >= min_prefix:
            clauses[ci][0][ai] += "*"
    positives = [alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")" for alts, neg in clauses if not neg]
    if not positives:
        return None
    negatives = [alts[0] for alts, neg in clauses if neg]
    return " ".join(positives) + "".join(f" NOT {n}" for n in negatives)
