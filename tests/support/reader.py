"""Shared data for the reader's tests: a hand-made analysis of the seed article, and a test app.

The analysis is written by hand (quotes found by their quote marks, speakers given per quote,
entities by name), so reader tests and snapshots do not depend on the model's output and stay
stable; ``test_tui_reader_app.py`` also drives the reader on the real analysed seed.
"""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from newsread.core.model import Analysis, Entity, Figure, Quote, Speaker
from newsread.core.store.library import Library
from newsread.tui.reader.screen import ReaderScreen
from rich.cells import cell_len
from textual.app import App
from textual.pilot import Pilot

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_635429398ea7a8c9.txt"
READER_CSS = ROOT / "tui" / "styles" / "reader.tcss"
PICKER_CSS = ROOT / "tui" / "styles" / "picker.tcss"

SPEAKERS = [
    Speaker("Benjamin Netanyahu", ["Netanyahu"], "Prime Minister", "Government of Israel"),
    Speaker("Steven Cook", ["Cook"], "senior fellow", "Council on Foreign Relations"),
    Speaker("Antony Blinken", ["Blinken"], "Secretary of State", None),
    Speaker("Basem Naim", ["Naim"], "leader", "Hamas"),
    Speaker("Shira Efron", ["Efron"], "senior director of policy", "Israel Policy Forum"),
]
# Who says each “…” of the seed, in text order.
QUOTE_SPEAKERS = [0, 0, 1, 1, 1, 0, 2, 2, 1, 1, 1, 1, 3, 2, 2, 4, 4, 4, 4]
ENTITIES = {
    "PERSON": {
        "Antony Blinken": ["Antony Blinken", "Blinken"],
        "Benjamin Netanyahu": ["Benjamin Netanyahu", "Netanyahu"],
        "Yahya Sinwar": ["Yahya Sinwar", "Sinwar"],
        "Steven Cook": ["Steven Cook", "Cook"],
        "Shira Efron": ["Shira Efron", "Efron"],
        "Joe Biden": ["Biden"],
        "Lloyd Austin": ["Lloyd Austin", "Austin"],
        "Basem Naim": ["Basem Naim"],
        "Ismail Haniyeh": ["Ismail Haniyeh"],
    },
    "ORG": {
        "Hamas": ["Hamas"],
        "Hezbollah": ["Hezbollah"],
        "Council on Foreign Relations": ["Council on Foreign Relations"],
        "Israel Policy Forum": ["Israel Policy Forum"],
        "Center for Strategic and International Studies": ["Center for Strategic and International Studies"],
        "The Hill": ["The Hill"],
        "Palestinian Authority": ["Palestinian Authority"],
    },
    "GPE": {
        name: [name]
        for name in ("Israel", "Gaza", "Iran", "Lebanon", "Qatar", "Saudi Arabia", "Tel Aviv", "Egypt", "Afghanistan")
    }
    | {"United States": ["U.S.", "United States"]},
    "NORP": {"Israeli": ["Israeli", "Israelis"], "Palestinian": ["Palestinian"]},
    "DATE": {d: [d] for d in ("Tuesday", "Wednesday", "Sunday", "Saturday", "Oct. 13", "February", "April")},
    "CARDINAL": {n: [n] for n in ("797", "250", "350")},
}
FIGURES = [
    ("797 aid trucks", 797, "aid trucks", None, "2024-10-01/2024-10-23"),
    ("35 trucks per day", 35, "trucks", "day", None),
    ("225 trucks per day", 225, "trucks", "day", "2024-04"),
]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def hand_analysis(text: str | None = None) -> Analysis:
    text = seed_text() if text is None else text
    title = text.split("\n", 1)[0].strip()
    quotes = [
        Quote(m.start(), m.end(), m.group(), SPEAKERS[QUOTE_SPEAKERS[i]].name, "said", "direct")
        for i, m in enumerate(re.finditer(r"“[^”]*”", text))
        if i < len(QUOTE_SPEAKERS)
    ]
    taken: list[tuple[int, int]] = []
    entities: list[Entity] = []
    forms = sorted(
        ((f, label, canon) for label, names in ENTITIES.items() for canon, forms in names.items() for f in forms),
        key=lambda f: -len(f[0]),
    )
    for form, label, canonical in forms:
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            if m.start() < len(title) or any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append(m.span())
            entities.append(Entity(m.start(), m.end(), label, m.group(), canonical))
    entities.sort(key=lambda e: e.start)
    figures = []
    for phrase, value, obj, per, date in FIGURES:
        start = text.index(phrase)
        figures.append(Figure(start, start + len(phrase), phrase, value, None, obj, per, "count", date))
    speakers = [
        Speaker(s.name, list(s.aliases), s.role, s.organisation, sum(1 for q in quotes if q.speaker == s.name))
        for s in SPEAKERS
    ]
    return Analysis(
        text=text,
        title=title,
        published="2024-10-24",
        path=str(SEED),
        entities=entities,
        speakers=speakers,
        quotes=quotes,
        figures=figures,
        model="hand-made",
    )


def make_library(path: Path, analysis: Analysis | None = None, **meta: str) -> tuple[Library, int]:
    lib = Library.open(path)
    result = lib.add_analysis(
        analysis or hand_analysis(),
        source=meta.get("source", str(SEED)),
        site=meta.get("site", "thehill.com"),
        byline=meta.get("byline", "Laura Kelly"),
    )
    return lib, result.article_id


class ReaderTestApp(App[None]):
    """The smallest app that shows the reader: what the real app does when an article is opened."""

    CSS_PATH = [READER_CSS, PICKER_CSS]  # noqa: RUF012

    def __init__(self, library: Library, article_id: int, *, theme: str = "textual-dark") -> None:
        super().__init__()
        self.library = library
        self.article_id = article_id
        self._theme_name = theme

    def on_mount(self) -> None:
        self.theme = self._theme_name
        self.push_screen(ReaderScreen(library=self.library, article_id=self.article_id))


READER_SIZE = (120, 36)


def reader_screen(app: App) -> ReaderScreen:
    """The screen on top, which must be the reader."""
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


@asynccontextmanager
async def reader_pilot(
    library: Library, article_id: int = 1, *, size: tuple[int, int] = READER_SIZE, **run_test: Any
) -> AsyncIterator[tuple[ReaderTestApp, Pilot, ReaderScreen]]:
    """``ReaderTestApp`` on ``article_id`` under Pilot (``run_test`` takes the other keywords of
    ``App.run_test``), with its reader screen."""
    app = ReaderTestApp(library, article_id)
    async with app.run_test(size=size, **run_test) as pilot:
        yield app, pilot, reader_screen(app)


def screen_text(app: App) -> str:
    """What the terminal shows, as plain text (for asserting on the drawn screen): the cells of
    ``App.export_screenshot``, read back from the SVG Rich writes (a ``<text>`` element per run of
    cells, placed at ``x`` = column × cell width, clipped to its line). Lines are the terminal's
    width; a wide character takes its two cells; a no-break space reads as a space (the SVG writes
    spaces as ``&#160;``)."""
    width, height = app.size
    grid = [[" "] * width for _ in range(height)]
    for attributes, line, escaped in SVG_CELLS.findall(app.export_screenshot()):
        text = html.unescape(escaped).replace("\xa0", " ")
        x = float(SVG_X.search(attributes)[1])  # type: ignore[index]
        cell_width = float(SVG_TEXT_LENGTH.search(attributes)[1]) / len(text)  # type: ignore[index]
        column = round(x / cell_width)
        cells = grid[int(line)]
        for char in text:
            size = cell_len(char)
            cells[column : column + size] = [char, *[""] * (size - 1)]
            column += size
    return "\n".join("".join(cells) for cells in grid)


# A run of cells in Rich's SVG: its attributes, its line (from the clip path) and its text.
SVG_CELLS = re.compile(r'<text ((?=[^>]*clip-path="url\(#[^"]*-line-(\d+)\)")[^>]*)>(.*?)</text>', re.DOTALL)
SVG_X = re.compile(r'\bx="([^"]+)"')
SVG_TEXT_LENGTH = re.compile(r'\btextLength="([^"]+)"')


# Quotes of the seed re-credited to speakers of every kind (by index in text order): a document,
# an unattributed quote, an organisation speaking for itself, and two anonymous sources, one of them
# affiliated with Hamas (so Hamas has Basem Naim's quote and that source's).
ANONYMOUS = "two officials familiar with the talks"
HAMAS_SOURCE = "a Hamas official"
ORG_SPEAKER = "Israel Defense Forces"
DOCUMENT = "court records"
KIND_SPEAKERS: dict[int, tuple[str | None, str]] = {
    0: (DOCUMENT, "document"),
    1: (None, "unattributed"),
    5: (ORG_SPEAKER, "organisation"),
    6: (ANONYMOUS, "anonymous"),
    7: (ANONYMOUS, "anonymous"),
    13: (HAMAS_SOURCE, "anonymous"),
}


def kinds_analysis(*, document: str = DOCUMENT) -> Analysis:
    """``hand_analysis`` with the quotes of ``KIND_SPEAKERS`` credited to speakers of those kinds
    (``document`` names the document, to try hostile text)."""
    analysis = hand_analysis()
    for i, (name, kind) in KIND_SPEAKERS.items():
        quote = analysis.quotes[i]
        quote.speaker = document if name == DOCUMENT else name
        quote.speaker_kind = kind
    counts: dict[str, int] = {}
    for q in analysis.quotes:
        if q.speaker is not None:
            counts[q.speaker] = counts.get(q.speaker, 0) + 1
    extra = [
        Speaker(ANONYMOUS, kind="anonymous"),
        Speaker(HAMAS_SOURCE, organisation="Hamas", kind="anonymous"),
        Speaker(ORG_SPEAKER, kind="organisation"),
        Speaker(document, kind="document"),
    ]
    analysis.speakers = [s for s in analysis.speakers + extra if counts.get(s.name)]
    for s in analysis.speakers:
        s.quotes = counts[s.name]
    return analysis


# Reported statements of the seed (no quotation marks): (words, speaker, speaker kind, cue).
REPORTED = [
    (
        "they received assurances from the Israelis that they would avoid provocative targets like Iran’s oil and "
        "nuclear facilities",
        "U.S. officials",
        "anonymous",
        "said",
    ),
    ("its opposition to Israel’s long-term occupation of Gaza", "United States", "organisation", "expressed"),
    ("the April pressure campaign demonstrated the power of U.S. leverage", "Shira Efron", "person", "said"),
]
# The seed's partial quote inside reported speech: Efron "said that the Blinken and Austin letter was
# taken “very, very, very seriously”" (the 16th “…”).
PARTIAL_STATEMENT = "the Blinken and Austin letter was taken “very, very, very seriously”"


def reported_analysis() -> Analysis:
    """``hand_analysis`` with the seed's reported speech: three statements of kind ``indirect`` and
    one partial quote inside a reported statement, as the analysis gives them."""
    analysis = hand_analysis()
    text = analysis.text
    for words, speaker, kind, cue in REPORTED:
        start = text.index(words)
        analysis.quotes.append(Quote(start, start + len(words), words, speaker, cue, "indirect", kind))
    analysis.quotes.sort(key=lambda q: q.start)
    start = text.index(PARTIAL_STATEMENT)
    partial = next(q for q in analysis.quotes if q.text == "“very, very, very seriously”")
    partial.kind, partial.statement_start, partial.statement_end = "partial", start, start + len(PARTIAL_STATEMENT)
    analysis.speakers.append(Speaker("U.S. officials", kind="anonymous", reported=1))
    analysis.speakers.append(Speaker("United States", kind="organisation", reported=1))
    next(s for s in analysis.speakers if s.name == "Shira Efron").reported = 1
    return analysis


def kinds_library(path: Path, analysis: Analysis | None = None) -> tuple[Library, int]:
    """A library holding ``kinds_analysis()`` (or ``analysis``); the store keeps the speakers' kinds."""
    return make_library(path, analysis or kinds_analysis())


# A made-up article whose figures are of many kinds, with qualifiers and a range: (words, value,
# kind, other fields of the Figure), in no order. Its title holds no figure.
FIGURES_ARTICLE = (
    "Port strike goes on\n\n"
    "More than 100 protesters marched to the port on Monday, where nearly 24 workers have been on strike "
    "since 2019. The port moves 200 to 300 trucks per day and holds $3 billion in reserves. "
    "A 21-year-old nurse said more than half of the county's schools had closed. "
    "Turnout rose 12% in the second week.\n"
)
KINDS_FIGURES: list[tuple[str, float | None, str, dict[str, Any]]] = [
    ("Monday", None, "date", {"date": "2024-11-25"}),
    ("$3 billion", 3e9, "money", {"unit": "USD", "object": "reserves"}),
    ("nearly 24 workers", 24, "count", {"object": "workers", "qualifier": "nearly"}),
    ("12%", 12, "percent", {"unit": "percent", "object": "turnout"}),
    ("200 to 300 trucks", 200, "count", {"object": "trucks", "per": "day", "low": 200, "high": 300}),
    ("21-year-old", 21, "age", {"unit": "year", "object": "nurse"}),
    ("More than 100 protesters", 100, "count", {"object": "protesters", "qualifier": "more than"}),
    ("more than half", 0.5, "fraction", {"object": "the county's schools", "qualifier": "more than"}),
    ("second week", 2, "ordinal", {"object": "week"}),
    ("2019", 2019, "year", {}),
]


def figures_analysis() -> Analysis:
    """``FIGURES_ARTICLE`` analysed by hand: only its figures (``KINDS_FIGURES``), no quotes or names."""
    text = FIGURES_ARTICLE
    figures = []
    for words, value, kind, more in KINDS_FIGURES:
        start = text.index(words)
        figures.append(Figure(start, start + len(words), words, value, kind=kind, **more))
    return Analysis(text=text, title=text.split("\n", 1)[0], published="2024-11-27", figures=figures, model="hand-made")
