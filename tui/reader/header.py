"""The reader's chrome drawn by hand: the header (headline, metadata line, legend) and the
status line. Each is one widget whose render never asks for a layout of the screen."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from ..text_layout import GROUP_LABELS


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
    """The headline, the metadata line and the highlight legend, drawn as one widget (every widget
    costs its share of each frame and layout of the screen). The legend is struck through while
    entity highlighting is off (class ``-off``)."""

    ALLOW_SELECT = True
    COMPONENT_CLASSES = {  # noqa: RUF012
        "reader-header--title",
        "reader-header--meta",
        *(f"reader-header--{group}" for group in (*GROUP_LABELS, "quote", "reported")),
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
        & > .reader-header--reported { background: $surface-darken-1; }
        &:dark > .reader-header--reported { background: $surface-lighten-1; }
    }
    """

    def __init__(self, title: str, meta: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.meta = meta

    def render(self) -> Content:
        legend = [(label, f".reader-header--{group}") for group, label in GROUP_LABELS.items()]
        legend.append(("“quote”", ".reader-header--quote"))
        legend.append(("reported", ".reader-header--reported"))
        parts: list[Content | str] = []
        for label, style in legend:
            entry = Content.styled(label, style)
            parts += [entry.stylize("dim strike") if self.has_class("-off") else entry, "  "]
        title = Content.styled(self.title, ".reader-header--title")
        meta = Content.styled(self.meta, ".reader-header--meta")
        return Content("\n").join([title, meta, Content.assemble(*parts)])
