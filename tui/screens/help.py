"""The help screen, generated from the bindings live on the screen it was opened over.

Nothing here is written by hand except the short introduction in ``help.md``: the keys, their
descriptions and their ids (what a ``[keymap]`` entry names) come from the active bindings of the
focused widget, its screen and the app, so the help is right for the library, the reader and any
remapped key.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
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


def _group_name(node: DOMNode) -> str:
    from textual.app import App

    if isinstance(node, App):
        return "Everywhere"
    name = getattr(node, "HELP_GROUP", None)
    if name:
        return str(name)
    return type(node).__name__


def _describe(binding: Binding) -> str:
    if binding.tooltip and binding.tooltip != binding.description:
        return binding.tooltip
    return binding.description


def help_entries(screen: Screen) -> list[HelpEntry]:
    """Every enabled binding with a description on ``screen`` now: focused widget first, then its
    screen, then the app; within each, the keys shown in the footer before the others."""
    app = screen.app
    seen: set[tuple[str, str]] = set()
    out: list[HelpEntry] = []
    # active_bindings is keyed by key, so a key bound on two levels shows the one that wins.
    for key, active in screen.active_bindings.items():
        binding: Binding = active.binding
        if not active.enabled or not binding.description or binding.system:
            continue
        group = _group_name(active.node)
        mark = (group, binding.description)
        if mark in seen:
            continue
        seen.add(mark)
        display = binding.key_display or app.get_key_display(binding.with_key(key))
        out.append(HelpEntry(group, display, _describe(binding), binding.id or "", binding.show))
    groups = list(dict.fromkeys(e.group for e in out))
    return sorted(out, key=lambda e: (groups.index(e.group), not e.shown))


class HelpScreen(ModalScreen[None]):
    """The keys of the screen below, grouped by where they are bound."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
    ]

    def __init__(self, entries: list[HelpEntry], *, title: str = "Keys") -> None:
        super().__init__(id="help")
        self.entries = entries
        self.title_text = title

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
