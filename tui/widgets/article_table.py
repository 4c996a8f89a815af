"""The library's list of articles: one row per article, keyed by its id."""

from __future__ import annotations

from collections.abc import Iterable

from newsread.core.store.records import ArticleRow
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

# column key -> (label, Library.articles order name, descending by default)
COLUMNS: dict[str, tuple[str, str | None, bool]] = {
    "marks": ("", None, False),
    "title": ("Title", "title", False),
    "site": ("Site", "site", False),
    "published": ("Published", "published", True),
    "quotes": ("Quotes", "quotes", True),
    "notes": ("Notes", "notes", True),
}
SORT_CYCLE = ["published", "title", "site", "quotes", "notes"]  # what S steps through
TITLE_WIDTH = 72


def _marks(row: ArticleRow) -> Text:
    text = Text()
    text.append("●" if not row.read else " ", style="bold dodger_blue1")
    text.append("★" if row.bookmarked else " ", style="bold dark_orange")
    return text


def row_cells(row: ArticleRow) -> tuple[Text | str, ...]:
    title = (row.title or row.source or row.url or f"article {row.id}").replace("\n", " ")
    if len(title) > TITLE_WIDTH:
        title = title[: TITLE_WIDTH - 1] + "…"
    published = (row.published or "")[:10] or "—"
    return (
        _marks(row),
        Text(title, style="bold" if not row.read else ""),
        Text(row.site or ""),
        Text(published),
        Text(str(row.quote_count), justify="right"),
        Text(str(row.note_count) if row.note_count else "", justify="right"),
    )


class ArticleTable(DataTable):
    """Articles, newest first unless sorted otherwise; enter opens, b bookmarks."""

    HELP_GROUP = "Article list"

    BINDINGS = [  # noqa: RUF012
        Binding("enter", "select_cursor", "Open", id="library.open", tooltip="Open the article in the reader"),
        Binding("b", "toggle_bookmark", "Bookmark", id="library.bookmark", tooltip="Bookmark the article (toggle)"),
        Binding("j", "cursor_down", "Down", show=False, id="library.down"),
        Binding("k", "cursor_up", "Up", show=False, id="library.up"),
        Binding("g", "scroll_top", "First", show=False, id="library.first"),
        Binding("G", "scroll_bottom", "Last", show=False, id="library.last"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, cursor_foreground_priority="renderable", **kwargs)
        self.sort_column = "published"
        self.sort_descending = True

    def on_mount(self) -> None:
        for key in COLUMNS:
            self.add_column(self._label(key), key=key)

    def _label(self, key: str) -> Text:
        label = COLUMNS[key][0]
        if key == self.sort_column:
            return Text(f"{label} {'▼' if self.sort_descending else '▲'}")
        return Text(label)

    def show_sort(self, column: str, descending: bool) -> None:
        """Mark the sorted column in the header."""
        self.sort_column, self.sort_descending = column, descending
        for key, col in self.columns.items():
            col.label = self._label(str(key.value))
        self.refresh()

    @property
    def current_id(self) -> int | None:
        if not self.row_count:
            return None
        try:
            key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        except Exception:
            return None
        return int(key.value) if key.value is not None else None

    def set_articles(self, rows: Iterable[ArticleRow], *, keep_id: int | None = None) -> None:
        self.clear()
        self.add_articles(rows)
        if keep_id is not None and str(keep_id) in self.rows:
            self.move_cursor(row=self.get_row_index(str(keep_id)), animate=False)

    def add_articles(self, rows: Iterable[ArticleRow]) -> None:
        for r in rows:
            self.add_row(*row_cells(r), key=str(r.id))

    def update_article(self, row: ArticleRow) -> None:
        key = str(row.id)
        if key not in self.rows:
            return
        for column, value in zip(COLUMNS, row_cells(row), strict=True):
            self.update_cell(key, column, value)

    def action_toggle_bookmark(self) -> None:
        self.screen.action_toggle_bookmark()  # the screen owns the library and the status bar
