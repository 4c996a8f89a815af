"""The one module that knows quote-mark conventions.

It finds the quoted spans of a text paragraph by paragraph, without any NLP: straight, curly,
low-9, guillemet and TeX-style (````…''``) marks, single curly quotes used as the main marks,
mismatched glyphs (``”Hello,”``), odd counts and news-style multi-paragraph quotes (a paragraph that
ends with the quote still open and a next paragraph that opens it again). Apostrophes (``it’s``,
``Hamas’s``, ``’90s``) are told apart from quote marks by the characters around them.

A span never crosses a paragraph boundary, so no quote can be longer than its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPENERS = frozenset({"“", "„", "‟", "«", "``"})
DOUBLE_CLOSERS = frozenset({"”", "»", "''"})
SINGLE_OPENERS = frozenset({"‘", "‹", "‚"})
SINGLE_CLOSERS = frozenset({"’", "›"})
AMBIGUOUS = frozenset({'"', "'"})
ALL_MARKS = "“”„‟«»‘’‹›‚\"'"
MARK_RE = re.compile(r"``|''|[“”„‟«»‘’‹›‚\"']")
# Characters that may stand before an opening mark or after a closing one.
OPEN_BEFORE = " \t\n([{—–-/:;\u00a0"
CLOSE_AFTER = " \t\n)]}.,;:!?—–-/\u00a0…"

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")


@dataclass(slots=True)
class QuoteSpan:
    """One quoted span: ``start``/``end`` include the marks that were found."""

    start: int
    end: int
    paragraph: int
    closed: bool = True
    continues: bool = False  # opens a paragraph that continues the previous paragraph's open quote
    family: str = "double"

    def inner(self, text: str) -> tuple[int, int]:
        """Offsets of the quoted words without the surrounding marks and spaces."""
        s, e = self.start, self.end
        while s < e and (text[s] in ALL_MARKS or text[s] == "`" or text[s].isspace()):
            s += 1
        while e > s and (text[e - 1] in ALL_MARKS or text[e - 1].isspace()):
            e -= 1
        return s, e


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph (start, end) offsets, stripped of surrounding whitespace.

    Blank lines separate paragraphs when the text uses them; otherwise every line is one.
    """
    use_blank = len(_BLANK_LINE.findall(text)) >= 2
    sep = _BLANK_LINE if use_blank else re.compile(r"\n")
    out: list[tuple[int, int]] = []
    pos = 0
    for m in sep.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    result = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            result.append((s, e))
    return result


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _classify(text: str, i: int, mark: str, lo: int, hi: int) -> str | None:
    """'open', 'close', 'either' or None (an apostrophe, inch mark, prime: not a quote mark)."""
    before = text[i - 1] if i > lo else " "
    after_i = i + len(mark)
    after = text[after_i] if after_i < hi else " "
    single = mark in ("'", "’", "‘", "‚")
    if single:
        if _is_word(before) and _is_word(after):
            return None  # it’s, Hamas’s, rock’n’roll
        if after.isdigit() and not _is_word(before):
            return None  # ’90s
        if mark == "‘" and before.isspace() and after.isspace():
            return None
    if mark in ('"', "'") and before.isdigit() and not after.isalnum():
        return None  # 5' 11", a 27" screen
    left = before in OPEN_BEFORE or before in ALL_MARKS or before == "`"
    right = after in CLOSE_AFTER or after in ALL_MARKS
    if left and not right:
        return "open"
    if right and not left:
        if single and before in "sS" and mark in ("'", "’"):
            return "possessive"  # the players’ union — a closer only if a single quote is open
        return "close"
    if mark in DOUBLE_OPENERS or mark in SINGLE_OPENERS:
        return "open"
    if mark in DOUBLE_CLOSERS or mark in SINGLE_CLOSERS:
        return "close"
    return "either"


def _family(mark: str) -> str:
    return "single" if mark in ("'", "’", "‘", "‹", "›", "‚") else "double"


def _first_mark(text: str, s: int, e: int) -> str | None:
    m = MARK_RE.match(text, s)
    return m.group() if m and m.start() < e else None


def find_quotes(text: str, paras: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """All quoted spans of ``text`` in order; never raises, never crosses a paragraph."""
    if paras is None:
        paras = paragraphs(text)
    spans: list[QuoteSpan] = []
    carry = False  # previous paragraph ended inside an open quote
    carry_family = "double"
    for pi, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        family = "double"
        continues = False
        first = _first_mark(text, ps, pe)
        if carry and first is not None and _family(first) == carry_family:
            continues = True
        for m in MARK_RE.finditer(text, ps, pe):
            mark = m.group()
            role = _classify(text, m.start(), mark, ps, pe)
            if role is None:
                continue
            fam = _family(mark)
            if open_at is None:
                if role in ("open", "either"):
                    open_at, family = m.start(), fam
                continue
            if fam != family:
                continue  # nested quote of the other family, or an apostrophe
            if role == "possessive":
                role = "close" if family == "single" else "possessive"
            if role in ("close", "either"):
                spans.append(QuoteSpan(open_at, m.end(), pi, True, continues and not spans_in(spans, pi), family))
                open_at = None
            elif role == "open":
                # A second opener while one is open: the first one was stray (odd count).
                open_at = m.start()
        carry = False
        if open_at is not None:
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            nxt_first = _first_mark(text, nxt[0], nxt[1]) if nxt else None
            next_opens = (
                nxt is not None
                and nxt_first is not None
                and text[nxt[0]] == nxt_first[0]
                and _family(nxt_first) == family
            )
            spans.append(QuoteSpan(open_at, pe, pi, False, continues and not spans_in(spans, pi), family))
            if next_opens:
                carry, carry_family = True, family
    return spans


def spans_in(spans: list[QuoteSpan], paragraph: int) -> bool:
    return bool(spans) and spans[-1].paragraph == paragraph
