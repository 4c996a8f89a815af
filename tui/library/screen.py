"""The library screen: composition, bindings, loading from the store, and handlers that ask the model.

Big libraries appear at once: the first screenful is read synchronously (its ids by the sort key,
then their rows); the ids of the whole view and the library's counts are read in a thread worker
once it is drawn, and from then on the table reads the rows it draws a page at a time
(``row_pages``), so a library of any size holds its ids and a few pages of rows. The first frame
holds only what it shows: the hidden search box and refresh progress are mounted after it.
What a key changes (the sort, the search, the filters, what escape clears), the status line's
parts, when to read the library again and what is remembered between launches are
``LibraryState``'s and ``LibraryView``'s (``model.py``, ``saved_view.py``); the tidying keys
(delete, mark read, open or copy the URL) and the feeds' refresh in a child process are
``tidying.py``'s, each handler here one line. The module is a little over 500 lines because its
twenty keys are declared here with their ids and tooltips.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar, ParamSpec, TypeVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input
from textual.worker import get_current_worker

from ...core.store.errors import LibraryError, LibraryWriteError
from ...core.store.feeds import Feeds
from ...core.store.library import ArticleFilters
from ...core.store.records import ArticleRow
from ..commands import DeskCommands
from ..kinds import kind_of
from ..typeahead import expect_typing
from ..widgets.article_table import ArticleTable
from ..widgets.key_footer import KeyFooter
from ..widgets.status_bar import StatusBar
from . import tidying
from .model import (
    FilterKind,
    LibraryState,
    LibraryView,
    PickerRow,
    feed_rows,
    organisation_rows,
    speaker_rows,
)
from .row_pages import RowPages
from .saved_view import load_view, save_view

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from ..app import NewsreadApp
    from ..widgets.import_progress import ImportProgress
    from ..widgets.refresh_progress import RefreshProgress

FIRST_PAGE = 50  # rows read before the screen is first painted: a screenful (more if the terminal is taller)
SEARCH_DEBOUNCE = 0.02  # seconds of quiet typing before the library is searched (keys come slower)
SEARCH_LIMIT = 5000
CHANGE_POLL = 1.0  # seconds between looks at whether another process changed the library

_P = ParamSpec("_P")
_R = TypeVar("_R")


class LibraryScreen(Screen):
    """The library: a table of articles, a search box, a status line and the keys."""

    AUTO_FOCUS = "#library-table"
    HELP_GROUP = "Library"
    COMMANDS = Screen.COMMANDS | {DeskCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            id="library.search",
            tooltip="Search titles and text as you type",
        ),
        Binding(
            "s",
            "filter_speaker",
            "Speaker",
            id="library.speaker",
            tooltip="Show only articles quoting a chosen speaker",
        ),
        Binding(
            "o",
            "filter_organisation",
            "Org",
            id="library.organisation",
            tooltip="Show only articles naming a chosen organisation",
        ),
        Binding("u", "toggle_unread", "Unread", id="library.unread_only", tooltip="Show only unread articles (toggle)"),
        Binding(
            "B",
            "toggle_bookmarked",
            "Starred",
            id="library.bookmarked_only",
            tooltip="Show only bookmarked articles (toggle)",
        ),
        Binding(
            "f",
            "filter_feed",
            "Feed",
            show=False,
            id="library.feed",
            tooltip="Show only the articles of a chosen feed (unread counts shown)",
        ),
        Binding(
            "p",
            "person_page",
            "Page",
            show=False,
            id="library.person_page",
            tooltip="The page of a chosen person or organisation (the source desk)",
        ),
        Binding("S", "cycle_sort", "Sort", id="library.sort", tooltip="Sort by the next column"),
        Binding(
            "minus",
            "reverse_sort",
            "Reverse",
            key_display="-",
            show=False,
            id="library.reverse",
            tooltip="Reverse the sort order",
        ),
        Binding("plus", "add", "Add", key_display="+", id="library.add", tooltip="Add articles from a path or URL"),
        Binding(
            "R",
            "refresh_feeds",
            "Refresh",
            id="library.refresh_feeds",
            tooltip="Fetch every subscribed feed's new articles (newsread refresh)",
        ),
        Binding(
            "d,delete",
            "delete_article",
            "Delete",
            key_display="d",
            show=False,
            id="library.delete",
            tooltip="Delete the article (asks first; its notes are kept unless you say otherwise)",
        ),
        Binding("m", "toggle_read", "Read/unread", show=False, id="library.toggle_read", tooltip="Mark read or unread"),
        Binding(
            "M",
            "mark_all_read",
            "All read",
            show=False,
            id="library.mark_all_read",
            tooltip="Mark every article read (of the feed shown, with a feed filter)",
        ),
        Binding(
            "O",
            "open_browser",
            "Browser",
            show=False,
            id="library.browser",
            tooltip="Open the article's URL in a browser",
        ),
        Binding("y", "copy_url", "Copy URL", show=False, id="library.copy_url", tooltip="Copy the article's URL"),
        Binding("n", "notes", "Notes", id="library.notes", tooltip="All notes across the library"),
        Binding(
            "r",
            "refresh_library",
            "Reload",
            show=False,
            id="library.refresh",
            tooltip="Read the library again (articles added from another terminal)",
        ),
        Binding("escape", "clear_filters", "Clear", id="library.clear", tooltip="Clear the search and filters"),
        Binding("q", "quit", "Quit", id="library.quit", tooltip="Quit newsread"),
    ]

    class Loaded(Message):
        """Every row of the current view is in the table (posted after each reload)."""

    def __init__(self) -> None:
        super().__init__(id="library")
        self.state = LibraryState()
        self._loading = False
        self._save_failed = False
        self.refreshing = False  # a child ``newsread refresh`` is running
        self._later: list[AwaitMount] | None = None  # the widgets of ``_mount_later``, once mounted
        self._later_ready = False  # and their mounting awaited: no relayout for it at every / or R
        self.importing = False  # the first run's import is under way (set by the app)

    def compose(self) -> ComposeResult:
        yield Header(icon="❝")
        yield ArticleTable(id="library-table")
        yield StatusBar(id="library-status")
        yield KeyFooter()

    @property
    def newsread_app(self) -> NewsreadApp:
        """The app, typed: Textual types ``self.app`` as any ``App``."""
        return cast("NewsreadApp", self.app)

    @property
    def table(self) -> ArticleTable:
        return self.query_one("#library-table", ArticleTable)

    @property
    def view(self) -> LibraryView:
        return self.state.view

    @property
    def loading_rows(self) -> bool:
        """Whether rows of the current view are still being read in the background (the status line
        says "loading…"); ``Loaded`` is posted when they are all in. Not Textual's ``loading``, which
        covers a widget with a loading indicator."""
        return self._loading

    def on_mount(self) -> None:
        path = self.newsread_app.library.path
        self.sub_title = path.name if path else ""
        self.state.data_version = self.read_library(self.newsread_app.library.data_version)
        self._restore_view()
        self.reload()
        self.table.focus()
        self.set_interval(CHANGE_POLL, self._look_for_changes)

    # -- failures --------------------------------------------------------------------------------
    def read_library(self, read: Callable[_P, _R], *args: _P.args, **kwargs: _P.kwargs) -> _R | None:
        """``read(*args, **kwargs)``, or None when the library could not be read (said once)."""
        try:
            return read(*args, **kwargs)
        except LibraryError as exc:
            self.library_failed(exc)
            return None

    def library_failed(self, exc: LibraryError) -> None:
        """A library that cannot be read (a damaged file) is said in a toast, once, and stays
        named in the status bar; the app goes on with what it has."""
        if self.state.failed(str(exc)):
            self.notify(str(exc), title="Library unreadable", severity="error", timeout=20, markup=False)
        self.update_status()

    def write_failed(self, exc: LibraryError, what: str) -> None:
        """A change the library did not take (read-only, disk full, busy): a toast says so; a
        damaged library is said as when reading."""
        if not isinstance(exc, LibraryWriteError):
            self.library_failed(exc)
            return
        self.notify(f"{what}: {exc}", title="Not saved", severity="error", markup=False)

    # -- loading ---------------------------------------------------------------------------------
    def reload(self, *, keep_id: int | None = None, view_only: bool = False) -> None:
        """Show the library under the current view: first page now, the rest in a worker.
        ``view_only``: only the view changed (sort, search, filters), not the library, whose counts
        then stand unless a reload before this one had yet to read them."""
        if not view_only:
            self.state.counts_due = True
        recount = self.state.counts_due
        lib = self.newsread_app.library
        table = self.table
        generation = self.state.new_load()
        keep = keep_id if keep_id is not None else table.current_id
        kwargs = self.view.query_kwargs()
        first_page = max(FIRST_PAGE, self.app.size.height)
        try:
            # ids first, then their rows: a sort no index holds reads each article up to its sort key,
            # not every column of every article
            first_ids = lib.article_ids(limit=first_page, **kwargs)
            first = lib.rows_of(first_ids)
            loading = len(first_ids) == first_page  # by the ids: a row deleted meanwhile ends no view
            if recount and not loading:  # a larger view's are read with its ids, after its first page is drawn
                self.state.counts_read(lib.count(), lib.unread_count())
        except LibraryError as exc:
            self.workers.cancel_group(self, "library-load")
            self._loading = False
            self.library_failed(exc)
            return
        self.state.problem = None  # read again after all (a lock that was held, a file put back)
        table.show_sort(self.view.sort, self.view.descending)
        table.set_articles(first, keep_id=keep)
        self._loading = loading
        if loading:
            # The first screenful is painted before the worker reads the rest.
            self.call_after_refresh(self._load_rest, generation, kwargs, keep, recount)
        else:
            self.workers.cancel_group(self, "library-load")
            self.post_message(self.Loaded())
        self.update_status()

    @work(thread=True, exclusive=True, group="library-load")
    def _load_rest(self, generation: int, kwargs: ArticleFilters, keep: int | None, recount: bool) -> None:
        worker = get_current_worker()
        lib = self.newsread_app.library
        try:
            ids = lib.article_ids(**kwargs)
            counts = (lib.count(), lib.unread_count()) if recount else None
        except LibraryError as exc:
            self.app.call_from_thread(self._load_failed, generation, exc)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_all, generation, ids, keep, counts)

    def _show_all(self, generation: int, ids: list[int], keep: int | None, counts: tuple[int, int] | None) -> None:
        """The whole view's ``ids`` and, unless None, the library's ``counts`` (articles, unread ones)
        are read: the table reads its rows from the ids as it draws."""
        if self.state.is_stale(generation):
            return  # a newer reload replaced this one
        if counts is not None:
            self.state.counts_read(*counts)
        table = self.table
        shown = table.articles
        rows = RowPages(ids, self._read_rows, known=shown[: min(len(shown), len(ids))])
        at_first = table.current_id
        table.extend_to(rows)
        if keep is not None and at_first != keep:
            index = table.row_of(keep)
            if index is not None:
                table.move_cursor(index)
        self._loading = False
        self.post_message(self.Loaded())
        self.update_status()

    def _read_rows(self, ids: list[int]) -> list[ArticleRow]:
        """The rows of a page about to be drawn (``RowPages``' ``fetch``); none when the library
        cannot be read (said once)."""
        return self.read_library(self.newsread_app.library.rows_of, ids) or []

    def _load_failed(self, generation: int, exc: LibraryError) -> None:
        if not self.state.is_stale(generation):
            self._loading = False
            self.library_failed(exc)

    def action_refresh_library(self) -> None:
        self.reload()

    def refresh_if_changed(self) -> None:
        """Reload when another process (``newsread add`` in another terminal) changed the number
        of articles; called when the terminal regains focus and when the screen comes back."""
        if self.state.count_changed(self.read_library(self.newsread_app.library.count)):
            self.reload()

    def _look_for_changes(self) -> None:
        """Every ``CHANGE_POLL`` seconds: when another process committed to the library, show the
        library again, the cursor kept on its article; under another screen, when this one comes back."""
        if self.state.version_seen(self.read_library(self.newsread_app.library.data_version), on_top=self.is_current):
            self.reload()

    def update_status(self) -> None:
        app = self.newsread_app
        status = self.state.status(
            self.table.row_count,
            loading=self._loading,
            importing=self.importing,
            read_only=app.library.read_only,
            can_add=app.can_add,
        )
        self.query_one(StatusBar).show(**status)

    def set_view(self, view: LibraryView) -> None:
        self.state.view = view
        self.reload(view_only=True)
        path = self.newsread_app.state_path
        if path is not None:
            problem = save_view(path, view)
            if problem and not self._save_failed:  # said once: the view still works without it
                self._save_failed = True
                self.notify(f"The library's sort and filters are not remembered: {problem}", markup=False)

    def _restore_view(self) -> None:
        """The sort and filters of the last launch (``saved_view``); a feed filter whose feed was
        removed meanwhile is dropped."""
        path = self.newsread_app.state_path
        if path is None:
            return
        view = load_view(path)
        if view.feed_id is not None:
            feeds = self.read_library(Feeds(self.newsread_app.library).all) or []
            if view.feed_id not in {f.id for f in feeds}:
                view = replace(view, feed_id=None, feed=None)
        self.state.view = view

    # -- opening ---------------------------------------------------------------------------------
    def open_article(self, article_id: int) -> None:
        """Mark the article read and open it in the reader."""
        lib = self.newsread_app.library
        if not lib.read_only:  # a read-only library is said once, in the status bar
            try:
                lib.mark_read(article_id)
            except LibraryError as exc:
                self.write_failed(exc, "Not marked as read")
        self.state.opened = article_id
        self.newsread_app.open_reader(article_id)

    def action_notes(self) -> None:
        from ..screens.notes_view import NotesViewScreen

        self.app.push_screen(NotesViewScreen(library=self.newsread_app.library))

    @on(ArticleTable.RowSelected, "#library-table")
    def _row_selected(self, event: ArticleTable.RowSelected) -> None:
        self.open_article(event.article_id)

    def on_screen_resume(self) -> None:
        # Counted only when there is a count to compare with: not on the first resume, at mount.
        count = self.read_library(self.newsread_app.library.count) if self.state.total else None
        step = self.state.resumed(count)
        if step == "reload":
            self.reload()  # articles were added or removed meanwhile (another terminal)
        elif step == "show_opened":
            self._show_opened()

    def _show_opened(self) -> None:
        """The article opened from here, as it is now (read); gone under "unread only"."""
        lib = self.newsread_app.library
        row = self.read_library(lib.article, self.state.take_opened())
        if row is not None:
            self.table.update_article(row)
        unread = self.read_library(lib.unread_count)
        if unread is not None:
            self.state.unread = unread
        if self.state.reload_after_marking(read=True):
            self.reload()
        self.update_status()

    # -- search ----------------------------------------------------------------------------------
    def _mount_later(self) -> list[AwaitMount]:
        """Mount the search box above the list and the refresh's progress under it, both hidden until
        used, once: when the library is first loaded (after the first frame, which shows neither)
        or when one is first needed, whichever comes first. The app's later styles (``.-hidden``
        among them) are read before."""
        if self._later is None:
            from ..widgets.refresh_progress import RefreshProgress

            self.newsread_app.read_later_styles()
            search = Input(placeholder="Search titles and text…", id="library-search", classes="-hidden")
            progress = RefreshProgress(id="library-refresh", classes="-hidden")
            self._later = [self.mount(search, before=self.table), self.mount(progress, after=self.table)]
        return self._later

    async def _later_mounted(self) -> None:
        if not self._later_ready:
            for mounted in self._mount_later():
                await mounted
            self._later_ready = True

    def on_library_screen_loaded(self) -> None:
        if self.is_attached:  # else the app is quitting (q typed at once): nothing to mount
            self._mount_later()  # the message goes on to the app, which readies the reader

    async def action_search(self) -> None:
        expect_typing(self)  # the keys typed after / are the query's, however fast
        await self._later_mounted()
        box = self.query_one("#library-search", Input)
        box.remove_class("-hidden")
        box.focus()

    @on(Input.Changed, "#library-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @on(Input.Submitted, "#library-search")
    def _search_submitted(self) -> None:
        self.table.focus()

    @work(exclusive=True, group="library-search")
    async def _search(self, text: str) -> None:
        await asyncio.sleep(SEARCH_DEBOUNCE)  # a newer keystroke cancels this worker first
        query = text.strip()
        if not query:
            self.set_view(self.view.searched("", None))
            return
        try:
            found = await asyncio.to_thread(self.newsread_app.library.search_ids, query, limit=SEARCH_LIMIT)
        except LibraryError as exc:
            self.library_failed(exc)
            return
        self.set_view(self.view.searched(query, found))

    # -- filters ---------------------------------------------------------------------------------
    def action_filter_speaker(self) -> None:
        speakers = self.read_library(self.newsread_app.library.speakers)
        if speakers is not None:
            self._pick("Articles quoting…", speaker_rows(speakers), "quote", "No speakers", self._filter("speaker"))

    def action_filter_organisation(self) -> None:
        orgs = self.read_library(self.newsread_app.library.organisations)
        if orgs is not None:
            rows = organisation_rows(orgs)
            self._pick("Articles naming…", rows, "article", "No organisations", self._filter("organisation"))

    def action_filter_feed(self) -> None:
        feeds = self.read_library(Feeds(self.newsread_app.library).all)
        if feeds is None:
            return
        ids = {f.name: f.id for f in feeds}
        rows, none = feed_rows(feeds), "No feeds (newsread feeds add URL)"
        of_feed = self._show(lambda name: self.view.of_feed(ids[name], name))
        self._pick("Articles of the feed…", rows, "unread article", none, of_feed)

    def action_person_page(self) -> None:
        """The source desk's page of a person or organisation chosen from the library's speakers."""
        from ...core.store.people import PAGE_KINDS
        from ..screens.person_page import open_person_page

        library = self.newsread_app.library
        speakers = self.read_library(library.speakers)
        if speakers is None:
            return
        pages = [s for s in speakers if kind_of(s.kind) in PAGE_KINDS]
        kinds = {s.name: s.kind for s in pages}
        self._pick(
            "Page of…",
            speaker_rows(pages),
            "quote",
            "No people or organisations",
            lambda name: open_person_page(self, library, name, kinds[name]),
        )

    def _filter(self, kind: FilterKind) -> Callable[[str], None]:
        return self._show(lambda name: self.view.filtered_by(kind, name))

    def _show(self, view_of: Callable[[str], LibraryView]) -> Callable[[str], None]:
        """What a filter's picker does with the name chosen: show the view it gives."""
        return lambda name: self.set_view(view_of(name))

    def _pick(
        self, title: str, rows: list[PickerRow], count_label: str, none: str, then: Callable[[str], object]
    ) -> None:
        """The picker of ``rows``; ``then`` is called with the name chosen (a filter sets the view)."""
        from ..screens.picker import PickerEntry, PickerScreen

        if not rows:
            self.notify(f"{none} in the library yet.", severity="warning")
            return

        def chosen(name: str | None) -> None:
            if name:
                then(name)

        expect_typing(self)  # keys typed meanwhile are for its text box
        entries = [PickerEntry(r.name, r.count, r.detail, r.aliases, group=r.group, reported=r.reported) for r in rows]
        self.app.push_screen(PickerScreen(title, entries, count_label=count_label), chosen)

    def action_toggle_unread(self) -> None:
        self.set_view(self.state.toggled("unread_only"))

    def action_toggle_bookmarked(self) -> None:
        self.set_view(self.state.toggled("bookmarked_only"))

    def action_clear_filters(self) -> None:
        box = self.query_one_optional("#library-search", Input)  # None before it is mounted
        focused, text = (box.has_focus, box.value) if box is not None else (False, "")
        steps = self.state.escape_clears(box_focused=focused, box_text=text)
        if "search" in steps and box is not None:
            self.workers.cancel_group(self, "library-search")
            box.value = ""
            box.add_class("-hidden")
            self.table.focus()
        if "filters" in steps:
            self.set_view(self.view.cleared())

    def action_cycle_sort(self) -> None:
        self.set_view(self.state.next_sort())

    def action_reverse_sort(self) -> None:
        self.set_view(self.state.reversed())

    @on(ArticleTable.HeaderSelected, "#library-table")
    def _header_selected(self, event: ArticleTable.HeaderSelected) -> None:
        view = self.state.header_clicked(event.column)
        if view is not None:
            self.set_view(view)

    # -- changing articles -----------------------------------------------------------------------
    def action_toggle_bookmark(self) -> None:
        article_id = self.table.current_id
        if article_id is None:
            return
        lib = self.newsread_app.library
        row = self.read_library(lib.article, article_id)
        if row is None:
            return
        try:
            lib.set_bookmark(article_id, not row.bookmarked)
        except LibraryError as exc:
            self.write_failed(exc, "Bookmark not changed")
            return
        row.bookmarked = not row.bookmarked
        if self.state.reload_after_bookmark(row.bookmarked):
            self.reload()
        else:
            self.table.update_article(row)

    def action_add(self) -> None:
        from ..screens.add_source import AddSourceScreen

        app = self.newsread_app
        expect_typing(self)  # keys typed meanwhile are for its text box
        self.app.push_screen(AddSourceScreen(app.library.path, model=app.model, argv=app.add_argv), self._added)

    def _added(self, summary) -> None:
        if summary is None:
            return
        keep = summary.ids[0] if summary.ids else None
        self.reload(keep_id=keep)
        if summary.ok:
            self.notify(summary.describe().capitalize(), title="Import finished")
        else:
            self.notify(summary.describe().capitalize(), title="Import had problems", severity="warning")

    # -- tidying and feeds (``tidying.py``) ---------------------------------------------------------
    def action_delete_article(self) -> None:
        tidying.delete_article(self)

    def action_toggle_read(self) -> None:
        tidying.toggle_read(self)

    def action_mark_all_read(self) -> None:
        tidying.mark_all_read(self)

    def action_copy_url(self) -> None:
        tidying.copy_url(self)

    @work(thread=True, group="browser")
    def action_open_browser(self) -> None:
        tidying.open_in_browser(self)  # in a thread: a browser may take its time

    @property
    def refresh_progress(self) -> RefreshProgress:
        """The refresh's progress under the list (hidden but while ``R`` runs and a moment after)."""
        from ..widgets.refresh_progress import RefreshProgress

        return self.query_one("#library-refresh", RefreshProgress)

    async def action_refresh_feeds(self) -> None:
        await self._later_mounted()
        tidying.refresh_feeds(self)

    def on_import_progress_finished(self, event: ImportProgress.Finished) -> None:
        if event.progress is self.refresh_progress:
            event.stop()
            tidying.refreshed(self, event.summary)

    async def action_quit(self) -> None:
        await self.app.action_quit()  # the app's quit: it keeps unsaved text first
