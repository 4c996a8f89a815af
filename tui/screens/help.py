"""The help screen, generated from the bindings live on the screen it was opened over.

Nothing here is written by hand except the short introduction in ``help.md`` and the names of the
sections (``HELP_GROUP`` on a widget or screen, else ``SECTIONS``: what the user sees — Library,
Reader, Article, Side pane, Notes — never a class name): the keys, their descriptions and their ids
(what a ``[keymap]`` entry names) come from the active bindings of the focused widget, its screen
and the app, so the help is right for the library, the reader and any remapped key.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib.resources import files
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Markdown, Static


@dataclass(frozen=True, slots=True)
class HelpEntry:
    group: str
    key: str
    description: str
    binding_id: str
    shown: bool = True  # in the footer


# What the user calls the part of the app a binding lives on, for classes that do not say so
# themselves with a ``HELP_GROUP`` (looked up along the class's bases, so a subclass may differ).
SECTIONS: dict[str, str] = {
    "ReaderScreen": "Reader",
    "ArticleView": "Article",
    "LibraryNotesList": "Notes",
    "NotesViewScreen": "Notes",
    "NotesList": "Side pane",
}
# Textual's scrolling bindings that do nothing in a view that never scrolls sideways.
_SIDEWAYS = frozenset({"scroll_left", "scroll_right", "page_left", "page_right"})


def _group_name(node: DOMNode) -> str:
    """The section a node's keys are listed under: what the user sees (Library, Reader, Article,
    Side pane, Notes), never a class name."""
    from textual.app import App

    if isinstance(node, App):
        return "Everywhere"
    for cls in type(node).__mro__:
        name = cls.__dict__.get("HELP_GROUP") or SECTIONS.get(cls.__name__)
        if name:
            return str(name)
    return "This screen" if isinstance(node, Screen) else "Here"


def _describe(binding: Binding) -> str:
    if binding.tooltip and binding.tooltip != binding.description:
        return binding.tooltip
    return binding.description


def _does_nothing(node: DOMNode, binding: Binding) -> bool:
    return binding.action in _SIDEWAYS and not getattr(node, "allow_horizontal_scroll", True)


def help_entries(screen: Screen) -> list[HelpEntry]:
    """Every enabled binding with a description on ``screen`` now: focused widget first, then its
    screen, then the app; within each, the keys shown in the footer before the others. A binding
    with several keys (``j`` and ``down``) is one entry listing them all ("j ↓")."""
    app = screen.app
    keys: dict[tuple[str, str], list[str]] = {}
    found: list[tuple[tuple[str, str], HelpEntry]] = []
    # active_bindings is keyed by key, so a key bound on two levels shows the one that wins.
    for key, active in screen.active_bindings.items():
        binding: Binding = active.binding
        if not active.enabled or not binding.description or binding.system or _does_nothing(active.node, binding):
            continue
        group = _group_name(active.node)
        mark = (group, binding.id or binding.description)
        display = app.get_key_display(binding.with_key(key)) if binding.key_display is None else binding.key_display
        if mark in keys:
            if display not in keys[mark]:
                keys[mark].append(display)
            continue
        keys[mark] = [display]
        found.append((mark, HelpEntry(group, "", _describe(binding), binding.id or "", binding.show)))
    out = [replace(e, key=" ".join(_letters_first(keys[mark]))) for mark, e in found]
    groups = list(dict.fromkeys(e.group for e in out))
    return sorted(out, key=lambda e: (groups.index(e.group), not e.shown))


def _letters_first(displays: list[str]) -> list[str]:
    """Typed keys (``j``, ``space``) before arrows and named keys."""
    return sorted(displays, key=lambda d: not ((len(d) == 1 and d.isalnum()) or d == "space"))


class HelpScreen(ModalScreen[None]):
    """The keys of the screen below, grouped by where they are bound."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
    ]

    def __init__(self, entries: list[HelpEntry], *, title: str = "Keys") -> None:
        super().__init__(id="help")
        self.entries = entries
        self.title_text = SECTIONS.get(f"{title}Screen", title)  # "NotesView" is the Notes screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Label(f"Help — {self.title_text}", id="help-title")
            yield Markdown(files("newsread.tui.screens").joinpath("help.md").read_text("utf-8"), id="help-intro")
            yield Static(self._table(), id="help-keys")
            yield Label("escape closes", id="help-hint")

    def _table(self) -> Table:
        table = Table(box=None, expand=True, show_header=True, header_style="bold", pad_edge=False)
        table.add_column("Key", no_wrap=True)
        table.add_column("Action", ratio=1)
        table.add_column("Id (for the keymap)", style="dim", no_wrap=True)
        group = None
        for e in self.entries:
            if e.group != group:
                if group is not None:
                    table.add_row("", "", "")
                table.add_row(Text(e.group, style="bold underline"), "", "")
                group = e.group
            table.add_row(Text(e.key, style="bold"), e.description, e.binding_id)
        return table

    def action_close(self) -> None:
        self.dismiss(None)
