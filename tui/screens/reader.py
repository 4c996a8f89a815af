"""The reader: one article with its highlights, and a side pane of quotes, figures, people and notes.

``ReaderScreen(library=..., article_id=...)`` reads the stored analysis once (``Library.analysis``)
and never runs the analysis itself. Filters (speaker ``s``, organisation ``o``) and search (``/``)
only replace highlight layers of the ``ArticleView``, so they cost a restyle of the visible lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from ...core.model import Analysis, Quote, Speaker, quote_organisation
from ...core.notes import DraftRow, NoteError, NoteRow, Notes
from ...core.store.errors import LibraryError
from ...core.store.library import Library
from ...core.store.records import FEED_SUMMARY_ONLY, ArticleRow
from ..kinds import KIND_GROUPS, KIND_ORDER, KIND_TAGS, kind_of
from ..reader_commands import ReaderCommands
from ..safe_text import one_line
from ..typeahead import expect_typing
from ..widgets.article_view import GROUP_LABELS, ArticleView, entity_group
from ..widgets.key_footer import KeyFooter
from ..widgets.notes_list import NotesList
from ..widgets.side_pane import FiguresList, ItemList, PeopleList, PeopleRow, QuotesList, SidePane
from .confirm import ConfirmScreen
from .note_editor import NoteEditorScreen
from .picker import PickerEntry, PickerScreen

DRAFT_KEPT = "an unsaved note was kept — press a to finish it"


def fold(name: str | None) -> str:
    return (name or "").casefold().strip()


class StatusLine(Widget):
    """One line of status text. Its size never depends on the text, so an update only repaints it
    (``Static.update`` asks for a layout of the whole screen)."""

    DEFAULT_CSS = "StatusLine { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content = Content("")

    def update(self, content: Content) -> None:
        if content != self.content:
            self.content = content
            self.refresh()

    def render(self) -> Content:
        return self.content


class ReaderHeader(Widget):
    """The headline, the metadata line and the highlight legend, drawn as one widget.

    (Ten widgets before — two ``Static`` and a ``Label`` per legend entry — and every frame and
    layout of the screen costs in proportion to its widgets.) The legend is struck through while
    entity highlighting is off (class ``-off``).
    """

    ALLOW_SELECT = True
    COMPONENT_CLASSES = {  # noqa: RUF012
        "reader-header--title",
        "reader-header--meta",
        *(f"reader-header--{group}" for group in (*GROUP_LABELS, "quote")),
    }
    DEFAULT_CSS = """
    ReaderHeader {
        height: auto;
        padding: 0 2;
        background: $panel;
        & > .reader-header--title { text-style: bold; color: $text; }
        & > .reader-header--meta { color: $text-muted; }
        & > .reader-header--person { color: $text-primary; text-style: bold; }
        & > .reader-header--org { color: $text-accent; text-style: bold; }
        & > .reader-header--place { color: $text-success; }
        & > .reader-header--group { color: $text-secondary; }
        & > .reader-header--date { color: $text-warning; }
        & > .reader-header--number { color: $text-error; }
        & > .reader-header--other { color: $text-secondary; text-style: italic; }
        & > .reader-header--quote { text-style: italic underline; }
    }
    """

    def __init__(self, title: str, meta: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.meta = meta

    def render(self) -> Content:
        legend = [(label, f".reader-header--{group}") for group, label in GROUP_LABELS.items()]
        legend.append(("“quote”", ".reader-header--quote"))
        parts: list[Content | str] = []
        for label, style in legend:
            entry = Content.styled(label, style)
            parts += [entry.stylize("dim strike") if self.has_class("-off") else entry, "  "]
        title = Content.styled(self.title, ".reader-header--title")
        meta = Content.styled(self.meta, ".reader-header--meta")
        return Content("\n").join([title, meta, Content.assemble(*parts)])


@dataclass(slots=True)
class ArticleData:
    """What the reader shows, derived once from the stored analysis."""

    analysis: Analysis
    row: ArticleRow | None
    body_start: int
    quotes: list[Quote]
    speakers: dict[str, Speaker]

    @classmethod
    def load(cls, library: Library, article_id: int) -> ArticleData | None:
        analysis = library.analysis(article_id)
        if analysis is None:
            return None
        row = library.article(article_id)
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
        return cls(analysis, row, body_start, quotes, speakers)

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

    def speaker_counts(self) -> list[PickerEntry]:
        """The quoted speakers grouped by kind (people first), most quoted first in each group."""
        counts = Counter(q.speaker for q in self.quotes if q.speaker)
        kinds = self.speaker_kinds()
        entries = []
        for name, count in counts.items():
            s = self.speakers.get(name)
            detail = ", ".join(d for d in (s.role, s.organisation) if d) if s else None
            entries.append(PickerEntry(name, count, detail or None, group=KIND_GROUPS[kinds[name]]))
        return sorted(entries, key=lambda e: (KIND_ORDER[kinds[e.name]], -e.count, e.name.casefold()))

    def organisations(self) -> dict[str, str]:
        """Folded name → display name, from organisations quoted or named: quotes' organisations
        (``quote_organisation``), speakers' organisations and ORG entities."""
        orgs: dict[str, str] = {}
        for q in self.quotes:
            org = self.quote_org(q)
            if org:
                orgs.setdefault(fold(org), org)
        for s in self.speakers.values():
            if s.organisation:
                orgs.setdefault(fold(s.organisation), s.organisation)
        for e in self.analysis.entities:
            if e.label == "ORG" and e.start >= 0:
                name = e.canonical or e.text
                orgs.setdefault(fold(name), name)
        return orgs

    def org_mentions(self, org: str) -> list[tuple[int, int]]:
        key = fold(org)
        return [
            (e.start, e.end)
            for e in self.analysis.entities
            if e.label == "ORG" and key in (fold(e.canonical), fold(e.text))
        ]


def sample_widgets() -> list[Widget]:
    """One of each widget class the reader mounts, empty (see ``NewsreadApp._settle``)."""
    return [
        ReaderHeader("", ""),
        ArticleView(""),
        SidePane(notes=Vertical(NotesList())),
        StatusLine(),
        KeyFooter(),
    ]


class ReaderScreen(Screen[None]):
    """Read one article. Push it with ``ReaderScreen(library=app.library, article_id=id)``."""

    AUTO_FOCUS = "#article"
    COMMANDS = Screen.COMMANDS | {ReaderCommands}

    BINDINGS: list[BindingType] = [  # noqa: RUF012
        Binding("s", "filter_speaker", "Speaker", id="reader.filter_speaker", tooltip="Show one speaker's quotes"),
        Binding(
            "o", "filter_org", "Org", id="reader.filter_org", tooltip="Show one organisation's quotes and mentions"
        ),
        Binding("slash", "search", "Search", key_display="/", id="reader.search", tooltip="Find in the article"),
        Binding("a", "add_note", "Note", id="reader.add_note", tooltip="Add a note to the selection or sentence"),
        Binding("h", "highlight", "Highlight", id="reader.highlight", tooltip="Highlight the selection or sentence"),
        Binding("escape", "escape", "Clear/back", id="reader.escape", tooltip="Clear a selection, search or filter"),
        Binding("q", "back", "Back", id="reader.back", tooltip="Back to the library"),
        Binding("tab", "app.focus_next", "Next pane", id="reader.next_pane", show=False, tooltip="Next pane"),
        Binding(
            "shift+tab", "app.focus_previous", "Prev pane", id="reader.prev_pane", show=False, tooltip="Previous pane"
        ),
    ]

    def __init__(self, library: Library, article_id: int, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self.library = library
        self.article_id = article_id
        self.unreadable: str | None = None  # why the article could not be read (a damaged library)
        try:
            self.data = ArticleData.load(library, article_id)
        except LibraryError as exc:
            self.data, self.unreadable = None, str(exc)
        self.speaker_filter: str | None = None
        self.org_filter: str | None = None
        self._filter_order: list[str] = []
        self.matched_quotes: list[int] = list(range(len(self.data.quotes))) if self.data else []
        self.current_quote: int | None = None
        self.search_query: str | None = None
        self.matches: list[tuple[int, int]] = []
        self.match_index: int | None = None
        self._status: dict[str, str] = {}
        self.notes = Notes(library)
        self.note_rows: list[NoteRow] = []
        self.notes_query: str | None = None
        self._resumed = False
        # Held here, not queried: the Notes tab is mounted when first shown, its list filled before.
        self.notes_list = NotesList(id="notes-list")
        self.notes_pane = Vertical(self.notes_list, id="notes-pane")

    # -- composition ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        if self.data is None:
            missing = self.unreadable or f"Article {self.article_id} is not in the library."
            yield Static(Content(missing), id="reader-missing")
            yield StatusLine(id="reader-status")
            yield KeyFooter()
            return
        analysis, row = self.data.analysis, self.data.row
        # Few widgets, few levels: every widget costs its share of mounting, styling and each frame.
        # The screen lays out the article and the side pane side by side itself; the header, the
        # status line and the keys are docked; the search boxes are mounted on first use.
        yield KeyFooter()
        yield ReaderHeader(
            one_line(analysis.title or (row.title if row else None) or "Untitled"),
            self._meta_line(),
            id="reader-header",
        )
        yield ArticleView(analysis.text, body_start=self.data.body_start, id="article")
        yield SidePane(notes=self.notes_pane, id="side-pane")
        yield StatusLine(id="reader-status")

    def _meta_line(self) -> str:
        """Site · byline · date, and "feed summary only" when the text is only the feed entry's
        summary (its page could not be fetched), so it is never read as the whole article."""
        row = self.data.row if self.data else None
        analysis = self.data.analysis if self.data else None
        parts = [
            row.site if row else None,
            row.byline if row else None,
            (row.published if row else None) or (analysis.published if analysis else None),
            FEED_SUMMARY_ONLY if row is not None and row.summary_only is not None else None,
        ]
        return " · ".join(one_line(p) for p in parts if p) or "—"

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def quotes_list(self) -> QuotesList:
        return self.query_one("#quotes-list", QuotesList)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler. On the first resume every node was styled as it was
        # mounted, an instant ago: restyling the whole screen again cost a fifth of the opening.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def _search_box(self, box_id: str, placeholder: str, parent: Widget, *, first: bool = False) -> Input:
        """The search box ``box_id`` in ``parent`` (its first child if ``first``), mounted on first use."""
        box = self._existing_box(box_id)
        if box is None:
            box = Input(placeholder=placeholder, id=box_id)
            parent.mount(box, before=0 if first else None)
        return box

    def _existing_box(self, box_id: str) -> Input | None:
        return next(self.query(f"#{box_id}").results(Input), None)

    def on_mount(self) -> None:
        if self.data is None:
            what = "Article unreadable" if self.unreadable else "Article not found"
            self._set_status("info", f"{what} — press q to go back")
            return
        view = self.article
        view.set_layer(
            "entities",
            ((e.start, e.end, entity_group(e.label)) for e in self.data.analysis.entities if e.end > e.start),
        )
        side = self.query_one(SidePane)
        side.fill_on_show("tab-figures", self._fill_figures)
        side.fill_on_show("tab-people", self._fill_people)
        self._apply_filters()
        self.watch(view, "show_entities", self._entities_toggled, init=False)
        self.refresh_notes()
        if self.pending_draft() is not None:
            self._set_status("info", DRAFT_KEPT)

    def _entities_toggled(self, shown: bool) -> None:
        header = self.query_one(ReaderHeader)
        header.set_class(not shown, "-off")
        header.refresh()
        self._set_status("info", "entity highlighting on" if shown else "entity highlighting off")

    def _fill_figures(self) -> None:
        assert self.data is not None
        view = self.article
        starts = [s for s, _ in view.sentences]
        rows = []
        for i, f in enumerate(sorted(self.data.analysis.figures, key=lambda f: f.start)):
            j = bisect_right(starts, f.start) - 1
            sentence = view.sentences[j] if j >= 0 and f.start < view.sentences[j][1] else (f.start, f.end)
            rows.append((i, f, sentence))
        self.query_one("#figures-list", FiguresList).show(rows, self.data.analysis.text)

    def _fill_people(self) -> None:
        """People & orgs: named people and organisations (entities and speakers), anonymous sources,
        documents and the unattributed quotes, grouped by kind (``PeopleList``)."""
        assert self.data is not None
        mentions: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        names: dict[tuple[str, str], str] = {}
        for e in self.data.analysis.entities:
            if e.label not in ("PERSON", "ORG"):
                continue
            name = e.canonical or e.text
            key = (fold(name), "person" if e.label == "PERSON" else "organisation")
            names.setdefault(key, name)
            mentions[key].append((e.start, e.end))
        quotes_by_speaker: Counter[tuple[str, str]] = Counter()
        quotes_by_org: Counter[str] = Counter()
        unattributed: list[tuple[int, int]] = []
        unnamed: set[tuple[str, str]] = set()
        for q in self.data.quotes:
            org = self.data.quote_org(q)
            if org:
                quotes_by_org[fold(org)] += 1
            if q.speaker is None:
                unattributed.append((q.start, q.end))
                continue
            key = (fold(q.speaker), kind_of(q.speaker_kind))
            quotes_by_speaker[key] += 1
            if key not in names:  # a speaker never named as an entity is shown at its quotes
                names[key] = q.speaker
                unnamed.add(key)
            if key in unnamed:
                mentions[key].append((q.start, q.end))
        rows = []
        for key, name in names.items():
            quoted = quotes_by_org[key[0]] if key[1] == "organisation" else quotes_by_speaker[key]
            rows.append(PeopleRow(name, key[1], tuple(sorted(mentions[key])), quoted))
        rows.sort(key=lambda r: (-(len(r.ranges) + r.quotes), r.name.casefold()))
        if unattributed:
            rows.append(PeopleRow("", "unattributed", tuple(unattributed), len(unattributed)))
        quote_kinds = Counter(kind_of(q.speaker_kind) if q.speaker else "unattributed" for q in self.data.quotes)
        self.query_one("#people-list", PeopleList).show(rows, quote_kinds)

    # -- status -----------------------------------------------------------------------------------
    def _set_status(self, part: str, text: str | None) -> None:
        if text:
            self._status[part] = text
        else:
            self._status.pop(part, None)
        order = ("filter", "search", "info")
        shown = "  │  ".join(self._status[p] for p in order if p in self._status)
        self.query_one("#reader-status", StatusLine).update(Content(shown))

    @property
    def status_text(self) -> str:
        return self.query_one("#reader-status", StatusLine).content.plain

    # -- filters ----------------------------------------------------------------------------------
    def quote_matches(self, quote: Quote) -> bool:
        assert self.data is not None
        if self.speaker_filter is not None and fold(quote.speaker) != fold(self.speaker_filter):
            return False
        if self.org_filter is not None:
            key = fold(self.org_filter)
            if fold(self.data.quote_org(quote)) != key and not any(
                s < quote.end and quote.start < e for s, e in self.data.org_mentions(self.org_filter)
            ):
                return False
        return True

    def _apply_filters(self) -> None:
        assert self.data is not None
        quotes = self.data.quotes
        active = self.speaker_filter is not None or self.org_filter is not None
        self.matched_quotes = [i for i, q in enumerate(quotes) if self.quote_matches(q)]
        matched = set(self.matched_quotes)
        view = self.article
        if active:
            view.set_layer(
                "quotes", ((q.start, q.end, "quote-on" if i in matched else "quote-dim") for i, q in enumerate(quotes))
            )
        else:
            view.set_layer("quotes", ((q.start, q.end, "quote") for q in quotes))
        marks: list[tuple[int, int, str]] = []
        if self.org_filter is not None:
            starts = [s for s, _ in view.sentences]
            for s, _e in self.data.org_mentions(self.org_filter):
                j = bisect_right(starts, s) - 1
                if j >= 0:
                    marks.append((*view.sentences[j], "mark"))
        view.set_layer("marks", marks)
        self.quotes_list.show([(i, quotes[i]) for i in self.matched_quotes], self.data.speakers, filtered=active)
        if self.current_quote is not None and self.current_quote not in matched:
            self.current_quote = None
            view.set_layer("focus", [])
        if self._status.get("info", "").startswith("quote "):
            self._set_status("info", self._quote_position())  # counted anew among the quotes now shown
        if active:
            parts = []
            if self.speaker_filter is not None:
                parts.append(f"speaker: {one_line(self.speaker_filter)}")
            if self.org_filter is not None:
                parts.append(f"organisation: {one_line(self.org_filter)}")
            n = len(self.matched_quotes)
            text = f"Filter {' + '.join(parts)} — {n} quote{'s' if n != 1 else ''} of {len(quotes)}"
            if self.org_filter is not None:
                text += f", {len(marks)} mention{'s' if len(marks) != 1 else ''}"
            self._set_status("filter", text)
        else:
            self._set_status("filter", None)

    def set_speaker_filter(self, name: str | None) -> None:
        self.speaker_filter = name
        self._push_filter("speaker", name)
        self._apply_filters()
        self._show_first_match()

    def set_org_filter(self, name: str | None) -> None:
        self.org_filter = name
        self._push_filter("org", name)
        self._apply_filters()
        self._show_first_match()

    def _push_filter(self, kind: str, value: str | None) -> None:
        if kind in self._filter_order:
            self._filter_order.remove(kind)
        if value is not None:
            self._filter_order.append(kind)

    def _show_first_match(self) -> None:
        if self.data and self.matched_quotes and (self.speaker_filter or self.org_filter):
            self.tabs_show("tab-quotes")
            self.select_quote(self.matched_quotes[0])

    def action_filter_speaker(self) -> None:
        if self.data is None:
            return
        entries = self.data.speaker_counts()
        if not entries:
            self.notify("No quoted speakers in this article.", severity="warning")
            return

        def chosen(name: str | None) -> None:
            if name is not None:
                self.set_speaker_filter(name)

        expect_typing(self)  # keys typed meanwhile are for its text box
        self.app.push_screen(PickerScreen("Filter by speaker", entries, count_label="quote"), chosen)

    def org_entries(self) -> list[PickerEntry]:
        assert self.data is not None
        entries = []
        for key, name in self.data.organisations().items():
            quotes = sum(1 for q in self.data.quotes if fold(self.data.quote_org(q)) == key)
            mentions = len(self.data.org_mentions(name))
            entries.append(PickerEntry(name, quotes, f"{mentions} mention{'s' if mentions != 1 else ''}"))
        return sorted(entries, key=lambda e: (-e.count, e.name.casefold()))

    def action_filter_org(self) -> None:
        if self.data is None:
            return
        entries = self.org_entries()
        if not entries:
            self.notify("No organisations in this article.", severity="warning")
            return

        def chosen(name: str | None) -> None:
            if name is not None:
                self.set_org_filter(name)

        expect_typing(self)  # keys typed meanwhile are for its text box
        self.app.push_screen(PickerScreen("Filter by organisation", entries, count_label="quote"), chosen)

    # -- quotes -----------------------------------------------------------------------------------
    def tabs_show(self, tab_id: str) -> None:
        self.query_one(SidePane).show_tab(tab_id)

    def select_quote(self, index: int, *, scroll: bool = True) -> None:
        """Mark quote ``index`` (in text order) in the article and in the Quotes tab."""
        assert self.data is not None
        quote = self.data.quotes[index]
        self.current_quote = index
        view = self.article
        view.set_layer("focus", [(quote.start, quote.end, "focus")])
        if scroll:
            view.scroll_to_offset(quote.start)
        view.cursor = quote.start
        view._update_cursor_layers()
        self.quotes_list.highlight_item("quote", index)
        self._set_status("info", self._quote_position())

    def _quote_position(self) -> str | None:
        """ "quote 2 of 13: Name" for the current quote, counted among the quotes the filters show."""
        if self.data is None or self.current_quote is None or self.current_quote not in self.matched_quotes:
            return None
        quote = self.data.quotes[self.current_quote]
        speaker = one_line(quote.speaker) or "unattributed"
        if quote.speaker is not None and quote.speaker_kind in KIND_TAGS:
            speaker += f" ({KIND_TAGS[quote.speaker_kind]})"
        position = self.matched_quotes.index(self.current_quote) + 1
        return f"quote {position} of {len(self.matched_quotes)}: {speaker}"

    @on(ArticleView.NextQuote)
    def _next_quote(self, event: ArticleView.NextQuote) -> None:
        if not self.data or not self.matched_quotes:
            self.app.bell()
            return
        quotes = self.data.quotes
        if self.current_quote is not None:
            pos = quotes[self.current_quote].start
        else:
            first, _ = self.article.visible_range()
            pos = first - 1 if event.step > 0 else first
        if event.step > 0:
            candidates = [i for i in self.matched_quotes if quotes[i].start > pos]
        else:
            candidates = [i for i in self.matched_quotes if quotes[i].start < pos]
        if not candidates:
            self.app.bell()
            return
        self.tabs_show("tab-quotes")
        self.select_quote(candidates[0] if event.step > 0 else candidates[-1])

    @on(ArticleView.QuoteClicked)
    def _quote_clicked(self, event: ArticleView.QuoteClicked) -> None:
        assert self.data is not None
        quote_start = self.article.get_layer("quotes").starts[event.index]
        for i, q in enumerate(self.data.quotes):
            if q.start == quote_start:
                self.tabs_show("tab-quotes")
                self.select_quote(i, scroll=False)
                return

    def quote_near(self, offset: int) -> int | None:
        """The quote (index in text order) holding ``offset``, else the first in its sentence."""
        assert self.data is not None
        quotes = self.data.quotes
        inside = [i for i, q in enumerate(quotes) if q.start <= offset < q.end]
        if inside:
            return inside[-1]  # the innermost of nested quotes
        sentence = self.article.current_sentence()
        if sentence is not None:
            start, end = sentence
            return next((i for i, q in enumerate(quotes) if q.start < end and start < q.end), None)
        return None

    @on(ArticleView.CopyQuote)
    def _copy_quote(self, event: ArticleView.CopyQuote) -> None:
        from ..citation import cite

        index = self.quote_near(event.offset) if self.data else None
        if self.data is None or index is None:
            self._set_status("info", "no quote at the cursor — ] goes to the next one")
            self.app.bell()
            return
        quote = self.data.quotes[index]
        row, analysis = self.data.row, self.data.analysis
        text = cite(
            quote,
            self.data.speaker_of(quote),
            organisation=self.data.quote_org(quote),
            site=row.site if row else None,
            date=(row.published if row else None) or analysis.published,
        )
        self.app.copy_to_clipboard(text)
        self._set_status("info", f"copied: {one_line(text)[:120]}")

    @on(ItemList.ItemChosen)
    def _item_chosen(self, event: ItemList.ItemChosen) -> None:
        item = event.item
        view = self.article
        if item.kind == "quote":
            self.select_quote(item.index)
            return
        ranges = item.ranges or ((item.start, item.end),)
        view.set_layer("focus", ((s, e, "focus") for s, e in ranges))
        view.scroll_to_offset(item.start)
        view.cursor = item.start
        view._update_cursor_layers()

    # -- search -----------------------------------------------------------------------------------
    def action_search(self) -> None:
        if self.data is None:
            return
        expect_typing(self)  # the keys typed after / are the query's, however fast
        search = self._search_box("reader-search", "Search the article…", self)
        search.display = True
        search.value = self.search_query or ""
        search.focus()

    @on(Input.Submitted, "#reader-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.search(event.value)
        event.input.display = False
        self.article.focus()

    def on_key(self, event) -> None:
        if self.data is None or event.key != "escape":
            return
        search = self._existing_box("reader-search")
        notes_search = self._existing_box("notes-search")
        if search is not None and search.has_focus:
            event.stop()
            event.prevent_default()
            search.display = False
            self.article.focus()
        elif notes_search is not None and notes_search.has_focus:
            event.stop()
            event.prevent_default()
            notes_search.display = False
            notes_search.value = ""
            self.search_notes("")
            self.notes_list.focus()

    def search(self, query: str) -> None:
        """Highlight every occurrence of ``query`` (any case) and go to the first one in view."""
        assert self.data is not None
        query = query.strip()
        view = self.article
        self.search_query = query or None
        if not query:
            self.matches = []
            self.match_index = None
            view.set_layer("matches", [])
            self._set_status("search", None)
            return
        text = self.data.analysis.text
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        self.matches = [m.span() for m in pattern.finditer(text, self.data.body_start) if m.end() > m.start()]
        if not self.matches:
            self.match_index = None
            view.set_layer("matches", [])
            self._set_status("search", f"“{one_line(query)}”: no matches")
            self.app.bell()
            return
        first, _ = view.visible_range()
        starts = [s for s, _ in self.matches]
        i = bisect_right(starts, first - 1)
        self._go_to_match(i if i < len(self.matches) else 0)

    def _go_to_match(self, index: int) -> None:
        self.match_index = index
        view = self.article
        view.set_layer(
            "matches",
            ((s, e, "match-current" if i == index else "match") for i, (s, e) in enumerate(self.matches)),
        )
        start = self.matches[index][0]
        view.scroll_to_offset(start, center=False)
        view.cursor = start
        view._update_cursor_layers()
        self._set_status("search", f"“{one_line(self.search_query)}”: match {index + 1} of {len(self.matches)}")

    @on(ArticleView.NextMatch)
    def _next_match(self, event: ArticleView.NextMatch) -> None:
        if not self.matches:
            self.app.bell()
            return
        current = self.match_index if self.match_index is not None else -1
        self._go_to_match((current + event.step) % len(self.matches))

    def clear_search(self) -> None:
        self.search("")

    # -- escape / back ----------------------------------------------------------------------------
    def action_escape(self) -> None:
        if self.data is not None:
            view = self.article
            if view.clear_selection():
                return
            if self.matches or self.search_query:
                self.clear_search()
                return
            if self._filter_order:
                kind = self._filter_order[-1]
                if kind == "speaker":
                    self.set_speaker_filter(None)
                else:
                    self.set_org_filter(None)
                return
        self.action_back()

    def action_back(self) -> None:
        self.dismiss()

    # -- notes ------------------------------------------------------------------------------------
    def refresh_notes(self) -> None:
        """Reload the article's notes into the article (underlined) and the Notes tab."""
        try:
            self.note_rows = self.notes.for_article(self.article_id)
        except NoteError as exc:
            self.note_rows = []
            self._set_status("info", f"notes unavailable: {exc}")
        self.article.set_layer(
            "notes",
            (
                (n.start, n.end, "highlight" if n.is_highlight else "note")
                for n in self.note_rows
                if not n.orphaned and n.end > n.start
            ),
        )
        self.search_notes(self.notes_query or "")

    def search_notes(self, query: str) -> None:
        """Show only the notes matching ``query`` (full-text search); all of them when it is empty."""
        query = query.strip()
        self.notes_query = query or None
        notes_list = self.notes_list
        if not query:
            notes_list.show(self.note_rows)
            return
        try:
            hits = {h.note.id for h in self.notes.search(query, limit=1000)}
        except NoteError as exc:
            self._set_status("info", f"search failed: {exc}")
            return
        rows = [n for n in self.note_rows if n.id in hits]
        notes_list.show(rows, empty=f"No notes match “{one_line(query)}”")
        self._set_status("info", f"notes: {len(rows)} of {len(self.note_rows)} match “{one_line(query)}”")

    def target_range(self) -> tuple[int, int] | None:
        """What a new note is on: the selection, else the sentence at the cursor."""
        view = self.article
        return view.selected_range() or view.current_sentence()

    def pending_draft(self) -> DraftRow | None:
        try:
            drafts = self.notes.drafts(article_id=self.article_id)
        except NoteError:
            return None
        return next((d for d in drafts if d.note_id is None), None)

    def action_add_note(self) -> None:
        if self.data is None:
            return
        text = self.data.analysis.text
        draft = self.pending_draft()
        if draft is not None:
            found = self.notes.locate(self.article_id, draft.exact, near=draft.start) if draft.exact else None
            start, end = found or (draft.start, draft.end)
        else:
            target = self.target_range()
            if target is None:
                self.app.bell()
                return
            start, end = target
        editor = NoteEditorScreen(self.notes, self.article_id, start, end, text[start:end], draft=draft)
        expect_typing(self)  # keys typed meanwhile are for its text box
        self.app.push_screen(editor, self._note_saved)

    def _note_saved(self, note: NoteRow | None) -> None:
        self.refresh_notes()
        if self._status.get("info") == DRAFT_KEPT and self.pending_draft() is None:
            self._set_status("info", None)  # the draft was saved or discarded: no longer kept
        if note is not None:
            self.article.clear_selection()
            self.tabs_show("tab-notes")
            self.notes_list.highlight_item("note", note.id)
            self._set_status("info", "note saved")

    def action_highlight(self) -> None:
        if self.data is None:
            return
        target = self.target_range()
        if target is None:
            self.app.bell()
            return
        try:
            note = self.notes.highlight(self.article_id, *target)
        except NoteError as exc:
            self.notify(str(exc), title="Highlight not saved", severity="error", markup=False)
            return
        self._note_saved(note)
        self._set_status("info", "highlighted")

    @on(NotesList.Edit)
    def _edit_note(self, event: NotesList.Edit) -> None:
        note = event.note
        try:
            draft = next((d for d in self.notes.drafts(article_id=self.article_id) if d.note_id == note.id), None)
        except NoteError:
            draft = None
        editor = NoteEditorScreen(self.notes, self.article_id, note.start, note.end, note.exact, note=note, draft=draft)
        self.app.push_screen(editor, self._note_saved)

    @on(NotesList.Delete)
    def _delete_note(self, event: NotesList.Delete) -> None:
        note = event.note

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.notes.delete(note.id)
            except NoteError as exc:
                self.notify(str(exc), title="Note not deleted", severity="error", markup=False)
                return
            self.refresh_notes()
            self._set_status("info", "note deleted")

        what = "highlight" if note.is_highlight else "note"
        self.app.push_screen(ConfirmScreen(f"Delete this {what} on “{one_line(note.exact)[:80]}”?"), answered)

    @on(NotesList.Search)
    def _notes_search(self) -> None:
        box = self._search_box("notes-search", "Search notes…", self.notes_pane, first=True)
        box.display = True
        box.value = self.notes_query or ""
        box.focus()

    @on(Input.Changed, "#notes-search")
    def _notes_search_typed(self, event: Input.Changed) -> None:
        """Filter the notes as the query is typed, as the library's search does."""
        event.stop()
        if (event.value.strip() or None) != self.notes_query:
            self.search_notes(event.value)

    @on(Input.Submitted, "#notes-search")
    def _notes_search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.search_notes(event.value)
        if not event.value.strip():
            event.input.display = False
        self.notes_list.focus()

    def show_note(self, note_id: int) -> None:
        """Scroll to a note, mark it and select it in the Notes tab."""
        note = next((n for n in self.note_rows if n.id == note_id), None)
        if note is None or note.orphaned:
            return
        view = self.article
        view.set_layer("focus", [(note.start, note.end, "focus")])
        view.scroll_to_offset(note.start)
        view.cursor = note.start
        view._update_cursor_layers()
        self.tabs_show("tab-notes")
        self.notes_list.highlight_item("note", note.id)
