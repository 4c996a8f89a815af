"""What ``tui/widgets/line_api.py`` relies on in Textual's private API, checked on the installed Textual.

A failure here means Textual changed something ``LineView`` overrides or calls: read the new code,
adapt ``LineView`` and raise ``TEXTUAL_CHECKED`` to the version read.
"""

from __future__ import annotations

import inspect
import re

import textual
from newsread.tui.widgets.line_api import TEXTUAL_CHECKED, LineView
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget


def version(text: str) -> tuple[int, int, int]:
    found = re.match(r"(\d+)\.(\d+)\.(\d+)", text)
    assert found, f"cannot read a version from {text!r}"
    major, minor, patch = found.groups()
    return int(major), int(minor), int(patch)


def parameters(function: object) -> list[tuple[str, object]]:
    return [(p.name, p.default) for p in inspect.signature(function).parameters.values()]  # type: ignore[arg-type]


def test_textual_is_the_checked_version_or_newer() -> None:
    assert version(textual.__version__) >= version(TEXTUAL_CHECKED), (
        f"Textual {textual.__version__} is older than {TEXTUAL_CHECKED}, the version LineView's private "
        "overrides were checked against: install a newer Textual or check them against this one"
    )


def test_scroll_update_still_takes_the_virtual_size() -> None:
    """``LineView.set_virtual_size`` calls ``Widget._scroll_update(virtual_size)``."""
    assert "_scroll_update" in Widget.__dict__, f"Widget._scroll_update is gone in Textual {textual.__version__}"
    empty = inspect.Parameter.empty
    assert parameters(Widget._scroll_update) == [("self", empty), ("virtual_size", empty)], (
        f"Widget._scroll_update changed in Textual {textual.__version__} (checked: {TEXTUAL_CHECKED})"
    )


def test_size_updated_is_still_scroll_views_layout_hook() -> None:
    """``LineView._size_updated`` overrides ``ScrollView._size_updated``, which the screen calls during
    each layout with the sizes it has just worked out."""
    assert "_size_updated" in ScrollView.__dict__, f"ScrollView._size_updated is gone in Textual {textual.__version__}"
    empty = inspect.Parameter.empty
    expected = [("self", empty), ("size", empty), ("virtual_size", empty), ("container_size", empty), ("layout", True)]
    assert parameters(ScrollView._size_updated) == expected, (
        f"ScrollView._size_updated changed in Textual {textual.__version__} (checked: {TEXTUAL_CHECKED})"
    )
    assert parameters(LineView._size_updated) == expected
    assert "._size_updated(" in inspect.getsource(Screen), "the screen's layout no longer calls _size_updated"


def test_virtual_size_is_still_a_reactive_that_lays_out() -> None:
    """``LineView`` redeclares ``virtual_size`` as a reactive that does not lay out; Textual's own is
    one that does. If Textual's stops being a ``Reactive``, the redeclaration needs another look."""
    ours, theirs = LineView.__dict__["virtual_size"], Widget.__dict__["virtual_size"]
    assert isinstance(theirs, Reactive) and theirs._layout
    assert isinstance(ours, Reactive) and not ours._layout
    assert ours._default == Size(0, 0)
