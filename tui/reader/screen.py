"""The reader screen: composition, bindings, and handlers that ask the model and then the view.

``ReaderScreen(library=..., article_id=...)`` reads the stored analysis when it is composed
(``Library.analysis``) and never runs the analysis itself. Filters (speaker ``s``, organisation
``o``) and search (``/``) only replace highlight layers of the ``ArticleView``, so they cost a
restyle of the visible lines. The rules (what a filter shows, what escape clears, which quote is
next) are ``ReaderState``'s (``model.py``). The module is long because the reader has many keys and
messages, each a short handler here; what they decide is in the model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from ...core.corrections import correct_added, correct_details, correct_not_quote, correct_speaker, trimmed
from ...core.figure_keys import key_of
from ...core.model import Quote
from ...core.notes import NoteError, NoteRow, Notes
from ...core.store.echoes import quote_id_at
from ...core.store.errors import LibraryError
from ...core.store.library import Library
from ..commands import DeskCommands
from ..reader_commands import ReaderCommands
from ..safe_text import one_line
from ..screens.confirm import ConfirmScreen
from ..screens.echoes import EchoesScreen
from ..screens.figure_group import FigureGroupScreen  # with the reader: their keys are checked with its
from ..screens.note_editor import NoteEditorScreen
from ..screens.person_page import open_person_page
from ..screens.picker import PickerEntry, PickerScreen
from ..screens.speaker_picker import SpeakerDetailsScreen, SpeakerPickerScreen
from ..text_layout import entity_group
from ..typeahead import expect_typing
from ..widgets.article_view import ArticleView
from ..widgets.key_footer import KeyFooter
from ..widgets.notes_list import NotesList
from ..widgets.side_pane import (
    CorrectSpeakerWanted,
    EchoesWanted,
    FigureGroupWanted,
    FiguresList,
    ItemList,
    NotAQuoteWanted,
    PeopleList,
    PersonPageWanted,
    QuotesList,
    SidePane,
    SpeakerDetailsWanted,
)
from .article import ArticleData, NameCount, Span
from .header import ReaderHeader, StatusLine
from .missing import MissingArticleScreen
from .model import FilterKind, ReaderState, StatusPart
from .notes_pane import NotesPane

DRAFT_KEPT = "an unsaved note was kept — press a to finish it"


def picker_entries(rows: list[NameCount]) -> list[PickerEntry]:
    return [PickerEntry(r.name, r.count, r.detail, group=r.group, reported=r.reported) for r in rows]


def sample_widgets() -> list[Widget]:
    """One of each widget class the reader mounts, empty: ``Speed.warm_up`` mounts them hidden to
    register their styles before the first article opens. The notes pane is never asked for notes."""
    return [
        ReaderHeader("", ""),
        ArticleView(""),
        SidePane(notes=NotesPane(Notes(cast(Library, None)), 0)),
        StatusLine(),
        KeyFooter(),
    ]


class ReaderScreen(Screen[None]):
    """Read one article. Push it with ``ReaderScreen(library=app.library, article_id=id)``.

    The article is read when the screen is composed; when the library does not have it (or cannot
    read it) the screen gives its place to a ``MissingArticleScreen`` saying so.
    """

    AUTO_FOCUS = "#article"
    COMMANDS = Screen.COMMANDS | {ReaderCommands, DeskCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "filter_speaker", "Speaker", id="reader.filter_speaker", tooltip="Show one speaker's quotes"),
        Binding(
            "o", "filter_org", "Org", id="reader.filter_org", tooltip="Show one organisation's quotes and mentions"
        ),
        Binding(
            "r",
            "toggle_reported",
            "Reported",
            id="reader.toggle_reported",
            show=False,  # in ? help and the palette: the footer keeps room for the keys used most
            tooltip="Show quotes only, or reported speech too",
        ),
        Binding("slash", "search", "Search", key_display="/", id="reader.search", tooltip="Find in the article"),
        Binding(
            "p",
            "speaker_page",
            "Page",
            id="reader.speaker_page",
            show=False,
            tooltip="Open the page of the speaker of the quote at the cursor",
        ),
        Binding(
            "x",
            "echoes_here",
            "Sources",
            id="reader.echoes_here",
            show=False,
            tooltip="List the articles the quote at the cursor appears in",
        ),
        Binding(
            "f",
            "figure_here",
            "Figure",
            id="reader.figure_here",
            show=False,
            tooltip="Open the figure at the cursor across the library",
        ),
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
        self.notes = Notes(library)
        # Held here, not queried: the Notes tab is mounted when first shown, its list filled before.
        self.notes_pane = NotesPane(self.notes, article_id, id="notes-pane")
        self._state: ReaderState | None = None  # set when composed
        self._missing: MissingArticleScreen | None = None  # shown instead when there is no article
        self._resumed = False

    # -- the model and the notes, read as the screen's attributes (tests, the notes view) ----------
    @property
    def state(self) -> ReaderState:
        assert self._state is not None, "read when composed"
        return self._state

    @property
    def data(self) -> ArticleData | None:
        return self._state.data if self._state else None

    @property
    def speaker_filter(self) -> str | None:
        return self.state.speaker_filter

    @property
    def org_filter(self) -> str | None:
        return self.state.org_filter

    @property
    def matched_quotes(self) -> list[int]:
        return self.state.matched_quotes

    @property
    def current_quote(self) -> int | None:
        return self.state.current_quote

    @property
    def search_query(self) -> str | None:
        return self.state.search_query

    @property
    def matches(self) -> list[Span]:
        return self.state.matches

    @property
    def match_index(self) -> int | None:
        return self.state.match_index

    @property
    def notes_list(self) -> NotesList:
        return self.notes_pane.notes_list

    @property
    def note_rows(self) -> list[NoteRow]:
        return self.notes_pane.rows

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def quotes_list(self) -> QuotesList:
        return self.query_one("#quotes-list", QuotesList)

    @property
    def status_text(self) -> str:
        return self.query_one("#reader-status", StatusLine).content.plain

    # -- composition -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        try:
            data = ArticleData.load(self.library, self.article_id)
        except LibraryError as exc:
            self._missing = MissingArticleScreen(str(exc), "Article unreadable")
            return
        if data is None:
            self._missing = MissingArticleScreen(
                f"Article {self.article_id} is not in the library.", "Article not found"
            )
            return
        # Few widgets, few levels: every widget costs its share of mounting, styling and each frame.
        # The screen lays out the article and the side pane side by side itself; the header, the
        # status line and the keys are docked; the search boxes are mounted on first use.
        view = ArticleView(data.analysis.text, body_start=data.body_start, sentences=data.sentences, id="article")
        self._state = ReaderState(data=data, sentences=data.sentences)
        yield KeyFooter()
        yield ReaderHeader(data.title, data.meta_line(), id="reader-header")
        yield view
        yield SidePane(notes=self.notes_pane, id="side-pane")
        yield StatusLine(id="reader-status")

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler. On the first resume every node was styled as it was
        # mounted, an instant ago: restyling the whole screen again cost a fifth of the opening.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_mount(self) -> None:
        if self._missing is not None:
            self.app.switch_screen(self._missing)
            return
        view = self.article
        entities = self.state.data.analysis.entities
        view.set_layer("entities", ((e.start, e.end, entity_group(e.label)) for e in entities if e.end > e.start))
        side = self.query_one(SidePane)
        side.fill_on_show("tab-figures", self._fill_figures)
        side.fill_on_show("tab-people", self._fill_people)
        self._show_filters()
        self.watch(view, "show_entities", self._entities_toggled, init=False)
        self.refresh_notes()
        if self.notes_pane.pending_draft() is not None:
            self.set_status("info", DRAFT_KEPT)

    def _entities_toggled(self, shown: bool) -> None:
        header = self.query_one(ReaderHeader)
        header.set_class(not shown, "-off")
        header.refresh()
        self.set_status("info", "entity highlighting on" if shown else "entity highlighting off")

    def _fill_figures(self) -> None:
        """Figures, grouped by kind (``FiguresList``)."""
        groups = self.state.data.figure_groups(self.state.data.sentences)
        self.query_one("#figures-list", FiguresList).show(groups, self.state.data.analysis.text)

    def _fill_people(self) -> None:
        """People & orgs, grouped by kind (``PeopleList``)."""
        rows, quote_kinds = self.state.data.people_rows()
        self.query_one("#people-list", PeopleList).show(rows, quote_kinds, self.state.data.reported_count())

    def tabs_show(self, tab_id: str) -> None:
        self.query_one(SidePane).show_tab(tab_id)

    # -- status ------------------------------------------------------------------------------------
    def set_status(self, part: StatusPart, text: str | None) -> None:
        self.state.set_status(part, text)
        self._show_status()

    def _show_status(self) -> None:
        self.query_one("#reader-status", StatusLine).update(Content(self.state.status_line()))

    # -- filters -----------------------------------------------------------------------------------
    def _show_filters(self, *, dropped_quote: bool = False) -> None:
        """Show what the filters match: the quotes and reported layers, the mentions, the Quotes tab, the status;
        ``dropped_quote`` when the current quote is no longer shown (its mark goes too)."""
        state = self.state
        view = self.article
        view.set_layer("quotes", state.quote_marks())
        view.set_layer("reported", state.reported_marks())
        view.set_layer("marks", state.mention_marks())
        quotes = state.data.quotes
        self.quotes_list.show(
            [(i, quotes[i]) for i in state.matched_quotes],
            state.data.speakers,
            filtered=state.filtered,
            statement=state.data.statement_text if state.show_reported else lambda q: None,
            echoes=state.data.echoes,
            corrected=state.data.corrected,
        )
        if dropped_quote:
            view.set_layer("focus", [])
        self._show_status()

    def set_filter(self, kind: FilterKind, name: str | None) -> None:
        """Set (or clear) the speaker or organisation filter and go to its first quote."""
        had_quote = self.state.current_quote is not None
        self.state.set_filter(kind, name)
        self._show_filters(dropped_quote=had_quote and self.state.current_quote is None)
        first = self.state.first_match()
        if first is not None:
            self.tabs_show("tab-quotes")
            self.select_quote(first)

    def set_speaker_filter(self, name: str | None) -> None:
        self.set_filter("speaker", name)

    def set_org_filter(self, name: str | None) -> None:
        self.set_filter("org", name)

    def _pick(self, kind: FilterKind, title: str, rows: list[NameCount], none: str) -> None:
        if not rows:
            self.notify(none, severity="warning")
            return

        def chosen(name: str | None) -> None:
            if name is not None:
                self.set_filter(kind, name)

        expect_typing(self)  # keys typed meanwhile are for its text box
        self.app.push_screen(PickerScreen(title, picker_entries(rows), count_label="quote"), chosen)

    def action_toggle_reported(self) -> None:
        """Quotes only, or reported speech too: the lists, marks, counts and ``]``/``[`` follow."""
        had_quote = self.state.current_quote is not None
        self.state.toggle_reported()
        self._show_filters(dropped_quote=had_quote and self.state.current_quote is None)

    def action_filter_speaker(self) -> None:
        rows = self.state.data.speaker_counts()
        self._pick("speaker", "Filter by speaker", rows, "No quoted speakers in this article.")

    def action_filter_org(self) -> None:
        rows = self.state.data.org_counts()
        self._pick("org", "Filter by organisation", rows, "No organisations in this article.")

    # -- quotes ------------------------------------------------------------------------------------
    def select_quote(self, index: int, *, scroll: bool = True) -> None:
        """Mark quote ``index`` (in text order) in the article and in the Quotes tab."""
        quote = self.state.select_quote(index)
        self.article.show_range(quote.start, quote.end, scroll=scroll)
        self.quotes_list.highlight_item("quote", index)
        self._show_status()

    @on(ArticleView.NextQuote)
    def _next_quote(self, event: ArticleView.NextQuote) -> None:
        index = self.state.next_quote(event.step, self.article.visible_range()[0])
        if index is None:
            self.app.bell()
            return
        self.tabs_show("tab-quotes")
        self.select_quote(index)

    @on(ArticleView.QuoteClicked)
    def _quote_clicked(self, event: ArticleView.QuoteClicked) -> None:
        index = self.state.quote_starting_at(self.article.get_layer("quotes").starts[event.index])
        if index is not None:
            self.tabs_show("tab-quotes")
            self.select_quote(index, scroll=False)

    def quote_near(self, offset: int) -> int | None:
        """The quote (index in text order) holding ``offset``, else the first in its sentence."""
        return self.state.quote_near(offset, self.article.current_sentence())

    @on(ArticleView.CopyQuote)
    def _copy_quote(self, event: ArticleView.CopyQuote) -> None:
        from ..citation import cite

        index = self.quote_near(event.offset)
        if index is None:
            self.set_status("info", "no quote at the cursor — ] goes to the next one")
            self.app.bell()
            return
        data = self.state.data
        quote = data.quotes[index]
        row = data.row
        text = cite(
            quote,
            data.speaker_of(quote),
            organisation=data.quote_org(quote),
            site=row.site if row else None,
            date=(row.published if row else None) or data.analysis.published,
        )
        self.app.copy_to_clipboard(text)
        self.set_status("info", f"copied: {one_line(text)[:120]}")

    @on(ItemList.ItemChosen)
    def _item_chosen(self, event: ItemList.ItemChosen) -> None:
        item = event.item
        if item.kind == "quote":
            self.select_quote(item.index)
            return
        view = self.article
        view.set_layer("focus", ((s, e, "focus") for s, e in item.ranges or ((item.start, item.end),)))
        view.show_range(item.start, item.end, mark=False)

    # -- the source desk: a speaker's page, a figure across articles -------------------------------
    def _quote_at_cursor(self) -> Quote | None:
        """The quote at the cursor (the current quote, after ] or [); else the status says there is
        none, with a bell."""
        index = self.quote_near(self.article.cursor)
        if index is None:
            self.set_status("info", "no quote at the cursor — ] goes to the next one")
            self.app.bell()
            return None
        return self.state.data.quotes[index]

    def action_speaker_page(self) -> None:
        """The page of the speaker of the quote at the cursor."""
        if (quote := self._quote_at_cursor()) is not None:
            self._open_page(quote.speaker, quote.speaker_kind)

    @on(PersonPageWanted)
    def _page_wanted(self, event: PersonPageWanted) -> None:
        self._open_page(event.name, event.kind)

    def _open_page(self, name: str | None, kind: str | None) -> None:
        open_person_page(self, self.library, name, kind)

    def action_echoes_here(self) -> None:
        """The sources of the quote at the cursor."""
        if (quote := self._quote_at_cursor()) is not None:
            self._open_echoes(quote.start)

    @on(EchoesWanted)
    def _echoes_wanted(self, event: EchoesWanted) -> None:
        self._open_echoes(event.start)

    def _open_echoes(self, start: int) -> None:
        """List where the quote starting at ``start`` appears; one that is nowhere else says so."""
        if not self.state.data.echoes.get(start):
            self.notify("This quote appears in no other article.", title="Sources", severity="information")
            return
        try:
            quote_id = quote_id_at(self.library, self.article_id, start)
        except LibraryError as exc:
            self.notify(str(exc), title="Sources", severity="error", markup=False)
            return
        if quote_id is not None:
            self.app.push_screen(EchoesScreen(self.library, quote_id))

    # -- corrections -------------------------------------------------------------------------------
    def _quote_starting_at(self, start: int) -> Quote | None:
        """The quote a message from Quotes names by its start, if it is still there."""
        index = self.state.quote_starting_at(start)
        return None if index is None else self.state.data.quotes[index]

    @on(CorrectSpeakerWanted)
    def _correct_speaker_wanted(self, event: CorrectSpeakerWanted) -> None:
        """Pick who said the quote (the article's speakers, or a name typed) and keep it as a
        correction: stored apart from the analysis, it wins over it from now on."""
        if (quote := self._quote_starting_at(event.start)) is None:
            return
        speakers = self.state.data.speaker_counts()
        kinds = self.state.data.speaker_kinds()  # a name typed that the article does not quote: a person

        def chosen(name: str | None) -> None:
            if name is not None and name != quote.speaker:
                store = lambda: correct_speaker(self.library, self.article_id, quote, name, kinds.get(name, "person"))  # noqa: E731
                self._corrected(store, f"speaker corrected: {one_line(name)}")

        expect_typing(self)  # keys typed meanwhile are for its text box
        self.app.push_screen(SpeakerPickerScreen(picker_entries(speakers)), chosen)

    @on(NotAQuoteWanted)
    def _not_a_quote_wanted(self, event: NotAQuoteWanted) -> None:
        """Ask, then keep as a correction that the quote is none: it leaves the Quotes tab."""
        if (quote := self._quote_starting_at(event.start)) is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                store = lambda: correct_not_quote(self.library, self.article_id, quote)  # noqa: E731
                self._corrected(store, "marked as not a quote (newsread corrections lists it)")

        words = one_line(quote.text)
        words = words if len(words) <= 60 else words[:59] + "…"
        self.app.push_screen(ConfirmScreen(f"Mark {words} as not a quote?", yes="Not a quote", no="Keep"), answered)

    @on(SpeakerDetailsWanted)
    def _speaker_details_wanted(self, event: SpeakerDetailsWanted) -> None:
        """Edit the role and organisation the article gives the quote's speaker; kept as a correction."""
        if (quote := self._quote_starting_at(event.start)) is None:
            return
        if not quote.speaker:
            self.set_status("info", "an unattributed quote has no speaker — c gives it one")
            self.app.bell()
            return
        name = quote.speaker
        was = self.state.data.speaker_of(quote)
        role, organisation = (was.role, was.organisation) if was else (None, None)

        def edited(details: tuple[str | None, str | None] | None) -> None:
            if details is None or details == (role, organisation):
                return

            def store() -> int:
                return correct_details(self.library, self.article_id, quote, *details, was)

            self._corrected(store, f"role and organisation corrected: {one_line(name)}")

        expect_typing(self)  # keys typed meanwhile are for its text boxes
        screen = SpeakerDetailsScreen(one_line(name), role and one_line(role), organisation and one_line(organisation))
        self.app.push_screen(screen, edited)

    @on(ArticleView.AddQuote)
    def _add_quote(self, event: ArticleView.AddQuote) -> None:
        """Pick who said the selected words (the article's speakers, or a name typed) and keep them
        as a quote the analysis missed: a correction, shown in Quotes marked corrected."""
        start, end = event.start, event.end
        speakers = self.state.data.speaker_counts()
        kinds = self.state.data.speaker_kinds()

        def chosen(name: str | None) -> None:
            if name is not None:
                kind = kinds.get(name, "person")

                def store() -> int:
                    return correct_added(self.library, self.article_id, start, end, name, kind)

                self.article.clear_selection()
                self._corrected(store, f"quote added: {one_line(name)}")
                index = self.state.quote_starting_at(trimmed(self.state.data.analysis.text, start, end)[0])
                if index is not None:
                    self.tabs_show("tab-quotes")
                    self.select_quote(index)

        expect_typing(self)  # keys typed meanwhile are for its text box
        self.app.push_screen(SpeakerPickerScreen(picker_entries(speakers)), chosen)

    def _corrected(self, store: Callable[[], object], status: str) -> None:
        """Store a correction, then show the article with its corrections applied again."""
        try:
            store()
            data = ArticleData.load(self.library, self.article_id)
        except (LibraryError, ValueError) as exc:
            self.notify(str(exc), title="Not corrected", severity="error", markup=False)
            return
        if data is not None:
            self.state.data = data
            self.state.current_quote = None  # a quote left out moves the others' indexes
            self.state.refilter()
            self._show_filters(dropped_quote=True)
        self.set_status("info", status)

    def action_figure_here(self) -> None:
        """The group of the figure at the cursor (else the first in the cursor's sentence)."""
        index = self.state.data.figure_near(self.article.cursor, self.article.current_sentence())
        if index is None:
            self.set_status("info", "no figure at the cursor — the Figures tab lists them")
            self.app.bell()
            return
        self._open_group(index)

    @on(FigureGroupWanted)
    def _group_wanted(self, event: FigureGroupWanted) -> None:
        self._open_group(event.index)

    def _open_group(self, index: int) -> None:
        figure = self.state.data.figure_in_order(index)
        key = key_of(figure)
        if key.is_empty:
            self.notify("This figure counts nothing named: it has no group.", title="No group", severity="warning")
            return
        self.app.push_screen(FigureGroupScreen(self.library, key))

    def show_quote_at(self, start: int, end: int) -> None:
        """Go to the quote or reported statement at ``start`` (shown even while reported speech is
        hidden); else mark ``start``–``end``: where the person's page's ``enter`` lands."""
        index = self.state.quote_starting_at(start)
        if index is None:
            self.article.show_range(start, end)
            return
        if self.state.data.quotes[index].is_reported and not self.state.show_reported:
            self.action_toggle_reported()
        self.tabs_show("tab-quotes")
        self.select_quote(index)

    def show_figure_at(self, start: int, end: int) -> None:
        """Mark the figure at ``start``–``end`` and show it in the Figures tab: where a figure
        group's ``enter`` lands."""
        view = self.article
        view.set_layer("focus", [(start, end, "focus")])
        view.show_range(start, end, mark=False)
        self.tabs_show("tab-figures")
        index = self.state.data.figure_index_at(start)
        if index is not None:
            self.query_one("#figures-list", FiguresList).highlight_item("figure", index)

    # -- search ------------------------------------------------------------------------------------
    def _search_box(self) -> Input | None:
        return next(self.query("#reader-search").results(Input), None)

    def action_search(self) -> None:
        expect_typing(self)  # the keys typed after / are the query's, however fast
        search = self._search_box()
        if search is None:
            search = Input(placeholder="Search the article…", id="reader-search")
            self.mount(search)
        search.display = True
        search.value = self.state.search_query or ""
        search.focus()

    @on(Input.Submitted, "#reader-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.search(event.value)
        event.input.display = False
        self.article.focus()

    def on_key(self, event: events.Key) -> None:
        """Escape in the search box closes it (the search stays on)."""
        if event.key != "escape":
            return
        search = self._search_box()
        if search is not None and search.has_focus:
            event.stop()
            event.prevent_default()
            search.display = False
            self.article.focus()

    def search(self, query: str) -> None:
        """Highlight every occurrence of ``query`` (any case) and go to the first one in view."""
        index = self.state.search(query, self.article.visible_range()[0])
        self._show_match(index)
        if index is None and self.state.search_query is not None:
            self.app.bell()  # no matches

    def _show_match(self, index: int | None) -> None:
        view = self.article
        view.set_layer("matches", self.state.match_marks())
        if index is not None:
            start, end = self.state.matches[index]
            view.show_range(start, end, mark=False, center=False)
        self._show_status()

    @on(ArticleView.NextMatch)
    def _next_match(self, event: ArticleView.NextMatch) -> None:
        index = self.state.next_match(event.step)
        if index is None:
            self.app.bell()
        else:
            self._show_match(index)

    # -- escape / back -----------------------------------------------------------------------------
    def action_escape(self) -> None:
        if self.article.clear_selection():
            return
        clears = self.state.escape_clears()
        if clears is None:
            self.action_back()
        elif clears == "search":
            self.search("")
        else:
            self.set_filter(clears, None)

    def action_back(self) -> None:
        self.dismiss()

    # -- notes -------------------------------------------------------------------------------------
    def refresh_notes(self) -> None:
        """Reload the article's notes into the article (underlined) and the Notes tab."""
        said = self.notes_pane.reload()
        self.article.set_layer("notes", self.notes_pane.marks())
        if said:
            self.set_status("info", said)

    def target_range(self) -> Span | None:
        """What a new note is on: the selection, else the sentence at the cursor."""
        view = self.article
        return view.selected_range() or view.current_sentence()

    def action_add_note(self) -> None:
        text = self.state.data.analysis.text
        draft = self.notes_pane.pending_draft()
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
        if self.state.status.get("info") == DRAFT_KEPT and self.notes_pane.pending_draft() is None:
            self.set_status("info", None)  # the draft was saved or discarded: no longer kept
        if note is not None:
            self.article.clear_selection()
            self.tabs_show("tab-notes")
            self.notes_pane.highlight_note(note.id)
            self.set_status("info", "note saved")

    def action_highlight(self) -> None:
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
        self.set_status("info", "highlighted")

    @on(NotesPane.Saved)
    def _pane_saved(self, event: NotesPane.Saved) -> None:
        self._note_saved(event.note)

    @on(NotesPane.Deleted)
    def _pane_deleted(self) -> None:
        self.refresh_notes()
        self.set_status("info", "note deleted")

    @on(NotesPane.Said)
    def _pane_said(self, event: NotesPane.Said) -> None:
        self.set_status("info", event.text)

    def show_note(self, note_id: int) -> None:
        """Scroll to a note, mark it and select it in the Notes tab."""
        note = self.notes_pane.row_of(note_id)
        if note is None or note.orphaned:
            return
        self.article.show_range(note.start, note.end)
        self.tabs_show("tab-notes")
        self.notes_pane.highlight_note(note.id)
