"""One figure across articles: the figures that count the same thing, side by side.

``FigureGroupScreen(library, key)`` lists the group's figures newest first with their date, site,
title and sentence, under a header giving the values side by side ("35 · 250 · about 350");
``enter`` opens the article at the figure; ``escape``/``q`` go back. The rules are
``tui/desk.py``'s ``FigureGroupModel``; the figures come from ``core.store.figure_groups``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from ...core.errors import NewsreadError
from ...core.figure_keys import FigureKey
from ...core.store.library import Library
from ..desk import FigureGroupModel
from ..widgets.desk_lists import SightingList
from ..widgets.item_list import ItemList
from ..widgets.key_footer import KeyFooter
from .desk_screen import DeskScreen

if TYPE_CHECKING:
    from ..app import NewsreadApp


class FigureGroupScreen(DeskScreen):
    """One figure group. Push it with ``FigureGroupScreen(library, key)``."""

    HELP_GROUP = "Figure group"
    HELP_TITLE = "Figure group"
    AUTO_FOCUS = "#figure-sightings"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="figures.escape", tooltip="Back"),
        Binding("q", "back", "Back", id="figures.back", show=False, tooltip="Back"),
    ]

    def __init__(self, library: Library, key: FigureKey, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self.model = FigureGroupModel(library, key)

    def compose(self) -> ComposeResult:
        model = self.model
        try:
            model.load()
            parts: list[str | tuple[str, str]] = [(model.title(), "bold"), "\n", model.summary()]
            parts += ["\n", (model.values(), "italic")]
            if related := model.related():
                parts += ["\n", (related, "dim")]
            header = Content.assemble(*parts)
        except NewsreadError as exc:  # an unreadable library says so in one line
            header = Content(str(exc))
        yield Static(header, id="figure-header")
        yield SightingList(id="figure-sightings")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(SightingList).show(self.model.sightings)

    @on(ItemList.ItemChosen, "#figure-sightings")
    def _chosen(self, event: ItemList.ItemChosen) -> None:
        if not event.activated or event.item.kind != "figure":
            return
        sighting = self.model.sightings[event.item.index]
        reader = cast("NewsreadApp", self.app).open_reader(sighting.article_id)
        reader.call_after_refresh(reader.show_figure_at, sighting.figure.start, sighting.figure.end)
