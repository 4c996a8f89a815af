"""A person's (or organisation's) page: every statement by them across the library, newest first.

``PersonPageScreen(library, identity_id)``; ``open_person_page(screen, name, kind)`` finds the
identity a name stands for and pushes its page, or says why there is none (anonymous sources and
documents are descriptions, not people). ``/`` keeps the statements with some words (as you type),
``r`` cycles all → quotes only → reported only, ``enter`` opens the article at the statement,
``escape`` clears a filter or goes back. ``M`` merges another identity into this one (a picker of
the people or organisations whose name starts with what is typed, ``MergePickerScreen``, then a
confirmation); ``U`` undoes the merges into it (asks first). The rules are ``tui/desk.py``'s
``PersonPageModel``; merges are ``core.store.merges``'.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from ...core.errors import NewsreadError
from ...core.store.library import Library
from ...core.store.merges import Merge, merge_ids, merged_into_page, undo
from ...core.store.people import PAGE_KINDS, NoPage, find_identity, pages_named_like
from ..desk import PersonPageModel
from ..safe_text import one_line
from ..typeahead import expect_typing
from ..widgets.desk_lists import MORE, StatementList
from ..widgets.item_list import ItemList
from ..widgets.key_footer import KeyFooter
from .confirm import ConfirmScreen
from .desk_screen import DeskScreen
from .picker import PickerEntry, PickerScreen

if TYPE_CHECKING:
    from ..app import NewsreadApp


def no_page_reason(name: str | None, kind: str | None) -> str | None:
    """Why a speaker of ``kind`` has no page (None when it may have one)."""
    if name is None or kind == "unattributed":
        return "This quote has no speaker: there is no page to open."
    if kind is not None and kind not in PAGE_KINDS:
        return "Anonymous sources and documents are descriptions, not people: they have no page."
    return None


def open_person_page(screen: Screen, library: Library, name: str | None, kind: str | None = None) -> bool:
    """Push the page of the person or organisation ``name`` stands for; or say in a notification
    why there is none. Whether a page was opened."""
    reason = no_page_reason(name, kind)
    if reason is None and name is not None:
        try:
            ident = find_identity(library, name, kind)
        except NoPage as exc:
            reason = exc.message[:1].upper() + exc.message[1:] + "."
        except NewsreadError as exc:
            reason = str(exc)
        else:
            screen.app.push_screen(PersonPageScreen(library, ident.id))
            return True
    screen.notify(reason or "No page.", title="No page", severity="warning", markup=False)
    return False


class PersonPageScreen(DeskScreen):
    """One identity's page. Push it with ``PersonPageScreen(library, identity_id)``."""

    HELP_GROUP = "Person's page"
    HELP_TITLE = "Person's page"
    AUTO_FOCUS = "#person-statements"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Filter", key_display="/", id="person.search", tooltip="Keep statements with words"),
        Binding("r", "cycle_kind", "Kind", id="person.kind", tooltip="All statements, quotes only or reported only"),
        Binding("M", "merge", "Merge", id="person.merge", tooltip="Merge another person or organisation in here"),
        Binding("U", "unmerge", "Unmerge", id="person.unmerge", tooltip="Undo the merges into this page"),
        Binding("escape", "escape", "Clear/back", id="person.escape", tooltip="Clear a filter, or go back"),
        Binding("q", "back", "Back", id="person.back", tooltip="Back"),
    ]

    def __init__(self, library: Library, identity_id: int, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self.model = PersonPageModel(library, identity_id)

    @property
    def statements(self) -> StatementList:
        return self.query_one("#person-statements", StatementList)

    def compose(self) -> ComposeResult:
        try:
            self.model.load()
            header = self._header()
        except NewsreadError as exc:  # gone since it was chosen (merged, deleted), or unreadable
            header = Content(str(exc))
        yield Static(header, id="person-header")
        yield StatementList(id="person-statements")
        yield Static(id="person-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()

    def _header(self) -> Content:
        model = self.model
        parts: list[str | tuple[str, str]] = [(model.title(), "bold"), "\n", model.summary()]
        for line in model.role_lines():
            parts += ["\n", (line, "italic")]
        return Content.assemble(*parts)

    def _change(self, change: Callable[[], object]) -> None:
        """Apply a change of the model that reads the library, then show the page; a library that
        cannot be read says so in a notification and the page stays as it was."""
        try:
            change()
        except NewsreadError as exc:
            self.notify(str(exc), title="Page not read", severity="error", markup=False)
            return
        self._show()

    def _show(self) -> None:
        model = self.model
        empty = "No statement matches — escape clears the filter" if model.escape_clears() else "No statements"
        self.statements.show(model.rows, more=model.more, empty=empty)
        self.query_one("#person-status", Static).update(Content(model.status()))

    # -- filters -----------------------------------------------------------------------------------
    def _search_box(self) -> Input | None:
        return next(self.query("#person-search").results(Input), None)

    def action_search(self) -> None:
        expect_typing(self)
        box = self._search_box()
        if box is None:
            box = Input(placeholder="Statements with the words…", id="person-search")
            self.mount(box, before=self.statements)
        box.display = True
        box.value = self.model.text or ""
        box.focus()

    @on(Input.Changed, "#person-search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._change(lambda: self.model.set_text(event.value))

    @on(Input.Submitted, "#person-search")
    def _searched(self, event: Input.Submitted) -> None:
        event.stop()
        event.input.display = self.model.text is not None
        self.statements.focus()

    def on_key(self, event: events.Key) -> None:
        """Escape in the search box closes it (the filter stays on)."""
        box = self._search_box()
        if event.key == "escape" and box is not None and box.has_focus:
            event.stop()
            event.prevent_default()
            box.display = self.model.text is not None
            self.statements.focus()

    def action_cycle_kind(self) -> None:
        self._change(self.model.cycle_kind)

    def action_escape(self) -> None:
        clears = self.model.escape_clears()
        if clears is None:
            self.action_back()
            return
        box = self._search_box()
        if clears == "text" and box is not None:
            with box.prevent(Input.Changed):
                box.value = ""
            box.display = False
        self._change(lambda: self.model.clear(clears))

    # -- merges ------------------------------------------------------------------------------------
    def action_merge(self) -> None:
        page = self.model.page
        if page is None:
            return
        picker = MergePickerScreen(self.model.library, page.identity_id, page.name, page.kind)
        self.app.push_screen(picker, lambda chosen: self._picked(chosen, picker))

    def _picked(self, chosen: str | None, picker: MergePickerScreen) -> None:
        page = self.model.page
        if chosen is None or page is None or chosen not in picker.found:
            return
        identity_id = picker.found[chosen]
        question = f"Merge {one_line(chosen)} into {one_line(page.name)}? (U on this page takes it back)"
        self.app.push_screen(ConfirmScreen(question, yes="Merge"), lambda yes: self._merge(yes, identity_id))

    def _merge(self, yes: bool | None, identity_id: int) -> None:
        page = self.model.page
        if not yes or page is None:
            return
        try:
            done = merge_ids(self.model.library, identity_id, page.identity_id)
        except NewsreadError as exc:
            self.notify(str(exc), title="Not merged", severity="warning", markup=False)
            return
        self._reload()
        self.notify(f"{one_line(done.name)} merged into {one_line(done.into_name)}", title="Merged", markup=False)

    def action_unmerge(self) -> None:
        page = self.model.page
        if page is None:
            return
        try:
            found = merged_into_page(self.model.library, page.identity_id)
        except NewsreadError as exc:
            self.notify(str(exc), title="Page not read", severity="error", markup=False)
            return
        if not found:
            self.notify("Nobody was merged into this page.", title="No merge", severity="warning", markup=False)
            return
        names = ", ".join(one_line(m.name) for m in found)
        question = f"Undo the merges into {one_line(page.name)} ({names})?"
        self.app.push_screen(ConfirmScreen(question, yes="Undo"), lambda yes: self._unmerge(yes, found))

    def _unmerge(self, yes: bool | None, found: list[Merge]) -> None:
        if not yes:
            return
        try:
            undo(self.model.library, found)
        except NewsreadError as exc:
            self.notify(str(exc), title="Not undone", severity="error", markup=False)
            return
        self._reload()
        self.notify(", ".join(one_line(m.name) for m in found) + " apart again", title="Unmerged", markup=False)

    def _reload(self) -> None:
        """Read the page again (after a merge) and show its header and statements."""
        try:
            self.model.load()
        except NewsreadError as exc:
            self.notify(str(exc), title="Page not read", severity="error", markup=False)
            return
        self.query_one("#person-header", Static).update(self._header())
        self._show()

    # -- rows --------------------------------------------------------------------------------------
    @on(ItemList.ItemChosen, "#person-statements")
    def _chosen(self, event: ItemList.ItemChosen) -> None:
        if not event.activated:
            return
        item = event.item
        if item.kind == MORE:
            self._change(self.model.load_more)
            return
        if item.kind != "statement":
            return
        statement = self.model.rows[item.index]
        reader = cast("NewsreadApp", self.app).open_reader(statement.article_id)
        reader.call_after_refresh(reader.show_quote_at, statement.start, statement.end)


class MergePickerScreen(PickerScreen):
    """Whom to merge into a page: the people (or organisations, as the page) whose name, alias or
    surname starts with what is typed (``people.pages_named_like``: index searches, so it answers
    as you type on any library), but the page's own; dismissed with the name, whose identity is
    ``found[name]`` (one identity per name and kind)."""

    def __init__(self, library: Library, identity_id: int, name: str, kind: str) -> None:
        super().__init__(f"Merge into {one_line(name)}: whom? (type a name)", [], count_label="quote")
        self.library = library
        self.identity_id = identity_id
        self.kind = kind
        self.found: dict[str, int] = {}

    def _refill(self, query: str) -> None:
        try:
            found = pages_named_like(self.library, query) if query.strip() else []
        except NewsreadError:
            found = []
        self.found = {i.name: i.id for i in found if i.kind == self.kind and i.id != self.identity_id}
        self.entries = [PickerEntry(name=name, count=0, detail=self.kind) for name in self.found]
        super()._refill("")

    def _prompt(self, entry: PickerEntry) -> Content:
        return Content.assemble((one_line(entry.name), "bold"), (f" · {entry.detail}", "italic"))
