"""What the reader shows and the rules of its filters, search and quote navigation, without Textual.

``ArticleData`` is derived once from the stored analysis; ``ReaderState`` holds what the reader's
keys change (the speaker and organisation filters and the order escape clears them in, the current
quote, the search and its matches, the parts of the status line) and answers in ranges and rows
that the screen hands to its widgets. Everything here is plain Python, so the rules are tested in
milliseconds (``tests/test_reader_model.py``) and the import-hygiene test keeps Textual out. The
two classes share one module because the state's rules read the data's derivations throughout.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from ...core.model import Analysis, Figure, Quote, Speaker, quote_organisation
from ...core.organisations import ArticleOrganisations, article_organisations, organisation_key
from ...core.store.library import Library
from ...core.store.records import FEED_SUMMARY_ONLY, ArticleRow
from ..kinds import KIND_GROUPS, KIND_ORDER, KIND_TAGS, kind_of, plural, statement_counts
from ..safe_text import one_line
from ..sentences import sentence_spans

Span = tuple[int, int]
Mark = tuple[int, int, str]  # (start, end, key of the article view's component class)
FilterKind = Literal["speaker", "org"]
StatusPart = Literal["filter", "search", "info"]

STATUS_ORDER: tuple[StatusPart, ...] = ("filter", "search", "info")
STATUS_SEPARATOR = "  │  "


def fold(name: str | None) -> str:
    """A speaker's name as the speaker filter compares it: case-folded, without surrounding spaces
    (organisation names compare by ``organisation_key``, the library's rule)."""
    return (name or "").casefold().strip()


@dataclass(frozen=True, slots=True)
class NameCount:
    """One entry of a filter's picker: the name chosen, how many quotes (and apart, reported
    statements) it has, a detail line and the group it is listed under."""

    name: str
    count: int
    detail: str | None = None
    group: str | None = None
    reported: int = 0


@dataclass(slots=True)
class PeopleRow:
    """One entry of People & orgs: a name of one kind, where it is in the article, its quotes."""

    name: str
    kind: str  # person | organisation | anonymous | document | unattributed
    ranges: tuple[Span, ...]  # mentions (or the quotes of a speaker never named as an entity)
    quotes: int
    reported: int = 0  # reported statements, apart from ``quotes``


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One entry of Figures: the figure (``index`` in text order) and the sentence it is in."""

    index: int
    figure: Figure
    sentence: Span


# The Figures tab's groups, in the order they are shown, with their headings: the amounts a reader
# weighs first (money, then how many), then shares and rates of them, then sizes, spans of time,
# ages and scores; ordinals, years and dates, which place things rather than count them, last.
# Every kind of ``core.model.FIGURE_KINDS`` has a group; a stored kind outside them goes under
# ``OTHER_FIGURES``, after all of them.
FIGURE_GROUPS: dict[str, str] = {
    "money": "Money",
    "count": "Counts",
    "percent": "Percentages",
    "fraction": "Fractions",
    "rate": "Rates",
    "measure": "Measures",
    "duration": "Durations",
    "age": "Ages",
    "score": "Scores",
    "ordinal": "Ordinals",
    "year": "Years",
    "date": "Dates",
}
OTHER_FIGURES = "Other figures"


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """One group of the Figures tab: the ``kind`` its figures share (``"other"`` for kinds outside
    ``FIGURE_GROUPS``), its heading and its rows in text order."""

    kind: str
    heading: str
    rows: tuple[FigureRow, ...]


def sentence_at(sentences: Sequence[Span], starts: Sequence[int], offset: int) -> Span | None:
    """The sentence starting at or before ``offset`` (``starts`` are the sentences' starts)."""
    j = bisect_right(starts, offset) - 1
    return sentences[j] if j >= 0 else None


def reading_sentences(analysis: Analysis, body_start: int) -> list[Span]:
    """The sentences the reader moves by and notes: the analyser's (``Analysis.sentences``) when the
    analysis kept them, else ``sentence_spans``' guess; offsets into the whole text, without those
    ending in the title (at or before ``body_start``)."""
    size = len(analysis.text)
    stored = sorted({(s, e) for s, e in analysis.sentences if 0 <= s < e <= size})
    spans = stored or sentence_spans(analysis.text)
    return [s for s in spans if s[1] > body_start]


@dataclass(slots=True)
class ArticleData:
    """What the reader shows, derived once from the stored analysis.

    ``quotes`` are in text order; ``orgs`` are the article's organisations by the library's rule
    (``core.organisations``), their quote indices into ``quotes``; ``sentences`` are the sentences
    the article view moves by (``reading_sentences``).
    """

    analysis: Analysis
    row: ArticleRow | None
    body_start: int
    quotes: list[Quote]
    speakers: dict[str, Speaker]
    orgs: ArticleOrganisations
    sentences: list[Span]

    @classmethod
    def load(cls, library: Library, article_id: int) -> ArticleData | None:
        """The article's data, or None when the library has no analysis of it."""
        analysis = library.analysis(article_id)
        if analysis is None:
            return None
        return cls.of(analysis, library.article(article_id))

    @classmethod
    def of(cls, analysis: Analysis, row: ArticleRow | None = None) -> ArticleData:
        """The data of ``analysis``; the body starts after the title when the text begins with it."""
        text = analysis.text
        title = (analysis.title or (row.title if row else None) or "").strip()
        body_start = 0
        stripped = text.lstrip()
        if title and stripped.startswith(title):
            body_start = len(text) - len(stripped) + len(title)
            while body_start < len(text) and text[body_start].isspace():
                body_start += 1
            if body_start >= len(text):
                body_start = 0
        quotes = sorted(analysis.quotes, key=lambda q: (q.start, q.end))
        speakers = {s.name: s for s in analysis.speakers}
        # The rule's quote indices refer to the quotes it is given: give it them in text order.
        in_order = analysis if quotes == analysis.quotes else replace(analysis, quotes=quotes)
        return cls(
            analysis=analysis,
            row=row,
            body_start=body_start,
            quotes=quotes,
            speakers=speakers,
            orgs=article_organisations(in_order),
            sentences=reading_sentences(analysis, body_start),
        )

    @property
    def title(self) -> str:
        return one_line(self.analysis.title or (self.row.title if self.row else None) or "Untitled")

    def meta_line(self) -> str:
        """Site · byline · date, and "feed summary only" when the text is only the feed entry's
        summary (its page could not be fetched), so it is never read as the whole article."""
        row = self.row
        parts = [
            row.site if row else None,
            row.byline if row else None,
            (row.published if row else None) or self.analysis.published,
            FEED_SUMMARY_ONLY if row is not None and row.summary_only is not None else None,
        ]
        return " · ".join(one_line(p) for p in parts if p) or "—"

    def speaker_of(self, quote: Quote) -> Speaker | None:
        return self.speakers.get(quote.speaker or "")

    def quote_org(self, quote: Quote) -> str | None:
        """The organisation the quote counts for, by the rule the CLI and exports share."""
        return quote_organisation(quote, self.speaker_of(quote))

    def speaker_kinds(self) -> dict[str, str]:
        """Each quoted speaker's kind (person, organisation, anonymous, document), by name."""
        kinds: dict[str, str] = {}
        for q in self.quotes:
            if q.speaker is not None:
                kinds.setdefault(q.speaker, kind_of(q.speaker_kind))
        return kinds

    def speaker_counts(self) -> list[NameCount]:
        """The credited speakers grouped by kind (people first), most credited first in each group,
        quotes and reported statements counted apart."""
        counts = Counter(q.speaker for q in self.quotes if q.speaker and not q.is_reported)
        reported = Counter(q.speaker for q in self.quotes if q.speaker and q.is_reported)
        kinds = self.speaker_kinds()
        entries = []
        for name in counts.keys() | reported.keys():
            s = self.speakers.get(name)
            detail = ", ".join(d for d in (s.role, s.organisation) if d) if s else None
            entries.append(
                NameCount(
                    name=name,
                    count=counts[name],
                    detail=detail or None,
                    group=KIND_GROUPS[kinds[name]],
                    reported=reported[name],
                )
            )
        return sorted(
            entries, key=lambda e: (KIND_ORDER[kinds[e.name]], -(e.count + e.reported), -e.count, e.name.casefold())
        )

    def org_counts(self) -> list[NameCount]:
        """The organisations the article names, each with the quotes the organisation filter shows
        for it (``ArticleOrganisations.quotes``) and its mentions, most quoted first."""
        orgs = self.orgs
        entries = []
        for key, name in orgs.names.items():
            mentions = plural(len(orgs.mentions.get(key, [])), "mention")
            entries.append(NameCount(name=name, count=len(orgs.quotes.get(key, [])), detail=mentions))
        return sorted(entries, key=lambda e: (-e.count, e.name.casefold()))

    def figure_rows(self, sentences: Sequence[Span]) -> list[FigureRow]:
        """The figures in text order, each with its sentence (the figure itself when outside one)."""
        starts = [s for s, _ in sentences]
        rows = []
        for i, f in enumerate(sorted(self.analysis.figures, key=lambda f: f.start)):
            found = sentence_at(sentences, starts, f.start)
            sentence = found if found is not None and f.start < found[1] else (f.start, f.end)
            rows.append(FigureRow(index=i, figure=f, sentence=sentence))
        return rows

    def figure_groups(self, sentences: Sequence[Span]) -> list[FigureGroup]:
        """``figure_rows`` grouped by kind, groups in ``FIGURE_GROUPS`` order (other kinds last),
        rows in text order within each; a kind with no figure has no group."""
        by_kind: dict[str, list[FigureRow]] = defaultdict(list)
        for row in self.figure_rows(sentences):
            kind = row.figure.kind
            by_kind[kind if kind in FIGURE_GROUPS else "other"].append(row)
        headings = {**FIGURE_GROUPS, "other": OTHER_FIGURES}
        return [FigureGroup(kind, heading, tuple(by_kind[kind])) for kind, heading in headings.items() if by_kind[kind]]

    def people_rows(self) -> tuple[list[PeopleRow], Counter[str]]:
        """People & orgs: named people and organisations (entities and speakers), anonymous sources,
        documents and the unattributed quotes, most present first, each with its quotes and reported
        statements; and the quotes (not the reported statements) counted by speaker kind."""
        mentions: dict[tuple[str, str], list[Span]] = defaultdict(list)
        names: dict[tuple[str, str], str] = {}
        for e in self.analysis.entities:
            if e.label not in ("PERSON", "ORG"):
                continue
            name = e.canonical or e.text
            key = (fold(name), "person") if e.label == "PERSON" else (organisation_key(name), "organisation")
            names.setdefault(key, name)
            mentions[key].append((e.start, e.end))
        quotes_by_speaker: Counter[tuple[str, str]] = Counter()
        reported_by_speaker: Counter[tuple[str, str]] = Counter()
        unattributed: list[Span] = []
        unnamed: set[tuple[str, str]] = set()
        for q in self.quotes:
            if q.speaker is None:
                unattributed.append((q.start, q.end))
                continue
            kind = kind_of(q.speaker_kind)
            key = (organisation_key(q.speaker) if kind == "organisation" else fold(q.speaker), kind)
            (reported_by_speaker if q.is_reported else quotes_by_speaker)[key] += 1
            if key not in names:  # a speaker never named as an entity is shown at its quotes
                names[key] = q.speaker
                unnamed.add(key)
            if key in unnamed:
                mentions[key].append((q.start, q.end))
        rows = []
        for key, name in names.items():
            if key[1] == "organisation":
                of_org = [self.quotes[i] for i in self.orgs.quotes.get(key[0], [])]
                quoted = sum(1 for q in of_org if not q.is_reported)
                reported = len(of_org) - quoted
            else:
                quoted, reported = quotes_by_speaker[key], reported_by_speaker[key]
            ranges = tuple(sorted(mentions[key]))
            rows.append(PeopleRow(name=name, kind=key[1], ranges=ranges, quotes=quoted, reported=reported))
        rows.sort(key=lambda r: (-(len(r.ranges) + r.quotes + r.reported), r.name.casefold()))
        if unattributed:
            rows.append(PeopleRow(name="", kind="unattributed", ranges=tuple(unattributed), quotes=len(unattributed)))
        quote_kinds = Counter(
            kind_of(q.speaker_kind) if q.speaker else "unattributed" for q in self.quotes if not q.is_reported
        )
        return rows, quote_kinds

    def reported_count(self) -> int:
        """How many reported statements the article has."""
        return sum(1 for q in self.quotes if q.is_reported)

    def statement_text(self, quote: Quote) -> str | None:
        """The reported statement a partial quote is part of, or None."""
        if quote.statement_start is None or quote.statement_end is None:
            return None
        return self.analysis.text[quote.statement_start : quote.statement_end]


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
