"""Finding a note's passage again after its article's text changes.

``anchor(text, quote, hint)`` is pure and tries, in order:

1. **position** — the exact quote is still at the old offset;
2. **exact** — the exact quote elsewhere; among several, the one whose prefix/suffix match best, then
   the nearest to the old offset. (When even the best copy sits in a foreign context — a headline
   repeated as a pull quote — an approximate match in the note's own context that scores higher
   wins instead, as in Hypothesis, which scores exact and approximate candidates together.);
3. **fuzzy** — an approximate match (rapidfuzz's optimal alignment, searched near the old offset and
   over the whole text, its ends then tuned), scored like Hypothesis's text-quote anchoring:
   ``50·quote + 20·prefix + 20·suffix + 2·position`` (each a similarity in 0…1). Below the
   thresholds (``MIN_QUOTE_SIMILARITY``, ``MIN_SCORE``) there is no anchor.

``reanchor_article_notes(conn, article_id, new_text)`` applies it to every note (and draft) of an
article inside the caller's transaction — ``Library.add_analysis`` calls it when an article's text is
replaced. A note that anchors gets new ``start``/``end``/``exact``/``prefix``/``suffix`` and
``orphaned = 0``; one that does not is marked ``orphaned = 1`` and otherwise left alone (its quote and
old offsets are kept, so a later version of the text can anchor it again). Nothing is ever deleted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .selectors import TextQuote, quote_at

QUOTE_WEIGHT = 50.0
PREFIX_WEIGHT = 20.0
SUFFIX_WEIGHT = 20.0
POSITION_WEIGHT = 2.0
_TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT

MIN_QUOTE_SIMILARITY = 0.75  # an approximate match must be at least this like the old quote …
MIN_SCORE = 0.75  # … and score at least this overall (so the context must mostly agree too)
SHORT_QUOTE = 16  # quotes shorter than this need their context to agree before they match fuzzily
MIN_SHORT_QUOTE_SIMILARITY = 0.85
MIN_SHORT_CONTEXT = 0.5
EXACT_CONTEXT_TRUST = 0.5  # an exact copy whose context agrees this well is taken without a fuzzy search
LONG_QUOTE = 256  # longer quotes are searched for by their ends …
PIECE = 64  # … this many characters of each (rapidfuzz aligns up to 64 characters fastest)
MAX_OCCURRENCES = 2000  # exact occurrences considered (a one-letter highlight could have thousands)


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a quote was found: ``text[start:end]``, how, and how well (0…1)."""

    start: int
    end: int
    method: str  # "position" | "exact" | "fuzzy"
    score: float


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def _context_scores(text: str, quote: TextQuote, start: int, end: int) -> tuple[float, float]:
    before = text[max(0, start - len(quote.prefix)) : start]
    after = text[end : end + len(quote.suffix)]
    return _similarity(quote.prefix, before), _similarity(quote.suffix, after)


def _position_score(text: str, start: int, hint: int | None) -> float:
    if hint is None or not text:
        return 0.5
    return max(0.0, 1.0 - abs(start - hint) / len(text))


def _score(text: str, quote: TextQuote, start: int, end: int, hint: int | None, quote_sim: float) -> float:
    pre, suf = _context_scores(text, quote, start, end)
    pos = _position_score(text, start, hint)
    return (QUOTE_WEIGHT * quote_sim + PREFIX_WEIGHT * pre + SUFFIX_WEIGHT * suf + POSITION_WEIGHT * pos) / (
        _TOTAL_WEIGHT
    )


def _occurrences(text: str, exact: str) -> list[int]:
    found: list[int] = []
    i = text.find(exact)
    while i != -1 and len(found) < MAX_OCCURRENCES:
        found.append(i)
        i = text.find(exact, i + 1)
    return found


def _best_cut(score: Callable[[int], float], lo: int, hi: int, current: int) -> int:
    """The ``i`` in ``lo…hi`` maximising ``score(i)``: coarse steps first, then finer ones around the best."""
    best, best_score = current, score(current)
    step = max(1, (hi - lo) // 16)
    while True:
        for i in range(max(lo, best - 16 * step), min(hi, best + 16 * step) + 1, step):
            sc = score(i)
            if sc > best_score or (sc == best_score and abs(i - current) < abs(best - current)):
                best, best_score = i, sc
        if step == 1:
            return best
        step = max(1, step // 8)


def _refine(text: str, exact: str, start: int, end: int) -> tuple[int, int]:
    """Move the ends of an approximate match to where it is most like ``exact``.

    A long quote's ends are placed by its first and last ``PIECE`` characters alone, which keeps the
    cost of each comparison small whatever the length of the quote.
    """
    slack = min(max(2, len(exact) // 4), 2 * PIECE)
    if len(exact) > LONG_QUOTE:
        head, tail = exact[:PIECE], exact[-PIECE:]
        end_score = lambda e: _similarity(tail, text[max(start, e - PIECE) : e])  # noqa: E731
        start_score = lambda s: _similarity(head, text[s : min(end, s + PIECE)])  # noqa: E731
    else:
        end_score = lambda e: _similarity(exact, text[start:e])  # noqa: E731
        start_score = lambda s: _similarity(exact, text[s:end])  # noqa: E731
    end = _best_cut(end_score, max(start + 1, end - slack), min(len(text), end + slack), end)
    start = _best_cut(start_score, max(0, start - slack), min(end - 1, start + slack), start)
    # An approximate match should not begin or end on whitespace the quote did not have.
    while start < end and text[start].isspace() and not exact[:1].isspace():
        start += 1
    while end > start and text[end - 1].isspace() and not exact[-1:].isspace():
        end -= 1
    return start, end


def _align(needle: str, text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The stretch of ``text[lo:hi]`` most like ``needle`` (rapidfuzz's optimal partial alignment)."""
    lo, hi = max(0, lo), min(len(text), hi)
    if hi <= lo:
        return None
    if hi - lo <= len(needle):  # the whole window is no longer than the needle: it is the candidate
        return lo, hi
    al = fuzz.partial_ratio_alignment(needle, text[lo:hi])
    if al is None or al.score <= 0:
        return None
    return lo + al.dest_start, lo + al.dest_end


def _fuzzy_candidates(text: str, exact: str, hint: int | None) -> set[tuple[int, int]]:
    """The best approximate match in the whole text, near the old offset, and right at it.

    A long quote is looked for by its first ``PIECE`` characters (then its last ones after them) and
    by its last ones (then its first ones before them), so that an edit at either end is survived.
    """
    n = len(exact)
    windows = [(0, len(text))]
    if hint is not None:
        pad = max(4 * n, 400)
        windows.append((max(0, hint - pad), min(len(text), hint + n + pad)))
        tight = n // 2 + 32
        windows.append((max(0, hint - tight), min(len(text), hint + n + tight)))
    spans: list[tuple[int, int] | None] = []
    for lo, hi in dict.fromkeys(windows):
        if hi - lo < n // 2:
            continue
        if n <= LONG_QUOTE:
            spans.append(_align(exact, text, lo, hi))
            continue
        head, tail = exact[:PIECE], exact[-PIECE:]
        h = _align(head, text, lo, hi)
        if h is not None:
            t = _align(tail, text, h[0] + n * 3 // 4 - PIECE, h[0] + n * 5 // 4)
            spans.append((h[0], t[1]) if t is not None else None)
        t = _align(tail, text, lo, hi)
        if t is not None:
            h = _align(head, text, t[1] - n * 5 // 4, t[1] - n * 3 // 4 + PIECE)
            spans.append((h[0], t[1]) if h is not None else None)
    return {_refine(text, exact, s, e) for s, e in filter(None, spans) if e > s}


def _best_fuzzy(text: str, quote: TextQuote, hint: int | None) -> Anchor | None:
    exact = quote.exact
    best: Anchor | None = None
    short = len(exact) < SHORT_QUOTE
    for s, e in _fuzzy_candidates(text, exact, hint):
        quote_sim = _similarity(exact, text[s:e])
        if quote_sim < (MIN_SHORT_QUOTE_SIMILARITY if short else MIN_QUOTE_SIMILARITY):
            continue
        if short and sum(_context_scores(text, quote, s, e)) / 2 < MIN_SHORT_CONTEXT:
            continue
        total = _score(text, quote, s, e, hint, quote_sim)
        if total >= MIN_SCORE and (best is None or total > best.score):
            best = Anchor(s, e, "fuzzy", total)
    return best


def anchor(text: str, quote: TextQuote, hint: int | None = None) -> Anchor | None:
    """Find ``quote`` in ``text``, preferring the old offset ``hint``; None when it is not there."""
    exact = quote.exact
    if not exact or not text:
        return None
    if hint is not None and text[hint : hint + len(exact)] == exact:
        return Anchor(hint, hint + len(exact), "position", 1.0)
    occurrences = _occurrences(text, exact)
    if occurrences:
        scored = [(_score(text, quote, s, s + len(exact), hint, 1.0), s) for s in occurrences]
        # Best context first; among equals the nearest to the old offset.
        best_score, best = max(scored, key=lambda p: (round(p[0], 6), -abs(p[1] - (hint or 0))))
        found = Anchor(best, best + len(exact), "exact", best_score)
        if sum(_context_scores(text, quote, found.start, found.end)) / 2 >= EXACT_CONTEXT_TRUST:
            return found
        # A copy of the quote in a foreign context (a headline repeated, a pull quote): an edited
        # passage still in its own context, near the old offset, may be the better anchor.
        fuzzy = _best_fuzzy(text, quote, hint)
        return fuzzy if fuzzy is not None and fuzzy.score > found.score else found
    return _best_fuzzy(text, quote, hint)


@dataclass(slots=True)
class ReanchorReport:
    """What ``reanchor_article_notes`` did, by note id."""

    unchanged: list[int] = field(default_factory=list)
    moved: list[int] = field(default_factory=list)  # anchored at a new place or with a new quote
    orphaned: list[int] = field(default_factory=list)


def reanchor_article_notes(conn: sqlite3.Connection, article_id: int, new_text: str) -> ReanchorReport:
    """Re-anchor every note and draft of ``article_id`` to ``new_text``, in the caller's transaction.

    Never commits, never deletes: a note that cannot be found becomes ``orphaned`` with its quote kept.
    """
    report = ReanchorReport()
    rows = conn.execute(
        'SELECT id, start, "end", exact, prefix, suffix, orphaned FROM notes WHERE article_id = ?', (article_id,)
    ).fetchall()
    for r in rows:
        note_id, start, end, exact, prefix, suffix, orphaned = tuple(r)
        found = anchor(new_text, TextQuote(exact, prefix or "", suffix or ""), start)
        if found is None:
            if not orphaned:
                conn.execute("UPDATE notes SET orphaned = 1 WHERE id = ?", (note_id,))
            report.orphaned.append(note_id)
            continue
        q = quote_at(new_text, found.start, found.end)
        new = (found.start, found.end, q.exact, q.prefix, q.suffix, 0)
        if new == (start, end, exact, prefix, suffix, orphaned):
            report.unchanged.append(note_id)
            continue
        conn.execute(
            'UPDATE notes SET start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ?, orphaned = ? WHERE id = ?',
            (*new, note_id),
        )
        report.moved.append(note_id)
    # Drafts carry only a position and the exact passage; move the ones that can still be found.
    for d in conn.execute('SELECT id, start, "end", exact FROM drafts WHERE article_id = ?', (article_id,)).fetchall():
        draft_id, start, end, exact = tuple(d)
        if not exact:
            continue
        found = anchor(new_text, TextQuote(exact), start)
        if found is not None and (found.start, found.end) != (start, end):
            conn.execute(
                'UPDATE drafts SET start = ?, "end" = ?, exact = ? WHERE id = ?',
                (found.start, found.end, new_text[found.start : found.end], draft_id),
            )
    return report
