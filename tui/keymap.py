"""The config file's ``[keymap]``, checked before it is applied.

Textual's ``App.set_keymap`` applies any key to any binding id, so ``"reader.next_quote" = "n"``
silently takes ``n`` from next-match, declared beside it. ``check_keymap`` finds such entries: a
remapped binding whose new key is also bound by another binding of the same class (the bindings
that are active together on that widget or screen), after the whole keymap is applied. It also
takes any string as a key and any id as a binding: ``"app.quit" = ","`` (no key at all) or
``"ctrl+alt+banana"`` leave newsread without a quit key. ``unusable_entries`` finds ids no binding
has and keys no terminal sends. All such entries are left out and reported in one line; the rest
is applied, so quitting always has a key.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import import_module

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, Keys

MODIFIERS = frozenset({"ctrl", "alt", "shift", "meta", "super", "hyper"})


def _character_name(character: str) -> str:
    """The key name Textual gives a typed character (``,`` is ``comma``, ``+`` is ``plus``)."""
    if character.isalnum():
        return character
    name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    return KEY_NAME_REPLACEMENTS.get(name, name)


KEY_NAMES = frozenset(
    [key.value.rpartition("+")[2] for key in Keys if not key.value.startswith("<")]
    + [_character_name(chr(code)) for code in range(0x20, 0x7F)]
)
"""Every key name a terminal sends: keys that are not characters (``f5``, ``pageup``, ``enter``,
from Textual's list) and the printable ASCII characters by name (``comma``, ``question_mark``)."""


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
            keys = set(_keys(keymap[binding.id])) if binding.id is not None and binding.id in keymap else {binding.key}
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


def is_key(key: str) -> bool:
    """Whether a terminal can send ``key``: modifiers (each once) and then one character, a key
    name (``pageup``) or the name of a printable ASCII character (``comma``, ``question_mark``)."""
    *modifiers, name = key.split("+")
    if not name or len(set(modifiers)) != len(modifiers) or not MODIFIERS.issuperset(modifiers):
        return False
    return len(name) == 1 or name in KEY_NAMES


def unusable_entries(keymap: Mapping[str, str], binding_ids: set[str]) -> list[str]:
    """The entries that cannot be applied, each described: an id no binding has, or a key
    string holding something that is not a key."""
    problems = []
    for binding_id, spec in keymap.items():
        keys = [k.strip() for k in spec.split(",")]
        if binding_id not in binding_ids:
            problems.append(f'"{binding_id}" (no such binding; the help screen lists the ids)')
        elif not all(is_key(k) for k in keys):
            bad = next((k for k in keys if not is_key(k)), "")
            what = f'"{bad}" is not a key' if bad else "an empty key"
            problems.append(f'"{binding_id}" = "{spec}" ({what})')
    return problems


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
    """Import the app and the screens loaded lazily at run time, so their bindings are checked
    at start."""
    for name in (
        "app",
        "library.screen",
        "reader.screen",
        "screens.confirm",
        "screens.help",
        "screens.note_editor",
        "screens.notes_view",
        "screens.picker",
    ):
        import_module(f"{__package__}.{name}")


def usable_keymap(keymap: Mapping[str, str]) -> tuple[dict[str, str], str | None]:
    """The keymap without the entries that cannot be applied (unknown ids, invalid keys) or would
    take another binding's key, and one line saying which were left out (None when none were)."""
    if not keymap:
        return {}, None
    load_screens()
    classes = node_classes()
    binding_ids = {b.id for cls in classes for b in class_bindings(cls) if b.id}
    unusable = unusable_entries(keymap, binding_ids)
    valid = {k: v for k, v in keymap.items() if k in binding_ids and all(is_key(x.strip()) for x in v.split(","))}
    conflicts = check_keymap(valid, classes)
    dropped = {c.binding_id for c in conflicts}
    usable = {k: ",".join(x.strip() for x in v.split(",")) for k, v in valid.items() if k not in dropped}
    parts = []
    if unusable:
        parts.append("Keymap entries ignored: " + "; ".join(unusable))
    if conflicts:
        parts.append("Keymap entries not applied, their key is taken: " + "; ".join(c.describe() for c in conflicts))
    return usable, (". ".join(parts) or None)
