"""The config file's ``[keymap]``, checked before it is applied.

Textual's ``App.set_keymap`` applies any key to any binding id, so ``"reader.next_quote" = "n"``
silently takes ``n`` from next-match, declared beside it. ``check_keymap`` finds such entries: a
remapped binding whose new key is also bound by another binding of the same class (the bindings
that are active together on that widget or screen), after the whole keymap is applied. Those
entries are left out and reported in one line; the rest is applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import import_module

from textual.binding import Binding
from textual.dom import DOMNode


@dataclass(frozen=True, slots=True)
class KeymapConflict:
    binding_id: str
    key: str
    other_id: str
    """The binding that already has ``key`` (its id, else its description)."""

    def describe(self) -> str:
        return f'"{self.binding_id}" = "{self.key}" ({self.key} is {self.other_id})'


def _keys(spec: str) -> list[str]:
    return [k.strip() for k in spec.split(",") if k.strip()]


def class_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings a class has: those it declares and those it inherits, a key declared again
    lower down replacing the inherited one (Textual's rule, ``DOMNode._merge_bindings``)."""
    by_key: dict[str, list[Binding]] = {}
    for base in reversed(cls.__mro__):
        declared = base.__dict__.get("BINDINGS")
        if declared:
            mine: dict[str, list[Binding]] = {}
            for binding in Binding.make_bindings(declared):
                mine.setdefault(binding.key, []).append(binding)
            by_key.update(mine)
    return [b for bindings in by_key.values() for b in bindings]


def check_keymap(keymap: Mapping[str, str], classes: Iterable[type[DOMNode]]) -> list[KeymapConflict]:
    """The keymap entries whose key another binding of the same class already has."""
    conflicts: dict[str, KeymapConflict] = {}
    for cls in classes:
        groups: dict[str, tuple[str, set[str]]] = {}  # binding id (or action) -> (name, keys now)
        for binding in class_bindings(cls):
            mark = binding.id or f"action {binding.action}"
            name = binding.id or binding.description or binding.action
            keys = set(_keys(keymap[binding.id])) if binding.id in keymap else {binding.key}
            groups.setdefault(mark, (name, set()))[1].update(keys)
        for binding_id, spec in keymap.items():
            if binding_id not in groups or binding_id in conflicts:
                continue
            for key in _keys(spec):
                other = next((n for m, (n, ks) in groups.items() if m != binding_id and key in ks), None)
                if other is not None:
                    conflicts[binding_id] = KeymapConflict(binding_id, key, other)
                    break
    return list(conflicts.values())


def node_classes() -> list[type[DOMNode]]:
    """Every widget, screen and app class loaded now (subclasses of ``DOMNode``)."""
    seen: list[type[DOMNode]] = []
    stack: list[type[DOMNode]] = [DOMNode]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.append(sub)
                stack.append(sub)
    return seen


def load_screens() -> None:
    """Import the screens loaded lazily at run time, so their bindings are checked at start."""
    for name in (
        "screens.confirm",
        "screens.help",
        "screens.library",
        "screens.note_editor",
        "screens.notes_view",
        "screens.picker",
        "screens.reader",
    ):
        import_module(f"{__package__}.{name}")


def usable_keymap(keymap: Mapping[str, str]) -> tuple[dict[str, str], str | None]:
    """The keymap without its conflicting entries, and one line saying which were left out (None
    when there were none)."""
    if not keymap:
        return {}, None
    load_screens()
    conflicts = check_keymap(keymap, node_classes())
    if not conflicts:
        return dict(keymap), None
    dropped = {c.binding_id for c in conflicts}
    usable = {k: v for k, v in keymap.items() if k not in dropped}
    line = "Keymap entries not applied, their key is taken: " + "; ".join(c.describe() for c in conflicts)
    return usable, line
