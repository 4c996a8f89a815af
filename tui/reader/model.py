"""The rules of the reader's filters, search and quote navigation, without Textual.

``ReaderState`` holds what the reader's keys change — the speaker and organisation filters and the
order escape clears them in, whether reported speech is shown, the current quote, the search and its
matches, the parts of the status line — and answers in ranges and rows that the screen hands to its
widgets. It reads the article's derivations (``article.ArticleData``) throughout. Everything here is
plain Python, so the rules are tested in milliseconds (``tests/test_reader_model.py``) and the
import-hygiene test keeps Textual out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ...core.model import Quote
from ..kinds import KIND_TAGS, plural, statement_counts
from ..safe_text import one_line
from .article import ArticleData, Span, fold, sentence_at

Mark = tuple[int, int, str]  # (start, end, key of the article view's component class)
FilterKind = Literal["speaker", "org"]
StatusPart = Literal["filter", "search", "info"]

STATUS_ORDER: tuple[StatusPart, ...] = ("filter", "search", "info")
STATUS_SEPARATOR = "  │  "


@dataclass(slots=True)
class ReaderState:
    """What the reader's keys change, and the rules they follow.

    Filters combine (a quote is shown when it matches both); escape clears the one set last.
    ``matched_quotes`` are the indexes (in text order) of the quotes the filters show; the current
    quote is always one of them. ``sentences`` are the article view's sentences (``ArticleData.sentences``),
    for the filter's marks (the sentences that mention the organisation).
    """

    data: ArticleData
    sentences: Sequence[Span] = ()
    speaker_filter: str | None = None
    org_filter: str | None = None
    filter_order: list[FilterKind] = field(default_factory=list)
    matched_quotes: list[int] = field(default_factory=list)
    current_quote: int | None = None
    search_query: str | None = None
    matches: list[Span] = field(default_factory=list)
    match_index: int | None = None
    status: dict[StatusPart, str] = field(default_factory=dict)
    show_reported: bool = True
    """Reported statements are listed, marked and gone through with the quotes; off: quotes only."""

    def __post_init__(self) -> None:
        self.matched_quotes = self.match_quotes()

    # -- status ------------------------------------------------------------------------------------
    def set_status(self, part: StatusPart, text: str | None) -> None:
        if text:
            self.status[part] = text
        else:
            self.status.pop(part, None)

    def status_line(self) -> str:
        """The status parts that are set, filter first, then search, then the last message."""
        return STATUS_SEPARATOR.join(self.status[p] for p in STATUS_ORDER if p in self.status)

    # -- filters -----------------------------------------------------------------------------------
    @property
    def filtered(self) -> bool:
        return self.speaker_filter is not None or self.org_filter is not None

    def match_quotes(self) -> list[int]:
        """The indexes of the quotes the filters show (reported statements among them unless
        ``show_reported`` is off): the speaker filter's speaker's, and the organisation filter's
        organisation's by the library's rule (``ArticleOrganisations.quotes``: it counts for the
        organisation or mentions it)."""
        quotes = self.data.quotes
        indexes: Iterable[int] = range(len(quotes))
        if not self.show_reported:
            indexes = [i for i in indexes if not quotes[i].is_reported]
        if self.org_filter is not None:
            of_org = set(self.data.orgs.quotes_of(self.org_filter))
            indexes = [i for i in indexes if i in of_org]
        if self.speaker_filter is not None:
            speaker = fold(self.speaker_filter)
            indexes = [i for i in indexes if fold(self.data.quotes[i].speaker) == speaker]
        return list(indexes)

    def set_filter(self, kind: FilterKind, value: str | None) -> None:
        """Set (or with None clear) one filter; it becomes the first that escape clears."""
        if kind == "speaker":
            self.speaker_filter = value
        else:
            self.org_filter = value
        if kind in self.filter_order:
            self.filter_order.remove(kind)
        if value is not None:
            self.filter_order.append(kind)
        self.refilter()

    def refilter(self) -> None:
        """Match the quotes anew; the current quote is dropped when the filters no longer show it."""
        self.matched_quotes = self.match_quotes()
        if self.current_quote is not None and self.current_quote not in self.matched_quotes:
            self.current_quote = None
        if self.status.get("info", "").startswith(("quote ", "reported ")):
            self.set_status("info", self.quote_position())  # counted anew among the quotes now shown
        self.set_status("filter", self.filter_status())

    def toggle_reported(self) -> bool:
        """Show reported statements with the quotes, or quotes only; whether they are shown now."""
        self.show_reported = not self.show_reported
        self.refilter()
        shown = "reported speech shown" if self.show_reported else "quotes only: reported speech hidden"
        self.set_status("info", shown)
        return self.show_reported

    def quote_marks(self) -> list[Mark]:
        """The quotes layer: every quotation (not the reported statements, see ``reported_marks``),
        or while a filter is on, the matched ones on and the rest dim."""
        quotes = self.data.quotes
        if not self.filtered:
            return [(q.start, q.end, "quote") for q in quotes if not q.is_reported]
        matched = set(self.matched_quotes)
        return [
            (q.start, q.end, "quote-on" if i in matched else "quote-dim")
            for i, q in enumerate(quotes)
            if not q.is_reported
        ]

    def reported_marks(self) -> list[Mark]:
        """The reported layer: each reported statement, and the statement a partial quote is part of
        (the quote's own words are on the quotes layer above), styled as the quotes layer is; none
        while ``show_reported`` is off."""
        if not self.show_reported:
            return []
        matched = set(self.matched_quotes)
        marks: list[Mark] = []
        for i, q in enumerate(self.data.quotes):
            if q.is_reported:
                span = (q.start, q.end)
            elif q.statement_start is not None and q.statement_end is not None:
                span = (q.statement_start, q.statement_end)
            else:
                continue
            key = "reported" if not self.filtered else ("reported-on" if i in matched else "reported-dim")
            marks.append((*span, key))
        return marks

    def counts(self, indexes: Iterable[int]) -> str:
        """ "4 quotes, 2 reported" over the quotes at ``indexes``."""
        quotes = self.data.quotes
        chosen = [quotes[i] for i in indexes]
        reported = sum(1 for q in chosen if q.is_reported)
        return statement_counts(len(chosen) - reported, reported)

    def shown_indexes(self) -> list[int]:
        """The quotes shown without a filter: all, or the quotations alone while reported speech is hidden."""
        quotes = self.data.quotes
        return [i for i in range(len(quotes)) if self.show_reported or not quotes[i].is_reported]

    def mention_marks(self) -> list[Mark]:
        """The marks layer: the sentences mentioning the organisation filter's organisation."""
        if self.org_filter is None:
            return []
        starts = [s for s, _ in self.sentences]
        marks: list[Mark] = []
        for s, _e in self.data.orgs.mentions_of(self.org_filter):
            sentence = sentence_at(self.sentences, starts, s)
            if sentence is not None:
                marks.append((*sentence, "mark"))
        return marks

    def filter_status(self) -> str | None:
        """ "Filter speaker: … + organisation: … — 4 quotes, 2 reported of 23, k mentions", None without
        a filter."""
        if not self.filtered:
            return None
        parts = []
        if self.speaker_filter is not None:
            parts.append(f"speaker: {one_line(self.speaker_filter)}")
        if self.org_filter is not None:
            parts.append(f"organisation: {one_line(self.org_filter)}")
        text = f"Filter {' + '.join(parts)} — {self.counts(self.matched_quotes)} of {len(self.shown_indexes())}"
        if self.org_filter is not None:
            text += f", {plural(len(self.mention_marks()), 'mention')}"
        return text

    def first_match(self) -> int | None:
        """The first quote the filters show, while a filter is on (it is gone to when one is set)."""
        if self.matched_quotes and (self.speaker_filter or self.org_filter):
            return self.matched_quotes[0]
        return None

    # -- quotes ------------------------------------------------------------------------------------
    def select_quote(self, index: int) -> Quote:
        """Make quote ``index`` (in text order) the current one."""
        self.current_quote = index
        self.set_status("info", self.quote_position())
        return self.data.quotes[index]

    def quote_position(self) -> str | None:
        """ "quote 2 of 13: Name" (or "reported 3 of 13: Name") for the current quote, counted among
        the quotes the filters show."""
        if self.current_quote is None or self.current_quote not in self.matched_quotes:
            return None
        quote = self.data.quotes[self.current_quote]
        speaker = one_line(quote.speaker) or "unattributed"
        if quote.speaker is not None and quote.speaker_kind in KIND_TAGS:
            speaker += f" ({KIND_TAGS[quote.speaker_kind]})"
        position = self.matched_quotes.index(self.current_quote) + 1
        label = "reported" if quote.is_reported else "quote"
        return f"{label} {position} of {len(self.matched_quotes)}: {speaker}"

    def next_quote(self, step: int, first_visible: int) -> int | None:
        """The shown quote after (``step`` > 0) or before the current one, or without one, from the
        first character in view; None when there is none that way."""
        quotes = self.data.quotes
        if self.current_quote is not None:
            pos = quotes[self.current_quote].start
        else:
            pos = first_visible - 1 if step > 0 else first_visible
        if step > 0:
            return next((i for i in self.matched_quotes if quotes[i].start > pos), None)
        return next((i for i in reversed(self.matched_quotes) if quotes[i].start < pos), None)

    def quote_starting_at(self, start: int) -> int | None:
        """The first quote (in text order) starting at ``start``."""
        return next((i for i, q in enumerate(self.data.quotes) if q.start == start), None)

    def quote_near(self, offset: int, sentence: Span | None) -> int | None:
        """The quote holding ``offset`` (the innermost of nested quotes), else the first quote in
        ``sentence`` (the sentence at the cursor)."""
        quotes = self.data.quotes
        inside = [i for i, q in enumerate(quotes) if q.start <= offset < q.end]
        if inside:
            return inside[-1]
        if sentence is not None:
            start, end = sentence
            return next((i for i, q in enumerate(quotes) if q.start < end and start < q.end), None)
        return None

    # -- search ------------------------------------------------------------------------------------
    def search(self, query: str, first_visible: int) -> int | None:
        """Find every occurrence of ``query`` (any case) in the body; go to the first at or after the
        first character in view (else the first). The match gone to, or None (no query or no match)."""
        query = query.strip()
        self.search_query = query or None
        self.match_index = None
        if not query:
            self.matches = []
            self.set_status("search", None)
            return None
        text = self.data.analysis.text
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        self.matches = [m.span() for m in pattern.finditer(text, self.data.body_start) if m.end() > m.start()]
        if not self.matches:
            self.set_status("search", f"“{one_line(query)}”: no matches")
            return None
        i = bisect_right([s for s, _ in self.matches], first_visible - 1)
        return self.go_to_match(i if i < len(self.matches) else 0)

    def go_to_match(self, index: int) -> int:
        self.match_index = index
        self.set_status("search", f"“{one_line(self.search_query)}”: match {index + 1} of {len(self.matches)}")
        return index

    def next_match(self, step: int) -> int | None:
        """Go to the match ``step`` after the current one, round the end; None without matches."""
        if not self.matches:
            return None
        current = self.match_index if self.match_index is not None else -1
        return self.go_to_match((current + step) % len(self.matches))

    def match_marks(self) -> list[Mark]:
        """The matches layer, the current match apart."""
        return [(s, e, "match-current" if i == self.match_index else "match") for i, (s, e) in enumerate(self.matches)]

    # -- escape ------------------------------------------------------------------------------------
    def escape_clears(self) -> Literal["search", "speaker", "org"] | None:
        """What escape clears next (after a selection): the search, else the filter set last."""
        if self.matches or self.search_query:
            return "search"
        if self.filter_order:
            return self.filter_order[-1]
        return None
