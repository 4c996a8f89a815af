"""The Line API widgets (ItemList, ArticleTable, ArticleView), the collector policy and warm-up, and
the reader's first frame, each in a real Textual app under Pilot."""

from __future__ import annotations

import gc
import inspect
import re
import subprocess
import sys
from dataclasses import replace

import pytest
import textual
from newsread.core.store.library import Library
from newsread.core.store.records import ArticleRow
from newsread.tui.app import NewsreadApp
from newsread.tui.library.screen import LibraryScreen
from newsread.tui.reader.header import ReaderHeader
from newsread.tui.widgets.article_table import ArticleTable
from newsread.tui.widgets.article_view import ArticleView
from newsread.tui.widgets.item_list import Entry, Item, ItemList
from newsread.tui.widgets.side_pane import PaneTabs
from rich.segment import Segment
from support import frames
from support.frames import TEXTUAL_CHECKED, KeepsFirstFrame, frame_text
from support.reader import ReaderTestApp
from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip

pytestmark = pytest.mark.anyio


# -- ItemList -------------------------------------------------------------------------------------


class ListApp(App[None]):
    def __init__(self, entries: list[Entry]) -> None:
        super().__init__()
        self.entries = entries
        self.chosen: list[tuple[str, int, bool]] = []

    def compose(self) -> ComposeResult:
        yield ItemList(id="list")

    def on_mount(self) -> None:
        self.query_one(ItemList).set_entries(self.entries)
        self.query_one(ItemList).focus()

    def on_item_list_item_chosen(self, event: ItemList.ItemChosen) -> None:
        self.chosen.append((event.item.kind, event.item.index, event.activated))


def entries(count: int, *, disabled: tuple[int, ...] = ()) -> list[Entry]:
    return [
        Entry(Item("quote", i, i * 10, i * 10 + 5), Content(f"entry {i} " + "word " * 12), enabled=i not in disabled)
        for i in range(count)
    ]


async def test_item_list_moves_over_disabled_entries_and_posts_choices() -> None:
    app = ListApp(entries(5, disabled=(1,)))
    async with app.run_test(size=(40, 20)) as pilot:
        items = app.query_one(ItemList)
        await pilot.press("j")  # nothing highlighted yet: the first enabled entry
        assert items.highlighted == 0
        await pilot.press("j")  # entry 1 is disabled (a heading)
        assert items.highlighted == 2
        await pilot.press("k")
        assert items.highlighted == 0
        await pilot.press("G", "enter")
        await pilot.pause()
        assert items.highlighted == 4
        assert app.chosen[-1] == ("quote", 4, True)
        assert ("quote", 2, False) in app.chosen  # moving while focused points the article there


async def test_item_list_wraps_prompts_and_keeps_the_highlight_in_view() -> None:
    app = ListApp(entries(30))
    async with app.run_test(size=(40, 12)) as pilot:
        items = app.query_one(ItemList)
        await pilot.pause()
        # every prompt wraps to two lines at this width, plus a rule between entries
        assert items.virtual_size.height == 30 * 2 + 29
        await pilot.press("j", "pagedown")
        assert items.highlighted is not None and items.highlighted > 2
        highlighted = items.highlighted
        first = 3 * highlighted  # two lines per entry, a rule between entries
        top = round(items.scroll_y)
        height = items.scrollable_content_region.height
        assert top <= first and first + 1 < top + height
        assert any(f"entry {highlighted} " in items.render_line(y).text for y in range(height))
        await pilot.press("G")
        assert round(items.scroll_y) == items.max_scroll_y


async def test_item_list_click_chooses_an_entry() -> None:
    app = ListApp(entries(3))
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.click(ItemList, offset=(5, 3))  # lines 0-1 entry 0, 2 a rule, 3-4 entry 1
        await pilot.pause()
        assert app.chosen == [("quote", 1, True)]
        assert app.query_one(ItemList).highlighted == 1


# -- ArticleTable ---------------------------------------------------------------------------------


def article(i: int, title: str, *, read: bool = False) -> ArticleRow:
    return ArticleRow(
        id=i,
        title=title,
        url=None,
        source=None,
        site="example.org",
        byline=None,
        published=f"2024-10-{i:02d}",
        added="2024-10-24",
        read=read,
        bookmarked=False,
        quote_count=i,
        note_count=0,
    )


class TableApp(App[None]):
    def __init__(self, rows: list[ArticleRow]) -> None:
        super().__init__()
        self.rows = rows
        self.opened: list[int] = []
        self.headers: list[str] = []

    def compose(self) -> ComposeResult:
        yield ArticleTable(id="table")

    def on_mount(self) -> None:
        self.query_one(ArticleTable).set_articles(self.rows)
        self.query_one(ArticleTable).focus()

    def on_article_table_row_selected(self, event: ArticleTable.RowSelected) -> None:
        self.opened.append(event.article_id)

    def on_article_table_header_selected(self, event: ArticleTable.HeaderSelected) -> None:
        self.headers.append(event.column)


async def test_article_table_draws_only_what_fits_and_gives_the_title_way() -> None:
    rows = [article(i, f"A rather long headline about the talks, number {i} " + "x" * 30) for i in range(1, 21)]
    app = TableApp(rows)
    async with app.run_test(size=(70, 10)) as pilot:
        await pilot.pause()
        table = app.query_one(ArticleTable)
        width = table.scrollable_content_region.width
        assert table.column_span("notes")[1] <= width  # every column fits: the title column shrank
        await pilot.press("G")
        assert table.current_id == 20
        assert round(table.scroll_y) == table.max_scroll_y
        await pilot.press("pageup")
        assert table.cursor_row == 20 - 1 - (table.scrollable_content_region.height - 1)
        await pilot.press("enter")
        await pilot.pause()
        assert app.opened == [table.current_id]


async def test_article_table_clicks_open_rows_and_sort_columns() -> None:
    app = TableApp([article(i, f"Story {i}", read=i == 2) for i in range(1, 4)])
    async with app.run_test(size=(100, 10)) as pilot:
        table = app.query_one(ArticleTable)
        await pilot.click(ArticleTable, offset=(5, 2))  # header on line 0, the second row on line 2
        await pilot.pause()
        assert app.opened == [2] and table.cursor_row == 1
        await pilot.click(ArticleTable, offset=(table.column_span("quotes")[0] + 1, 0))
        await pilot.pause()
        assert app.headers == ["quotes"]
        assert table.cells_at(0)[0].startswith("●") and not table.cells_at(1)[0].startswith("●")
        table.update_article(replace(table.articles[0], bookmarked=True))
        assert table.cells_at(0)[0] == "●★"


# -- the reader's first frame ---------------------------------------------------------------------


class FirstFrameApp(KeepsFirstFrame, ReaderTestApp):
    """Keeps the first full frame painted after the reader is pushed."""


async def test_the_readers_first_frame_is_complete(hand_library: Library) -> None:
    """The article and the side pane wrap during the layout that sizes them, so the first frame
    already shows the text, the quotes and the list's scrollbar (on Resize, it showed a blank article)."""
    app = FirstFrameApp(hand_library, 1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        frame = app.first_frame
        assert frame is not None
        assert "Secretary of State Antony Blinken left Israel this week" in frame
        assert "“It is now clear to everyone, in Israel and in" in frame  # the first quote in the pane
        assert "Quotes  Figures  People & orgs  Notes" in frame


def test_the_first_frame_hook_still_sees_textuals_frames() -> None:
    """``support.frames`` overrides ``App._display(screen, renderable)``, which the top screen calls
    with what its compositor renders, and reads a full frame's ``LayoutUpdate.strips`` (private API,
    checked against ``TEXTUAL_CHECKED``: read the new code and raise it when this fails)."""
    installed = tuple(int(n) for n in re.findall(r"\d+", textual.__version__)[:3])
    assert installed >= tuple(int(n) for n in TEXTUAL_CHECKED.split(".")), (
        f"Textual {textual.__version__} is older than {TEXTUAL_CHECKED}, the version support.frames was checked against"
    )
    empty = inspect.Parameter.empty
    signature = [(p.name, p.default) for p in inspect.signature(App._display).parameters.values()]
    assert signature == [("self", empty), ("screen", empty), ("renderable", empty)], (
        f"App._display changed in Textual {textual.__version__} (checked: {TEXTUAL_CHECKED})"
    )
    assert "app._display(self, update)" in inspect.getsource(Screen._compositor_refresh)
    assert list(inspect.signature(frames.LayoutUpdate).parameters) == ["strips", "region"]
    frame = frames.LayoutUpdate([[Strip([Segment("ab"), Segment("c")])], [Strip([Segment("d")])]], Region(0, 0, 3, 2))
    assert frame_text(frame) == "abc\nd"
    assert frame_text("a partial update") is None


# -- the garbage collector ------------------------------------------------------------------------


async def test_once_loaded_reader_styles_ready_heap_frozen_and_thawed_at_exit(seed_library) -> None:
    lib = Library.open(seed_library)
    app = NewsreadApp(lib, first_run_import=False)
    try:
        async with app.run_test(size=(100, 20)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
            assert gc.get_freeze_count() > 0 and gc.isenabled()
            # the reader's styles were registered while the library was idle, by widgets now gone
            for cls in (ArticleView, ItemList, ReaderHeader, PaneTabs):
                assert app.stylesheet.has_source(inspect.getfile(cls), f"{cls.__name__}.DEFAULT_CSS")
            assert not app.screen.query(ArticleView)
            reader = app.open_reader(1)  # holds the collector off until the article is drawn
            assert not gc.isenabled()
            await pilot.pause()
            assert app.screen is reader and reader.query_one(ArticleView).lines
            reader.dismiss()
            await pilot.pause()
            app.speed.pause(0.2)  # an opening's pause, shortened for the test
            await pilot.pause(0.1)
            app.speed.pause(0.2)  # a second opening within it extends it
            await pilot.pause(0.15)
            assert not gc.isenabled()
            await pilot.pause(0.15)
            assert gc.isenabled()
        assert gc.get_freeze_count() == 0  # the app's end unfreezes what it froze
    finally:
        lib.close()


def test_the_collector_policy_loads_before_textual() -> None:
    """``launch`` turns collection off before Textual is imported: the module that does it must not
    import Textual itself."""
    code = "import sys, newsread.tui.speed; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "False"


# -- PaneTabs -------------------------------------------------------------------------------------


class TabsApp(App[None]):
    def compose(self) -> ComposeResult:
        tabs = [("quotes", "Quotes"), ("figures", "Figures"), ("people", "People & orgs"), ("notes", "Notes")]
        yield PaneTabs(tabs, active="quotes")


@pytest.mark.parametrize(("width", "shown"), [(60, "People & orgs"), (34, "People  Notes")])
async def test_pane_tabs_shorten_labels_that_do_not_fit(width: int, shown: str) -> None:
    app = TabsApp()
    async with app.run_test(size=(width, 4)) as pilot:
        tabs = app.query_one(PaneTabs)
        line = tabs.render_line(0).text
        assert shown in line and "Notes" in line
        notes_x = line.index("Notes")
        await pilot.click(PaneTabs, offset=(notes_x, 0))
        assert tabs.active == "notes"


async def test_article_table_shows_escape_sequences_in_titles_inertly() -> None:
    app = TableApp([replace(article(1, "Red \x1b[31malert\x1b[0m\nnow"), site="evil\x07.example")])
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        table = app.query_one(ArticleTable)
        assert table.cells_at(0)[1] == "Red ␛[31malert␛[0m now"
        assert table.cells_at(0)[2] == "evil␇.example"
        assert "\x1b" not in table.render_line(1).text


async def test_the_entry_and_row_under_the_mouse_are_marked() -> None:
    app = ListApp(entries(3))
    async with app.run_test(size=(40, 20)) as pilot:
        items = app.query_one(ItemList)
        plain = items.render_line(3)
        await pilot.hover(ItemList, offset=(5, 3))  # entry 1
        hovered = items.render_line(3)
        assert hovered.text == plain.text
        assert next(iter(hovered)).style != next(iter(plain)).style
        await pilot.hover(ItemList, offset=(5, 2))  # the rule between entries 0 and 1: no entry marked
        assert next(iter(items.render_line(3))).style == next(iter(plain)).style
    table_app = TableApp([article(i, f"Story {i}") for i in range(1, 4)])
    async with table_app.run_test(size=(100, 10)) as pilot:
        table = table_app.query_one(ArticleTable)
        plain = table.render_line(3)
        second_plain = table.render_line(2)
        await pilot.hover(ArticleTable, offset=(5, 3))  # the third row
        assert next(iter(table.render_line(3))).style != next(iter(plain)).style
        assert next(iter(table.render_line(2))).style == next(iter(second_plain)).style


async def test_article_table_draws_the_new_rows_after_set_articles() -> None:
    """Rows whose columns fit the same widths as the old ones are still drawn afresh."""
    app = TableApp([replace(article(i, f"Old {i}"), site=None) for i in range(1, 4)])
    async with app.run_test(size=(100, 10)) as pilot:
        table = app.query_one(ArticleTable)
        await pilot.pause()
        assert "Old 1" in table.render_line(1).text
        table.set_articles([replace(article(i, f"New {i}"), site=None) for i in range(1, 4)])
        await pilot.pause()
        assert "New 1" in table.render_line(1).text


# -- ArticleView ----------------------------------------------------------------------------------


class ViewApp(App[None]):
    TEXT = "\n".join(f"Sentence number {i} is here. It has a second part." for i in range(80))

    def compose(self) -> ComposeResult:
        yield ArticleView(self.TEXT)

    def on_mount(self) -> None:
        self.query_one(ArticleView).focus()


async def test_show_range_marks_scrolls_to_and_puts_the_cursor_on_a_range() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        start = app.TEXT.index("Sentence number 50")
        end = start + len("Sentence number 50 is here.")
        view.show_range(start, end)
        await pilot.pause()
        first, last = view.visible_range()
        assert first <= start <= last
        layer = view.get_layer("focus")
        assert (layer.starts, layer.ends) == ([start], [end])
        assert view.cursor == start
        cursor = view.get_layer("cursor")
        assert (cursor.starts, cursor.ends) == ([start], [end])  # the sentence at the cursor
        top = view.scroll_y
        other = app.TEXT.index("Sentence number 51")
        view.show_range(other, other + 5, mark=False, center=False)  # already on screen: no scroll
        await pilot.pause()
        assert view.scroll_y == top
        assert (view.get_layer("focus").starts, view.cursor) == ([start], other)
        view.show_range(0, 5, scroll=False)
        await pilot.pause()
        assert view.scroll_y == top and view.cursor == 0 and view.get_layer("focus").starts == [0]
