"""The library's list of articles: a header line over one line per article, drawn on demand.

A Line API widget (``LineView``) rather than ``DataTable``: the table renders only the lines on
screen, from rows it asks of a ``RowPages`` by position; the library screen's pages are read from
the store as they are drawn, so a view of 100,000 articles holds their ids and a few pages of rows,
not a row object per article (``benchmarks/README.md`` has the numbers). Columns are fitted to the
rows drawn so far: they widen when a longer site or count scrolls into view.

``enter`` or a click posts ``RowSelected``; a click on a column label posts ``HeaderSelected``.
Column fitting, drawing and the cursor share the rows and the widths fitted to the view, which is
why they stay in one module a little over 400 lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, ClassVar, cast

from newsread.core.store.records import ArticleRow
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from ..library.model import COLUMNS
from ..library.row_pages import RowPages
from ..safe_text import one_line

if TYPE_CHECKING:
    from ..library.screen import LibraryScreen
from .hover import HoverRow
from .line_api import LineView

SHOWN_WHEN_SORTED = {"added"}  # a column drawn only while the list is sorted by it
TITLE_WIDTH = 72  # a title longer than this is measured as this long: the title column's natural width
SITE_WIDTH = 48  # a longer site name is measured as this long
RIGHT_ALIGNED = {"quotes", "notes"}
MIN_WIDTH = {"marks": 2, "title": 12, "published": 10, "added": 10}
SHRINKS = {"site"}  # a text column that gives way to the title when space is short
CELLS_KEPT = 2000  # rows whose cell texts are kept, by position (the strips are kept apart)


def title_of(row: ArticleRow) -> str:
    """The whole title, on one line (the column cuts it to its width, with an ellipsis)."""
    return one_line(row.title or row.source or row.url or f"article {row.id}")


def row_cells(row: ArticleRow) -> tuple[str, ...]:
    """The text of each column of ``COLUMNS`` (the library model's), in order (marks: ● unread, ★ bookmarked)."""
    return (
        ("●" if not row.read else " ") + ("★" if row.bookmarked else " "),
        title_of(row),
        one_line(row.site),
        (row.published or "")[:10] or "—",
        (row.added or "")[:10] or "—",
        str(row.quote_count),
        str(row.note_count) if row.note_count else "",
    )


@dataclass(slots=True)
class Column:
    key: str
    label: str
    width: int  # cells of content, without the one-cell padding either side
    index: int  # of its text in ``row_cells``


class ArticleTable(HoverRow, LineView, can_focus=True):
    """Articles, newest first unless sorted otherwise; enter opens, b bookmarks."""

    HELP_GROUP = "Article list"
    ALLOW_SELECT = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="library.open", tooltip="Open the article in the reader"),
        Binding("b", "toggle_bookmark", "Bookmark", id="library.bookmark", tooltip="Bookmark the article (toggle)"),
        Binding("j,down", "cursor_down", "Down", show=False, id="library.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="library.up"),
        Binding("g,home", "scroll_top", "First", show=False, id="library.first"),
        Binding("G,end", "scroll_bottom", "Last", show=False, id="library.last"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="library.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="library.page_up"),
    ]

    COMPONENT_CLASSES = {  # noqa: RUF012
        "article-table--header",
        "article-table--cursor",
        "article-table--hover",
        "article-table--even-row",
        "article-table--unread",
        "article-table--bookmark",
    }

    DEFAULT_CSS = """
    ArticleTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        &:focus {
            background-tint: $foreground 5%;
            & > .article-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .article-table--header { background-tint: $foreground 5%; }
        }
        & > .article-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .article-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .article-table--even-row { background: $surface-lighten-1 50%; }
        &:dark > .article-table--even-row { background: $surface-darken-1 40%; }
        & > .article-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .article-table--hover { background: $block-hover-background; }
        & > .article-table--unread { color: $text-primary; text-style: bold; }
        & > .article-table--bookmark { color: $text-warning; text-style: bold; }
    }
    """

    cursor_row: reactive[int] = reactive(0, init=False)

    class RowSelected(Message):
        """``enter`` or a click on an article."""

        def __init__(self, table: ArticleTable, article_id: int) -> None:
            self.table = table
            self.article_id = article_id
            super().__init__()

        @property
        def control(self) -> ArticleTable:
            return self.table

    class HeaderSelected(Message):
        """A click on a column's label."""

        def __init__(self, table: ArticleTable, column: str) -> None:
            self.table = table
            self.column = column
            super().__init__()

        @property
        def control(self) -> ArticleTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles: RowPages = RowPages.of([])
        self._cells: dict[int, tuple[str, ...]] = {}  # of the rows drawn lately, by position
        self.sort_column = "published"
        self.sort_descending = True
        self.columns = self._fresh_columns()
        self._strips: dict[tuple[int, str], Strip] = {}
        self._width = -1
        self._widths: list[int] = []  # what each column gets at the current width

    # -- rows -------------------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self.articles)

    @property
    def current_id(self) -> int | None:
        if not self.articles:
            return None
        return self.articles.ids[min(self.cursor_row, len(self.articles) - 1)]

    def cells_at(self, row: int) -> tuple[str, ...]:
        """The text shown in each column of ``row`` (``columns``: an Added column only while sorted
        by it)."""
        cells = self._row_cells(row)
        return tuple(cells[column.index] for column in self.columns)

    def _row_cells(self, row: int) -> tuple[str, ...]:
        cells = self._cells.get(row)
        if cells is None:
            if len(self._cells) > CELLS_KEPT:
                self._cells.clear()
            cells = self._cells[row] = row_cells(self.articles[row])
        return cells

    def row_of(self, article_id: int) -> int | None:
        return self.articles.index_of(article_id)

    def set_articles(self, rows: Iterable[ArticleRow] | RowPages, *, keep_id: int | None = None) -> None:
        """Show ``rows`` (a ``RowPages``, or rows held whole), the cursor on article ``keep_id`` if
        they hold it, else on the first."""
        self._width = -1  # the rows drawn so far are other articles: refit and redraw
        self.columns = self._fresh_columns()
        self._show_sort_labels()
        self._show(rows if isinstance(rows, RowPages) else RowPages.of(rows))
        row = self.row_of(keep_id) if keep_id is not None else None
        self.move_cursor(row if row is not None else 0)
        self.scroll_to(y=max(0, self.cursor_row - self._page_height() + 1), animate=False)

    def extend_to(self, rows: RowPages) -> None:
        """Show ``rows``, which begin with the rows shown now (the whole view, after its first
        page): the cursor, the scroll and the column widths are kept."""
        self._show(rows)

    def _show(self, rows: RowPages) -> None:
        self.articles = rows
        self._cells = {}
        self._strips.clear()
        self._fit_rows(range(min(len(rows), max(self._page_height(), 1))))
        self.set_virtual_size(Size(self._table_width(), len(rows) + 1))
        self.refresh()

    def _fit_rows(self, rows: Iterable[int]) -> None:
        """Widen the columns to fit the cells of ``rows`` (positions); refit when one grew."""
        widths = [c.width for c in self.columns]
        for row in rows:
            self._grow(widths, self._row_cells(row))
        if widths != [c.width for c in self.columns]:
            for column, width in zip(self.columns, widths, strict=True):
                column.width = width
            self._width = -1  # refit at the next render
            self.virtual_size = Size(self._table_width(), len(self.articles) + 1)

    def _grow(self, widths: list[int], cells: tuple[str, ...]) -> None:
        """Widen ``widths`` (one per shown column) to fit one row's ``cells``."""
        for k, column in enumerate(self.columns):
            text = cells[column.index]
            if column.key in ("title", "site"):  # measure; the others have fixed-width content
                limit = TITLE_WIDTH if column.key == "title" else SITE_WIDTH
                widths[k] = max(widths[k], min(cell_len(text), limit))
            elif column.key != "marks":
                widths[k] = max(widths[k], len(text))

    def update_article(self, row: ArticleRow) -> None:
        index = self.articles.replace(row)
        if index is None:
            return
        self._cells.pop(index, None)
        for state in ("", "cursor", "hover"):
            self._strips.pop((index, state), None)
        self.refresh()

    def show_sort(self, column: str, descending: bool) -> None:
        """Mark the sorted column in the header (and show it, if it is shown only when sorted)."""
        shown_before = [c.key for c in self.columns]
        self.sort_column, self.sort_descending = column, descending
        if [c.key for c in self._fresh_columns()] != shown_before:
            self.columns = self._fresh_columns()
            self._fit_rows(list(self._cells))
            self.virtual_size = Size(self._table_width(), len(self.articles) + 1)
        self._show_sort_labels()
        self._width = -1
        self.refresh()

    def _show_sort_labels(self) -> None:
        for column in self.columns:
            label = COLUMNS[column.key]
            if column.key == self.sort_column:
                label = f"{label} {'▼' if self.sort_descending else '▲'}"
            column.label = label
            column.width = max(column.width, cell_len(label))

    # -- geometry ---------------------------------------------------------------------------------
    def _fresh_columns(self) -> list[Column]:
        return [
            Column(key, label, max(cell_len(label), MIN_WIDTH.get(key, 0)), index)
            for index, (key, label) in enumerate(COLUMNS.items())
            if key not in SHOWN_WHEN_SORTED or key == self.sort_column
        ]

    def _table_width(self) -> int:
        return sum(c.width + 2 for c in self.columns)

    def _fit(self, width: int) -> None:
        """Column widths for a view ``width`` cells wide. The title takes what the other columns
        leave: it grows to fill a wide view, and when space is short the site gives way first
        (down to a quarter of the text columns' room, or its label), then the title."""
        self._width = width
        self._strips.clear()
        widths = [c.width for c in self.columns]
        keys = [c.key for c in self.columns]
        title = keys.index("title")
        fixed = sum(w + 2 for k, w in zip(keys, widths, strict=True) if k != "title" and k not in SHRINKS)
        room = width - fixed - 2  # for the title and the columns that shrink, less the title's padding
        for i, key in enumerate(keys):
            if key in SHRINKS:
                floor = max(cell_len(self.columns[i].label), room // 4)
                widths[i] = min(widths[i], max(floor, room - widths[title] - 2))
                room -= widths[i] + 2
        widths[title] = max(MIN_WIDTH["title"], room)
        self._widths = widths

    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # less the header

    def column_span(self, key: str) -> tuple[int, int]:
        """Cells (start, end) that column ``key`` takes on a line, padding included."""
        x = 0
        for column, width in zip(self.columns, self._widths, strict=True):
            if column.key == key:
                return x, x + width + 2
            x += width + 2
        raise KeyError(key)

    # -- rendering --------------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        # The rows about to be drawn widen the columns first, so every line of a frame has the
        # same widths.
        top = round(self.scroll_y)
        self._fit_rows(islice(range(top, len(self.articles)), self.scrollable_content_region.height))
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._fit(width)
        if y == 0:
            return self._header_strip(width)
        index = round(self.scroll_y) + y - 1
        if index >= len(self.articles):
            return Strip.blank(width, self.visual_style.rich_style)
        state = "cursor" if index == self.cursor_row else "hover" if index == self._hover else ""
        strip = self._strips.get((index, state))
        if strip is None:
            strip = self._row_strip(index, state)
            if len(self._strips) > 1000:
                self._strips.clear()
            self._strips[(index, state)] = strip
        return strip.crop_extend(0, width, self._row_style(index, state))

    def _row_style(self, index: int, state: str) -> Style:
        if state:
            return self.get_visual_style(f"article-table--{state}").rich_style
        if index % 2:
            return self.get_visual_style("article-table--even-row").rich_style
        return self.visual_style.rich_style

    def _header_strip(self, width: int) -> Strip:
        style = self.get_visual_style("article-table--header").rich_style
        segments = [
            Segment(self._pad(c.label, w, c.key in RIGHT_ALIGNED), style)
            for c, w in zip(self.columns, self._widths, strict=True)
        ]
        return Strip(segments).crop_extend(0, width, style)

    def _row_strip(self, index: int, state: str) -> Strip:
        base = self._row_style(index, state)
        row = self.articles[index]
        cells = self._row_cells(index)
        segments: list[Segment] = []
        for column, width in zip(self.columns, self._widths, strict=True):
            text = cells[column.index]
            if column.key == "marks":
                unread = self.get_component_rich_style("article-table--unread", partial=True)
                bookmark = self.get_component_rich_style("article-table--bookmark", partial=True)
                segments += [
                    Segment(" ", base),
                    Segment(text[0], base + unread),
                    Segment(text[1], base + bookmark),
                    Segment(" " * (width - 1), base),
                ]
                continue
            style = base + Style(bold=True) if column.key == "title" and not row.read else base
            segments.append(Segment(self._pad(text, width, column.key in RIGHT_ALIGNED), style))
        return Strip(segments)

    @staticmethod
    def _pad(text: str, width: int, right: bool) -> str:
        cells = cell_len(text)
        if cells > width:  # cut, with an ellipsis in the last cell
            text, cells = Strip([Segment(text)]).crop(0, max(0, width - 1)).text + "…", width
        gap = " " * (width - cells)
        return f" {gap}{text} " if right else f" {text}{gap} "

    # -- cursor and keys --------------------------------------------------------------------------
    def validate_cursor_row(self, row: int) -> int:
        return min(max(row, 0), max(0, len(self.articles) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._strips.pop((old, "cursor"), None)
        self._strips.pop((new, ""), None)
        self.refresh()
        top = round(self.scroll_y)
        page = self._page_height()
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + page:
            self.scroll_to(y=new - page + 1, animate=False)

    def move_cursor(self, row: int) -> None:
        self.cursor_row = row

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_scroll_top(self) -> None:
        self.cursor_row = 0

    def action_scroll_bottom(self) -> None:
        self.cursor_row = len(self.articles) - 1

    def action_page(self, direction: int) -> None:
        self.cursor_row += direction * self._page_height()

    def action_select_cursor(self) -> None:
        article_id = self.current_id
        if article_id is not None:
            self.post_message(self.RowSelected(self, article_id))

    def action_toggle_bookmark(self) -> None:
        # The table is the library screen's, which owns the library and the status bar.
        cast("LibraryScreen", self.screen).action_toggle_bookmark()

    def _row_under(self, y: int) -> int | None:
        index = round(self.scroll_y) + y - 1  # less the header line
        return index if y > 0 and 0 <= index < len(self.articles) else None

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            x = event.x
            for column in self.columns:
                start, end = self.column_span(column.key)
                if start <= x < end:
                    event.stop()
                    self.post_message(self.HeaderSelected(self, column.key))
                    return
            return
        index = round(self.scroll_y) + event.y - 1
        if 0 <= index < len(self.articles):  # a click chooses and opens, as in DataTable
            event.stop()
            self.cursor_row = index
            self.action_select_cursor()
