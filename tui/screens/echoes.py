"""One quote across sources: every article the quote appears in, earliest publication first.

``EchoesScreen(library, quote_id)`` heads the list with the quote's words and who first reported
it ("first reported by 2019-11-15 · bbc.com · …"); each source gives its date, site, title, the
speaker it credits and its words; ``enter`` opens that article at the quote; ``escape``/``q`` go
back. The rules are ``tui/desk.py``'s ``EchoesModel``; the sources come from
``core.store.echoes``, grouped as articles were added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from ...core.errors import NewsreadError
from ...core.store.library import Library
from ..desk import EchoesModel
from ..widgets.desk_lists import SourceList
from ..widgets.item_list import ItemList
from ..widgets.key_footer import KeyFooter
from .desk_screen import DeskScreen

if TYPE_CHECKING:
    from ..app import NewsreadApp


class EchoesScreen(DeskScreen):
    """One quote's sources. Push it with ``EchoesScreen(library, quote_id)``."""

    HELP_GROUP = "Quote's sources"
    HELP_TITLE = "Quote's sources"
    AUTO_FOCUS = "#echo-sources"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="echoes.escape", tooltip="Back"),
        Binding("q", "back", "Back", id="echoes.back", show=False, tooltip="Back"),
    ]

    def __init__(self, library: Library, quote_id: int, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self.model = EchoesModel(library, quote_id)

    def compose(self) -> ComposeResult:
        model = self.model
        try:
            model.load()
            header = Content.assemble((model.title(), "bold"), "\n", (model.summary(), "italic"))
        except NewsreadError as exc:  # an unreadable library says so in one line
            header = Content(str(exc))
        yield Static(header, id="echo-header")
        yield SourceList(id="echo-sources")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(SourceList).show(self.model.sources, here=self.model.quote_id)

    @on(ItemList.ItemChosen, "#echo-sources")
    def _chosen(self, event: ItemList.ItemChosen) -> None:
        if not event.activated or event.item.kind != "source":
            return
        source = self.model.sources[event.item.index]
        reader = cast("NewsreadApp", self.app).open_reader(source.article_id)
        reader.call_after_refresh(reader.show_quote_at, source.start, source.end)
