"""Every mark of the reader is visible, distinct and readable in every built-in theme.

The reader runs in the real app (``NewsreadApp``) on a real library; for each theme each mark
(cursor, selection, highlight, note, search matches, reported speech, the filter's quotes and
mentions, the current quote) is put on the article's first line, the line is drawn, and the colours the terminal would
show are checked: text on a mark has WCAG AA contrast (4.5:1, relative luminance per WCAG 2.x), a
mark's background differs visibly from the page, and no two marks look the same. The headline and
metadata line are checked the same way.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from newsread.tui.kinds import KIND_GROUPS
from newsread.tui.widgets.article_view import ArticleView
from newsread.tui.widgets.side_pane import PeopleList, SidePane
from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import DEFAULT_TERMINAL_THEME
from support.look import reader_open
from support.reader import ANONYMOUS, DOCUMENT, HAMAS_SOURCE, kinds_library, make_library
from textual.geometry import Region
from textual.theme import BUILTIN_THEMES

AA = 4.5
VISIBLE = 5.0  # CIE76 ΔE: a difference of colour anyone notices side by side
# (layer, key) as the reader sets them (tui/reader/ and tui/widgets/article_view.py)
MARKS = [
    ("cursor", "cursor"),
    ("selection", "selection"),
    ("notes", "highlight"),
    ("notes", "note"),
    ("matches", "match"),
    ("matches", "match-current"),
    ("marks", "mark"),
    ("quotes", "quote-on"),
    ("reported", "reported"),
    ("reported", "reported-on"),
    ("focus", "focus"),
]
RGB = tuple[int, int, int]

pytestmark = pytest.mark.anyio


# An ANSI theme is drawn in the terminal's palette: checked against Rich's standard one, with the
# terminal's default text light on black for a dark theme and black on white for a light one.
ANSI_DEFAULTS: dict[bool, tuple[RGB, RGB]] = {True: ((229, 229, 229), (0, 0, 0)), False: ((0, 0, 0), (255, 255, 255))}


def rgb(color: RichColor | None, default: RGB) -> RGB:
    if color is None or color.is_default:
        return default
    triplet = color.get_truecolor(DEFAULT_TERMINAL_THEME)
    return (triplet.red, triplet.green, triplet.blue)


def linear(value: int) -> float:
    """An sRGB channel (0-255) as linear light (WCAG 2.x)."""
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: RGB) -> float:
    """WCAG 2.x relative luminance."""
    r, g, b = (linear(v) for v in color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def delta_e(a: RGB, b: RGB) -> float:
    """CIE76 colour difference (sRGB, D65)."""

    def lab(color: RGB) -> tuple[float, float, float]:
        r, g, b = (linear(v) for v in color)
        x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

        def f(t: float) -> float:
            return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

        return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))

    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b), strict=True)) ** 0.5


def shown(segment: Segment, dark: bool) -> tuple[RGB, RGB, Style]:
    """The text and background colours a terminal shows for ``segment`` (reverse applied)."""
    style = segment.style or Style()
    default_fg, default_bg = ANSI_DEFAULTS[dark]
    fg = rgb(style.color, default_fg)
    bg = rgb(style.bgcolor, default_bg)
    return (bg, fg, style) if style.reverse else (fg, bg, style)


def look(style: Style, bg: RGB) -> tuple[RGB, bool, bool, bool]:
    return (bg, bool(style.bold), bool(style.italic), bool(style.underline))


async def test_every_mark_is_readable_visible_and_distinct_in_every_theme(tmp_path: Path) -> None:
    library, article_id = make_library(tmp_path / "library.db")
    problems: list[str] = []
    async with reader_open(library, article_id, size=(120, 36)) as pilot:
        app = pilot.app
        view = app.screen.query_one(ArticleView)
        view.focus()
        await pilot.pause()
        start, end = view.lines[0]
        assert view.get_layer("entities").overlapping(start, end), "the line has coloured entities"
        header = app.screen.query_one("#reader-header")
        for theme in BUILTIN_THEMES:
            app.theme = theme
            await pilot.pause()
            dark = BUILTIN_THEMES[theme].dark
            for name, _ in MARKS:
                view.set_layer(name, [])
            page = next(shown(s, dark)[1] for s in view.render_line(0) if s.text.strip())
            looks: dict[str, tuple[RGB, bool, bool, bool]] = {}
            for layer, key in MARKS:
                view.set_layer(layer, [(start, end, key)])
                segments = [shown(s, dark) for s in view.render_line(0) if s.text.strip()]
                view.set_layer(layer, [])
                for fg, bg, _ in segments:
                    if contrast(fg, bg) < AA:
                        problems.append(f"{theme}: {key}: text {fg} on {bg} is {contrast(fg, bg):.2f}:1")
                fg, bg, style = segments[0]
                if key != "note" and delta_e(bg, page) < VISIBLE:
                    problems.append(f"{theme}: {key}: background {bg} is the page's {page}")
                if key == "note" and not style.underline:
                    problems.append(f"{theme}: note is not underlined")
                looks[key] = look(style, bg)
            for (a, look_a), (b, look_b) in itertools.combinations(looks.items(), 2):
                if look_a[1:] == look_b[1:] and delta_e(look_a[0], look_b[0]) < VISIBLE:
                    problems.append(f"{theme}: {a} and {b} look the same")
            lines = header.render_lines(Region(0, 0, header.size.width, 2))
            for row, what in zip(lines, ("headline", "metadata"), strict=True):
                for fg, bg, _ in (shown(s, dark) for s in row if s.text.strip()):
                    if contrast(fg, bg) < AA:
                        problems.append(f"{theme}: {what}: {fg} on {bg} is {contrast(fg, bg):.2f}:1")
    library.close()
    assert not problems, "\n".join(dict.fromkeys(problems))


async def test_side_pane_headings_and_unnamed_sources_are_readable_in_every_theme(tmp_path: Path) -> None:
    """People & orgs: the summary line, the group headings and the sources that are not named (in
    italics, with their tags) — the headings were white on the light theme's panel."""
    library, article_id = kinds_library(tmp_path / "library.db")
    checked = ("19 quotes", *KIND_GROUPS.values(), ANONYMOUS, HAMAS_SOURCE, DOCUMENT)
    problems: list[str] = []
    async with reader_open(library, article_id, size=(140, 60)) as pilot:
        app = pilot.app
        app.screen.query_one(SidePane).show_tab("tab-people")
        await pilot.pause()
        people = app.screen.query_one(PeopleList)
        for theme in BUILTIN_THEMES:
            app.theme = theme
            await pilot.pause()
            lines = people.render_lines(Region(0, 0, people.size.width, people.size.height))
            seen = set()
            for strip in lines:
                text = strip.text.strip()
                start = next((c for c in checked if text.startswith(c)), None)
                if start is None:
                    continue
                seen.add(start)
                # the heading's or the source's own words (counts are the theme's plain foreground)
                own = [s for s in strip if s.text.strip() and s.text.strip() in start]
                for fg, bg, _ in (shown(s, BUILTIN_THEMES[theme].dark) for s in own):
                    if contrast(fg, bg) < AA:
                        problems.append(f"{theme}: {text!r}: {fg} on {bg} is {contrast(fg, bg):.2f}:1")
            assert seen == set(checked), set(checked) - seen
    library.close()
    assert not problems, "\n".join(problems)
