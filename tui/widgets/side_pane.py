"""The reader's side pane: Quotes, Figures, People & orgs and Notes tabs.

Every list is an ``ItemList`` of ``Content`` prompts (never markup strings, so article text such
as ``[bold]`` stays literal). Moving the highlight or choosing an item posts ``ItemChosen`` with
the article range to show; the reader screen scrolls and marks it.

The tab bar is one widget (``PaneTabs``) rather than Textual's ``TabbedContent``, which mounts a
dozen widgets (tabs, underline, content switcher, panes) that every frame and layout of the screen
then has to walk. A pane is mounted when first shown, hidden (``display: none``) when another tab is, and
can be filled when first shown (``SidePane.fill_on_show``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Set
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from ...core.figure_words import figure_words
from ...core.model import Figure, Quote, Speaker
from ..kinds import KIND_GROUPS, KIND_TAGS, kind_of, statement_counts
from ..reader.article import FigureGroup, PeopleRow
from ..safe_text import one_line
from .item_list import Entry, Item, ItemList

__all__ = [
    "CorrectSpeakerWanted",
    "EchoesWanted",
    "FigureGroupWanted",
    "FiguresList",
    "Item",
    "ItemList",
    "NotAQuoteWanted",
    "PaneTabs",
    "PeopleList",
    "PeopleRow",
    "PersonPageWanted",
    "QuotesList",
    "SidePane",
]


class PersonPageWanted(Message):
    """Open the page of the speaker ``name`` of ``kind`` (``p`` in Quotes or People & orgs); the
    reader says why when there is none (no speaker, an anonymous description)."""

    def __init__(self, name: str | None, kind: str | None) -> None:
        self.name = name
        self.kind = kind
        super().__init__()


class FigureGroupWanted(Message):
    """Open the group of the article's figure ``index`` (in text order) across the library (``f``
    in Figures)."""

    def __init__(self, index: int) -> None:
        self.index = index
        super().__init__()


class QuoteWanted(Message):
    """Something wanted of the article's quote starting at ``start`` (the highlighted one in Quotes)."""

    def __init__(self, start: int) -> None:
        self.start = start
        super().__init__()


class EchoesWanted(QuoteWanted):
    """List where the article's quote starting at ``start`` appears across the library (``x`` in
    Quotes)."""


class CorrectSpeakerWanted(QuoteWanted):
    """Reassign the speaker of the article's quote starting at ``start`` (``c`` in Quotes)."""


class SpeakerDetailsWanted(QuoteWanted):
    """Edit the role and organisation of the speaker of the article's quote starting at ``start``
    (``e`` in Quotes)."""


class NotAQuoteWanted(QuoteWanted):
    """Mark the article's quote starting at ``start`` as not a quote (``d`` in Quotes)."""


def echoes_binding() -> Binding:
    """``x``: the sources of the quote highlighted (Quotes) or at the cursor (the reader)."""
    return Binding("x", "echoes", "Sources", id="reader.echoes", show=False, tooltip="Where else this quote appears")


def person_page_binding(tooltip: str) -> Binding:
    """``p``: a person's page, from a list of the side pane (each list says of whom)."""
    return Binding("p", "person_page", "Page", id="reader.person_page", tooltip=tooltip)


# Component classes of the Quotes and People & orgs lists (styled in reader.tcss): how a speaker's
# kind shows, and the group headings of People & orgs.
KIND_CLASSES = {
    "side-pane--heading",
    "side-pane--organisation",
    "side-pane--anonymous",
    "side-pane--document",
    "side-pane--unattributed",
    "side-pane--tag",
    "side-pane--reported",
    "side-pane--echo",
    "side-pane--corrected",
}


def speaker_name(name: str | None, kind: str | None, *, tag: bool = True) -> list[str | tuple[str, str]]:
    """A speaker's name styled for its kind, and (if ``tag``) the kind's tag: "org", "anonymous",
    "document"."""
    kind = kind_of(kind)
    if name is None or kind == "unattributed":
        return [("unattributed", ".side-pane--unattributed")]
    parts: list[str | tuple[str, str]] = [(one_line(name), "bold" if kind == "person" else f".side-pane--{kind}")]
    if tag and kind in KIND_TAGS:
        parts += [" ", (KIND_TAGS[kind], ".side-pane--tag")]
    return parts


def speaker_line(name: str | None, speaker: Speaker | None, kind: str | None = "person") -> Content:
    parts = speaker_name(name, kind if name is not None else "unattributed")
    details = [one_line(d) for d in (speaker.role if speaker else None, speaker.organisation if speaker else None) if d]
    if details and name is not None:
        parts.append((" — " + ", ".join(details), "italic"))
    return Content.assemble(*parts)


def echo_tag(elsewhere: int) -> Content:
    """ "  also in 2 other articles": a quote found in other articles (``x`` lists them)."""
    return Content.assemble(
        ("  also in " + (f"{elsewhere} other articles" if elsewhere > 1 else "1 other article"), ".side-pane--echo")
    )


def quote_prompt(
    quote: Quote, speaker: Speaker | None, statement: str | None = None, *, elsewhere: int = 0, corrected: bool = False
) -> Content:
    """A quote's entry: its speaker's line over its words. Reported speech is labelled and shows its
    cue ("reported · said"), its words without marks; a partial quote inside reported speech shows
    the whole statement (``statement``), the quoted words in it as they are written. A quote found
    in ``elsewhere`` other articles says so after its speaker, and a ``corrected`` one that a reader
    corrected it."""
    head = speaker_line(quote.speaker, speaker, quote.speaker_kind)
    if corrected:
        head = Content.assemble(head, ("  corrected", ".side-pane--corrected"))
    if elsewhere:
        head = Content.assemble(head, echo_tag(elsewhere))
    if quote.is_reported:
        label = "reported" + (f" · {one_line(quote.cue)}" if quote.cue else "")
        return Content.assemble(head, "\n", (label, ".side-pane--reported"), " ", one_line(quote.text))
    return Content.assemble(head, "\n", one_line(statement or quote.text))


def figure_prompt(figure: Figure, sentence: str) -> Content:
    """A figure's line — its qualifier and amount, what it counts, per what, when
    (``core.figure_words``) — over its sentence, the amount in bold."""
    words = figure_words(figure)
    parts: list[str | tuple[str, str]] = []
    if words.qualifier:
        parts.append(one_line(words.qualifier) + " ")
    parts.append((one_line(words.head), "bold"))
    if words.counted:
        parts.append(one_line(words.counted))
    if words.per:
        parts.append((" per " + one_line(words.per), "bold"))
    if words.date:
        parts.append(("  · " + one_line(words.date), "italic"))
    parts.append("\n")
    parts.append((one_line(sentence), "dim"))
    return Content.assemble(*parts)


def entity_prompt(row: PeopleRow) -> Content:
    if row.kind == "unattributed":
        parts: list[str | tuple[str, str]] = [("quotes with no speaker", ".side-pane--unattributed")]
    else:
        parts = speaker_name(row.name, row.kind, tag=False)  # the group's heading says what it is
        if row.kind in ("person", "organisation"):
            parts.append(f"  {len(row.ranges)}×")
    if row.quotes or row.reported:
        parts.append(("  " + statement_counts(row.quotes, row.reported), "italic"))
    return Content.assemble(*parts)


def heading_prompt(kind: str, rows: Sequence[PeopleRow]) -> Content:
    """A group's heading: how many names, or for sources that are not named, how many quotes and
    reported statements."""
    named = kind in ("person", "organisation")
    count = str(len(rows)) if named else statement_counts(sum(r.quotes for r in rows), sum(r.reported for r in rows))
    return Content.assemble((KIND_GROUPS[kind], ".side-pane--heading"), f" · {count}")


class QuotesList(ItemList):
    """The article's quotes in text order (only the filter's quotes while a filter is on); ``p``
    opens the highlighted quote's speaker's page, ``x`` the list of the articles it appears in;
    ``c`` corrects its speaker, ``e`` its speaker's role and organisation, and ``d`` marks it as no
    quote (corrections, ``core.corrections``)."""

    HELP_GROUP = "Side pane"
    COMPONENT_CLASSES = KIND_CLASSES
    BINDINGS: ClassVar[list[BindingType]] = [
        person_page_binding("Open the speaker's page across the library"),
        echoes_binding(),
        Binding("c", "correct_speaker", "Speaker…", id="reader.correct_speaker", show=False,
                tooltip="Correct who said the highlighted quote"),
        Binding("d", "not_a_quote", "Not a quote", id="reader.not_a_quote", show=False,
                tooltip="Mark the highlighted quote as not a quote (asks first)"),
        Binding("e", "speaker_details", "Role…", id="reader.speaker_details", show=False,
                tooltip="Edit the role and organisation of the highlighted quote's speaker"),
    ]  # fmt: skip

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.quotes: dict[int, Quote] = {}  # the shown quotes by index in the article

    def _highlighted_quote(self) -> Quote | None:
        """The highlighted quote; else a bell."""
        item = self.highlighted_item
        quote = self.quotes.get(item.index) if item is not None and item.kind == "quote" else None
        if quote is None:
            self.app.bell()
        return quote

    def action_echoes(self) -> None:
        if (quote := self._highlighted_quote()) is not None:
            self.post_message(EchoesWanted(quote.start))

    def action_correct_speaker(self) -> None:
        if (quote := self._highlighted_quote()) is not None:
            self.post_message(CorrectSpeakerWanted(quote.start))

    def action_speaker_details(self) -> None:
        if (quote := self._highlighted_quote()) is not None:
            self.post_message(SpeakerDetailsWanted(quote.start))

    def action_not_a_quote(self) -> None:
        if (quote := self._highlighted_quote()) is not None:
            self.post_message(NotAQuoteWanted(quote.start))

    def action_person_page(self) -> None:
        if (quote := self._highlighted_quote()) is not None:
            self.post_message(PersonPageWanted(quote.speaker, quote.speaker_kind))

    def show(
        self,
        quotes: Sequence[tuple[int, Quote]],
        speakers: dict[str, Speaker],
        *,
        filtered: bool = False,
        statement: Callable[[Quote], str | None] = lambda q: None,
        echoes: Mapping[int, int] | None = None,
        corrected: Set[int] = frozenset(),
    ) -> None:
        """``quotes`` as (index in the article, quote); ``filtered`` while a filter chose them, so an
        empty list says that nothing matched rather than that the article quotes no one;
        ``statement`` gives the reported statement a partial quote is part of; ``echoes`` how many
        other articles hold the quote starting at an offset (``core.store.echoes.echo_counts``);
        ``corrected`` the starts of the quotes a reader's correction changed."""
        elsewhere = echoes or {}
        if not quotes:
            self.quotes = {}
            empty = "No quote matches the filter — escape clears it" if filtered else "No quotes in this article"
            self.set_entries([Entry(Item("heading", -1, 0, 0), Content(empty), enabled=False)])
            return
        by_index = self.quotes = dict(quotes)
        self.set_cached_items(
            (
                (
                    Item("quote", i, q.start, q.end),
                    (
                        i,
                        q.start,
                        q.end,
                        q.speaker,
                        q.speaker_kind,
                        q.text,
                        q.kind,
                        q.statement_start,
                        elsewhere.get(q.start),
                        q.start in corrected,
                    ),
                )
                for i, q in quotes
            ),
            lambda item: quote_prompt(
                by_index[item.index],
                speakers.get(by_index[item.index].speaker or ""),
                statement(by_index[item.index]),
                elsewhere=elsewhere.get(by_index[item.index].start, 0),
                corrected=by_index[item.index].start in corrected,
            ),
        )


class FiguresList(ItemList):
    """The article's figures grouped by kind, each group under a heading (a disabled entry, as in
    People & orgs) saying how many it has; the groups and their order are the reader model's
    (``ArticleData.figure_groups``)."""

    HELP_GROUP = "Side pane"
    COMPONENT_CLASSES = {"side-pane--heading"}  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "figure_group", "Across", id="reader.figure_group", tooltip="The same figure across the library")
    ]

    def action_figure_group(self) -> None:
        item = self.highlighted_item
        if item is None or item.kind != "figure":
            self.app.bell()
            return
        self.post_message(FigureGroupWanted(item.index))

    def show(self, groups: Sequence[FigureGroup], text: str) -> None:
        """``groups`` in the order given, each figure shown with its sentence of ``text``."""
        if not groups:
            self.set_entries([Entry(Item("heading", -1, 0, 0), Content("No figures in this article"), enabled=False)])
            return
        entries = []
        for group in groups:
            heading = Content.assemble((group.heading, ".side-pane--heading"), f" · {len(group.rows)}")
            entries.append(Entry(Item("heading", -1, 0, 0), heading, enabled=False))
            for r in group.rows:
                span = (r.figure.start, r.figure.end)
                prompt = figure_prompt(r.figure, text[r.sentence[0] : r.sentence[1]])
                entries.append(Entry(Item("figure", r.index, *span, (span,)), prompt))
        self.set_entries(entries)


def sourcing_prompt(quote_kinds: Mapping[str, int], reported: int = 0) -> Content:
    """The article's sourcing at a glance: how many quotes (and reported statements), and how many
    of the quotes are anonymous, from documents or unattributed (anonymous always, the others when
    there are any)."""
    total = sum(quote_kinds.values())
    parts: list[str | tuple[str, str]] = [(statement_counts(total, reported), ".side-pane--heading"), ": "]
    anonymous = quote_kinds.get("anonymous", 0)
    parts.append((f"{anonymous} anonymous", ".side-pane--tag") if anonymous else "none anonymous")
    for kind, label in (("document", "from documents"), ("unattributed", "unattributed")):
        if quote_kinds.get(kind):
            parts.append(f" · {quote_kinds[kind]} {label}")
    return Content.assemble(*parts)


class PeopleList(ItemList):
    """People, organisations, anonymous sources, documents and unattributed quotes, each group under
    a heading (a disabled entry), with how often each is mentioned and quoted; above them, how many
    of the article's quotes are anonymous (``sourcing_prompt``)."""

    HELP_GROUP = "Side pane"
    COMPONENT_CLASSES = KIND_CLASSES
    BINDINGS: ClassVar[list[BindingType]] = [person_page_binding("Open this person's page across the library")]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[PeopleRow] = []

    def action_person_page(self) -> None:
        item = self.highlighted_item
        if item is None or item.kind != "entity":
            self.app.bell()
            return
        row = self.rows[item.index]
        self.post_message(PersonPageWanted(row.name or None, row.kind))

    def show(self, rows: Sequence[PeopleRow], quote_kinds: Mapping[str, int] | None = None, reported: int = 0) -> None:
        """``rows`` in the order shown within their group; groups go in ``KIND_GROUPS`` order.
        ``quote_kinds`` counts the article's quotes by speaker kind (no summary line without it),
        ``reported`` its reported statements."""
        self.rows = list(rows)
        groups: dict[str, list[tuple[int, PeopleRow]]] = {kind: [] for kind in KIND_GROUPS}
        for i, row in enumerate(rows):
            groups[kind_of(row.kind)].append((i, row))
        entries = []
        if quote_kinds:
            entries.append(Entry(Item("heading", -1, 0, 0), sourcing_prompt(quote_kinds, reported), enabled=False))
        for kind, members in groups.items():
            if not members:
                continue
            heading = heading_prompt(kind, [r for _, r in members])
            entries.append(Entry(Item("heading", -1, 0, 0), heading, enabled=False))
            for i, row in members:
                start, end = row.ranges[0] if row.ranges else (0, 0)
                entries.append(Entry(Item("entity", i, start, end, row.ranges), entity_prompt(row)))
        self.set_entries(entries)


class PaneTabs(Widget, can_focus=True):
    """One widget for a row of tab labels over an underline bar; ``active`` is the shown tab's id.

    ``left``/``right`` (when focused) and clicks switch tabs.
    """

    HELP_GROUP = "Side pane"
    ALLOW_SELECT = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Previous tab", show=False, id="reader.tab_previous"),
        Binding("right", "move(1)", "Next tab", show=False, id="reader.tab_next"),
    ]
    COMPONENT_CLASSES = {  # noqa: RUF012
        "pane-tabs--tab",
        "pane-tabs--active",
        "pane-tabs--bar",
        "pane-tabs--bar-active",
    }
    DEFAULT_CSS = """
    PaneTabs {
        width: 1fr;
        height: 2;
        & > .pane-tabs--tab { color: $foreground 50%; }
        & > .pane-tabs--active { color: $foreground; }
        & > .pane-tabs--bar { color: $foreground 10%; }
        & > .pane-tabs--bar-active { color: $block-cursor-background; }
        &:focus > .pane-tabs--active {
            text-style: $block-cursor-text-style;
            color: $block-cursor-foreground;
            background: $block-cursor-background;
        }
        &:focus > .pane-tabs--bar { color: $foreground 30%; }
        &:ansi > .pane-tabs--tab { text-style: dim; }
        &:ansi > .pane-tabs--active { text-style: not dim bold; }
    }
    """

    active: reactive[str] = reactive("")

    def __init__(self, tabs: Sequence[tuple[str, str]], *, active: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tabs = list(tabs)  # (id, label)
        self._labels: list[str] = []
        self._spans: list[tuple[int, int, str]] = []
        self._fitted = -1  # the width _labels and _spans were made for
        self._fit(10_000)
        self.set_reactive(PaneTabs.active, active)

    def _fit(self, width: int) -> None:
        """Labels and their cells for ``width``: the first word of each label when all do not fit."""
        if width == self._fitted:
            return
        self._fitted = width
        labels = [label for _, label in self.tabs]
        if sum(cell_len(label) + 2 for label in labels) > width:
            labels = [label.split()[0] for label in labels]  # "People & orgs" -> "People"
        self._labels = labels
        self._spans = []
        x = 0
        for (tab_id, _), label in zip(self.tabs, labels, strict=True):
            self._spans.append((x, x + cell_len(label) + 2, tab_id))
            x += cell_len(label) + 2

    def validate_active(self, active: str) -> str:
        if not any(tab_id == active for tab_id, _ in self.tabs):
            raise ValueError(f"no tab {active!r}")
        return active

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 2

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        self._fit(width)
        if y == 0:
            tab = self.get_component_rich_style("pane-tabs--tab")
            active = self.get_component_rich_style("pane-tabs--active")
            segments = [
                Segment(f" {label} ", active if tab_id == self.active else tab)
                for (tab_id, _), label in zip(self.tabs, self._labels, strict=True)
            ]
            return Strip(segments).crop_extend(0, width, self.visual_style.rich_style)
        bar = self.get_component_rich_style("pane-tabs--bar")
        lit = self.get_component_rich_style("pane-tabs--bar-active")
        start, end = next(((s, e) for s, e, tab_id in self._spans if tab_id == self.active), (0, 0))
        end = min(end, width)
        start = min(start, end)
        segments = [Segment("━" * start, bar), Segment("━" * (end - start), lit), Segment("━" * (width - end), bar)]
        return Strip(segments).crop_extend(0, width, self.visual_style.rich_style)

    def action_move(self, step: int) -> None:
        ids = [tab_id for tab_id, _ in self.tabs]
        self.active = ids[(ids.index(self.active) + step) % len(ids)]

    def on_click(self, event: events.Click) -> None:
        tab_id = next((t for s, e, t in self._spans if s <= event.x < e), None)
        if tab_id is not None:
            event.stop()
            self.active = tab_id


class SidePane(Vertical):
    """Tabs beside the article: a ``PaneTabs`` bar and one pane per tab, only the active one shown."""

    def __init__(self, *, notes: Widget | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self._notes_widget = notes
        self._fillers: dict[str, Callable[[], None]] = {}
        self.panes: dict[str, Widget] = {
            "tab-quotes": QuotesList(id="quotes-list"),
            "tab-figures": FiguresList(id="figures-list"),
            "tab-people": PeopleList(id="people-list"),
        }
        labels = {"tab-quotes": "Quotes", "tab-figures": "Figures", "tab-people": "People & orgs"}
        if notes is not None:
            self.panes["tab-notes"] = notes
            labels["tab-notes"] = "Notes"
        self._tabs = PaneTabs(list(labels.items()), active="tab-quotes", id="side-tabs")

    @property
    def tabs(self) -> PaneTabs:
        return self._tabs

    @property
    def active(self) -> str:
        return self._tabs.active

    def show_tab(self, tab_id: str) -> None:
        self._tabs.active = tab_id

    def fill_on_show(self, tab_id: str, fill: Callable[[], None]) -> None:
        """Call ``fill`` (once) when ``tab_id`` is first shown — now, if it is already shown."""
        if self._tabs.active == tab_id:
            fill()
        else:
            self._fillers[tab_id] = fill

    def compose(self) -> ComposeResult:
        # Only the shown pane: the others are mounted when first shown. Each widget mounted with
        # the screen costs the opening its styling, its mount and another layout of the screen.
        yield self._tabs
        yield self.panes[self._tabs.active]

    def on_mount(self) -> None:
        self.watch(self._tabs, "active", self._tab_changed, init=False)

    def _tab_changed(self, tab_id: str) -> None:
        pane = self.panes[tab_id]
        if pane.parent is None:
            self.mount(pane)
        fill = self._fillers.pop(tab_id, None)
        if fill is not None:
            fill()
        for pane_id, other in self.panes.items():
            other.display = pane_id == tab_id
