"""Printing text from articles and feeds on the terminal: shown exactly as stored, never obeyed.

Titles, names, quotes and snippets are hostile input. Rich would read ``[in Israel]`` as markup and
delete it, turn ``:x:`` into an emoji and pass escape sequences through; here every value becomes
a ``rich.text.Text`` (no markup, no emoji codes) on a console with markup, emoji and highlighting
off, and C0/C1 controls and bidirectional overrides become visible, inert characters.
"""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.text import Text

# C0/C1 controls (ESC first) become Unicode control pictures, bidirectional overrides a
# replacement mark, as the app shows them.
_CONTROL_MAP: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20)}
_CONTROL_MAP[0x09] = " "
_CONTROL_MAP[0x0A] = " "
_CONTROL_MAP[0x7F] = "\u2421"
_CONTROL_MAP.update({c: "\ufffd" for c in range(0x80, 0xA0)})
_CONTROL_MAP.update({c: "\ufffd" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_MULTILINE_MAP: dict[int, str] = {**_CONTROL_MAP, 0x0A: "\n"}
# What json.dumps(ensure_ascii=False) leaves raw although a terminal would obey it (C0 it escapes).
_JSON_ESCAPES: dict[int, str] = {c: f"\\u{c:04x}" for c in _CONTROL_MAP if c >= 0x7F}


def terminal_safe(value: Any, *, keep_newlines: bool = False) -> str:
    """A value from the library made inert for the terminal (one line unless ``keep_newlines``)."""
    text = "" if value is None else str(value)
    return text.translate(_MULTILINE_MAP if keep_newlines else _CONTROL_MAP)


def terminal_document(text: str) -> str:
    """A whole exported document (Markdown, CSV) made inert for the terminal, its line breaks kept
    (CSV's CRLF shown as plain line ends, not as a control picture)."""
    return terminal_safe(text.replace("\r\n", "\n"), keep_newlines=True)


def json_safe(dumped: str) -> str:
    """JSON text from ``json.dumps`` with DEL, C1 controls and bidirectional overrides written as
    ``\\uXXXX`` escapes: the same JSON values, but inert on a terminal. (Outside strings json.dumps
    writes none of these characters, so escaping them everywhere is safe.)"""
    return dumped.translate(_JSON_ESCAPES)


def inert(value: Any, style: str = "", *, keep_newlines: bool = False) -> Text:
    """``value`` as a rich ``Text`` that prints exactly its characters (controls made visible)."""
    return Text(terminal_safe(value, keep_newlines=keep_newlines), style=style)


def console(*, stderr: bool = False) -> Console:
    """A console that never interprets what it prints: no markup, no emoji codes, no highlighting."""
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


BAR_CONSOLES: list[Console] = []
"""The consoles of the progress bars on the screen now, the newest last (``cli.progress`` adds and
removes them)."""


def stderr_line(text: str) -> None:
    """``text`` (already terminal-safe) as a line on stderr: printed above the progress bar when one
    is drawn, left for the terminal to wrap as a plain write is; else written as it is. A plain write
    while a bar is drawn would land on the bar's line, and rich's stand-in for ``sys.stderr``
    breaks long lines at their spaces."""
    if BAR_CONSOLES:
        BAR_CONSOLES[-1].print(Text(text), soft_wrap=True)
    else:
        print(text, file=sys.stderr, flush=True)
