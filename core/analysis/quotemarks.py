"""The one module that knows quote-mark conventions.

It finds the quoted spans of a text paragraph by paragraph, without any NLP: straight, curly,
low-9, guillemet and TeX-style (````…''``) marks, single curly quotes used as the main marks,
mismatched glyphs (``”Hello,”``), odd counts, a quote inside a quote in the same curly marks
(“… what he calls “hell” than …”) and news-style multi-paragraph quotes (a paragraph that ends with
the quote still open and a next paragraph that opens it again).

An apostrophe never opens a quote. Apostrophes are told apart from single quote marks by the
characters around them: inside a word (``it’s``, ``o’clock``, ``Hawai‘i``), an "s" after punctuation
(``Inc.’s``, ``U.K.'s``), before a digit (``the ’90s``), a leading elision (``’em``, ``rock ’n’ roll``,
``’til``: :data:`ELISIONS`). A plural possessive (``students’ union``, ``U.S.’ allies``) closes an
open single quote only when no later mark in the paragraph can close it, so ``‘We back the
students’ union,’ he said`` is one quote.

A paragraph that is a link to another story — a label such as ``READ MORE:``, ``WATCH:``,
``RELATED:`` (:data:`LINK_LABEL`) followed by a one-line headline — yields no spans: a quoted
headline there is not something anybody said in this article. The rule lives here because it is
about the text's layout, not its language, and every consumer of :func:`find_quotes` wants it.

A span never crosses a paragraph boundary, so no quote can be longer than its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..spans import strip_span

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

# Words that are written with a leading apostrophe ("let ’em in", "rock ’n’ roll", "’til dawn").
ELISIONS = frozenset({"em", "n", "til", "tis", "twas", "cause", "cos", "bout", "nuff", "neath"})
_ELISION_RE = re.compile(r"([A-Za-z]+)(?![A-Za-z])")
# A link to another story: the label, then a one-line headline of at most LINK_MAX_WORDS words.
LINK_LABEL = re.compile(
    r"[\s»›►▶•*>-]*(?:read more|read also|also read|read next|read|more|more on this|related"
    r"(?: stories| story| articles?| coverage| content| reading| links?)?|see also|also see|see more"
    r"|watch(?: more| now| live)?|listen|video|photos?|gallery|recommended(?: reading)?"
    r"|don['’]t miss|must read|trending|further reading|up next|click here)\s*[:|]",
    re.IGNORECASE,
)
LINK_MAX_WORDS = 40
# a markup tag left in the text (<tweet author="@x" datetime="2016-07-05">): its attribute values
# are not quotations
MARKUP_TAG = re.compile(
    r"""</?[A-Za-z][\w:-]*"""  # <tweet
    r"""(?:\s+[\w:-]+(?:\s*=\s*(?:"[^"<>\n]*"|'[^'<>\n]*'|[^\s"'<>]+))?)*"""  # attr="value" …
    r"""\s*/?>"""
)


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
        return strip_span(text, self.start, self.end, ALL_MARKS + "`", ALL_MARKS)


def is_so_called(text: str, q: QuoteSpan) -> bool:
    """the so-called “peace plan”: named, not quoted."""
    head = text[max(0, q.start - 12) : q.start].lower().rstrip()
    return head.endswith(("so-called", "so called", "dubbed", "nicknamed"))


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


def _is_link_paragraph(text: str, s: int, e: int) -> bool:
    """True for "READ MORE: “Headline”": a link label opening a one-line paragraph of a headline."""
    m = LINK_LABEL.match(text, s, e)
    if m is None:
        return False
    rest = text[m.end() : e]
    return "\n" not in rest and len(rest.split()) <= LINK_MAX_WORDS


def _is_apostrophe(text: str, i: int, mark: str, lo: int, hi: int) -> bool:
    """Whether the single mark at ``i`` is an apostrophe by the characters around it."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if _is_word(before) and _is_word(after):
        return True  # it’s, Hamas’s, o’clock, Hawai‘i
    if after.isdigit() and not _is_word(before):
        return True  # the ’90s
    if after in "sS" and not before.isspace() and before not in OPEN_BEFORE and not _is_word(text[i + 2 : i + 3]):
        return True  # Inc.’s, U.K.'s: a possessive after an abbreviation's full stop
    if before in "nN" and i >= lo + 2 and text[i - 2] in "‘’'" and (i < lo + 3 or text[i - 3].isspace()):
        return True  # the second mark of rock ’n’ roll
    if not _is_word(before):
        w = _ELISION_RE.match(text, i + 1, hi)
        if w and w.group(1).lower() in ELISIONS and (mark != "‘" or w.group(1).islower()):
            return True  # ’em, ’til, ’n’
    return False


def _classify(text: str, i: int, mark: str, lo: int, hi: int) -> str | None:
    """'open', 'close', 'either', 'possessive' or None (an apostrophe, inch mark, prime).

    'possessive' is a mark after a plural "s" (``the players’ union``, ``U.S.’ allies``) that may
    close a single quote; :func:`find_quotes` decides with the rest of the paragraph.
    """
    before = text[i - 1] if i > lo else " "
    after_i = i + len(mark)
    after = text[after_i] if after_i < hi else " "
    single = mark in ("'", "’", "‘", "‚")
    if single:
        if _is_apostrophe(text, i, mark, lo, hi):
            return None
        if mark == "‘" and before.isspace() and after.isspace():
            return None
    if mark in ('"', "'") and before.isdigit() and not after.isalnum():
        return None  # 5' 11", a 27" screen
    left = before in OPEN_BEFORE or before in ALL_MARKS or before == "`"
    right = after in CLOSE_AFTER or after in ALL_MARKS
    if left and not right:
        return "open"
    if right and not left:
        if single and mark in ("'", "’") and (before in "sS" or text[i - 3 : i] == ".S."):
            return "possessive"  # the players’ union, the U.S.’ allies
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
    """All quoted spans of ``text`` in order; never raises, never crosses a paragraph.

    Link paragraphs ("READ MORE: “…”", see :func:`_is_link_paragraph`) give no spans and are
    skipped when a quote left open at a paragraph's end looks for its continuation.
    """
    if paras is None:
        paras = paragraphs(text)
    links = [_is_link_paragraph(text, s, e) for s, e in paras]
    spans: list[QuoteSpan] = []
    carry = False  # previous paragraph ended inside an open quote
    carry_family = "double"
    for pi, (ps, pe) in enumerate(paras):
        if links[pi]:
            continue
        open_at: int | None = None
        depth = 0  # quotes of the same family open inside the open one
        family = "double"
        continues = False
        first = _first_mark(text, ps, pe)
        if carry and first is not None and _family(first) == carry_family:
            continues = True
        tags = [(t.start(), t.end()) for t in MARKUP_TAG.finditer(text, ps, pe)] if text.find("<", ps, pe) >= 0 else []
        marks = []
        for m in MARK_RE.finditer(text, ps, pe):
            if tags and any(a <= m.start() < b for a, b in tags):
                continue
            role = _classify(text, m.start(), m.group(), ps, pe)
            if role is not None:
                marks.append((m, role))
        for k, (m, role) in enumerate(marks):
            mark = m.group()
            fam = _family(mark)
            if open_at is None:
                if role in ("open", "either"):
                    open_at, family = m.start(), fam
                continue
            if fam != family:
                continue  # nested quote of the other family, or an apostrophe
            if role == "possessive":
                role = "close" if family == "single" and not _later_closer(marks, k) else "possessive"
            if role == "close" and depth:
                depth -= 1  # the end of a quote inside the quote
                continue
            if role in ("close", "either"):
                spans.append(QuoteSpan(open_at, m.end(), pi, True, continues and not spans_in(spans, pi), family))
                open_at = None
            elif role == "open" and _nested(marks, k, family):
                depth += 1  # “… what he calls “hell” than …”: a quote inside the quote
            elif role == "open":
                # A second opener while one is open: the first one was stray (odd count).
                open_at = m.start()
        carry = False
        if open_at is not None:
            nxt_i = pi + 1
            while nxt_i < len(paras) and links[nxt_i]:
                nxt_i += 1
            nxt = paras[nxt_i] if nxt_i < len(paras) else None
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


def _nested(marks: list[tuple[re.Match, str]], k: int, family: str) -> bool:
    """The opener at ``k`` (a quote already open) starts a quote inside it: before the next opener
    of its family come two closers, its own and the outer quote's."""
    closers = 0
    for m, role in marks[k + 1 :]:
        if _family(m.group()) != family:
            continue
        if role == "open":
            break
        if role == "close":
            closers += 1
    return closers >= 2


def _later_closer(marks: list[tuple[re.Match, str]], k: int) -> bool:
    """Whether the next single mark after ``marks[k]`` could close the open single quote instead."""
    for m, role in marks[k + 1 :]:
        if _family(m.group()) != "single":
            continue
        return role in ("close", "either", "possessive")
    return False


def is_nickname(text: str, q: QuoteSpan) -> bool:
    """Dwayne "The Rock" Johnson, Robert C. "Bobby" Scott: a short capitalised quote between two
    capitalised words is part of a name, not a quotation."""
    if q.end - q.start > 40:
        return False
    s_in, e_in = q.inner(text)
    inner = text[s_in:e_in]
    if not inner or not inner[-1].isalnum() or not all(w[:1].isupper() for w in inner.split()):
        return False
    b = text[max(0, q.start - 2) : q.start]
    a = text[q.end : q.end + 2]
    return (
        len(b) == 2
        and len(a) == 2
        and b[1] == " "
        and (b[0].isalpha() or b[0] == ".")
        and a[0] == " "
        and a[1].isupper()
        and text[max(0, q.start - 30) : q.start].split()[-1][:1].isupper()
    )


def spans_in(spans: list[QuoteSpan], paragraph: int) -> bool:
    return bool(spans) and spans[-1].paragraph == paragraph
