"""What the reader shows of one article, derived once from its stored analysis, without Textual.

``ArticleData`` holds the analysis in the orders the reader uses (quotes in text order, the
organisations by the library's rule, the sentences the view moves by) and derives the rows of the
pickers and side-pane tabs as named records (``NameCount``, ``PeopleRow``, ``FigureGroup``). The
rules of what the reader's keys change are ``ReaderState``'s (``model.py``); both are plain Python,
tested in milliseconds, and the import-hygiene test keeps Textual out.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ...core.corrections import corrected_analysis
from ...core.model import Analysis, Figure, Quote, Speaker, quote_organisation
from ...core.organisations import ArticleOrganisations, article_organisations, organisation_key
from ...core.store.echoes import echo_counts
from ...core.store.library import Library
from ...core.store.records import FEED_SUMMARY_ONLY, ArticleRow
from ..kinds import KIND_GROUPS, KIND_ORDER, kind_of, plural
from ..safe_text import one_line
from ..sentences import sentence_spans

Span = tuple[int, int]


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
    echoes: dict[int, int] = field(default_factory=dict)
    """Quotes found in other articles: start offset → how many other articles (``echo_counts``)."""
    corrected: set[int] = field(default_factory=set)
    """The start offsets of the quotes a reader's correction changed (``core.corrections``,
    applied over the stored analysis when it is loaded)."""

    @classmethod
    def load(cls, library: Library, article_id: int) -> ArticleData | None:
        """The article's data, or None when the library has no analysis of it."""
        analysis = library.analysis(article_id)
        if analysis is None:
            return None
        analysis, corrected = corrected_analysis(library, article_id, analysis)
        data = cls.of(analysis, library.article(article_id))
        data.echoes = echo_counts(library, article_id)
        data.corrected = corrected
        return data

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
        for i, f in enumerate(self.figures_in_order()):
            found = sentence_at(sentences, starts, f.start)
            sentence = found if found is not None and f.start < found[1] else (f.start, f.end)
            rows.append(FigureRow(index=i, figure=f, sentence=sentence))
        return rows

    def figures_in_order(self) -> list[Figure]:
        """The figures in text order: ``FigureRow.index`` and ``figure_in_order`` count in it."""
        return sorted(self.analysis.figures, key=lambda f: f.start)

    def figure_in_order(self, index: int) -> Figure:
        return self.figures_in_order()[index]

    def figure_near(self, offset: int, sentence: Span | None) -> int | None:
        """The figure (index in text order) holding ``offset``, else the first in ``sentence``."""
        figures = self.figures_in_order()
        inside = next((i for i, f in enumerate(figures) if f.start <= offset < f.end), None)
        if inside is not None or sentence is None:
            return inside
        return next((i for i, f in enumerate(figures) if f.start < sentence[1] and sentence[0] < f.end), None)

    def figure_index_at(self, start: int) -> int | None:
        """The index (in text order) of the first figure starting at ``start``."""
        return next((i for i, f in enumerate(self.figures_in_order()) if f.start == start), None)

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
