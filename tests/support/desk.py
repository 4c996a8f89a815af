"""Hand-made analyses for the source desk (issue 17): one person quoted across three articles of
different dates and roles, an anonymous source, an organisation, and the same figure ("aid trucks
per day") written three ways across them beside a total of aid trucks. Made without spaCy, so the model tests of
``core.store.people`` and ``core.store.figure_groups`` and the app's pages do not move when the
model does."""

from __future__ import annotations

from pathlib import Path

from newsread.core.model import Analysis, Figure, Quote, Speaker
from newsread.core.store.library import Library

BLINKEN = "Antony Blinken"


def _at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def quote(text: str, words: str, speaker: str | None, *, kind: str = "direct", speaker_kind: str = "person") -> Quote:
    start, end = _at(text, words)
    return Quote(start, end, words, speaker, "said", kind=kind, speaker_kind=speaker_kind)


def sentences(text: str) -> list[list[int]]:
    """The sentences of ``text`` after its title, as ``Analysis.sentences`` holds them: each ends
    at ". " (these texts have no other full stops)."""
    spans = []
    start = text.index("\n\n") + 2
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        spans.append([start, end])
        start = end + 1
    return spans


def figure(text: str, words: str, value: float, **fields: object) -> Figure:
    start, end = _at(text, words)
    return Figure(start, end, words, value, **fields)  # type: ignore[arg-type]


def article(n: int) -> Analysis:
    """Article ``n`` (1 to 3): dated 2024-03-0n, Blinken's role changing in the third."""
    if n == 1:
        text = (
            "Aid stalls at the border\n\n"
            "Only 35 aid trucks per day crossed on Monday. "
            "“We need far more,” said Antony Blinken, the secretary of state. "
            "A UN official said the crossings were too slow. "
            "Blinken said Israel must open more crossings."
        )
        return Analysis(
            text=text,
            title="Aid stalls at the border",
            published="2024-03-01",
            speakers=[
                Speaker(BLINKEN, ["Blinken"], role="secretary of state", quotes=1, reported=1),
                Speaker("A UN official", [], kind="anonymous", reported=1),
            ],
            quotes=[
                quote(text, "“We need far more,”", BLINKEN),
                quote(text, "the crossings were too slow", "A UN official", kind="indirect", speaker_kind="anonymous"),
                quote(text, "Israel must open more crossings", BLINKEN, kind="indirect"),
            ],
            figures=[figure(text, "35 aid trucks per day", 35.0, object="aid trucks", per="day")],
        )
    if n == 2:
        text = (
            "More trucks promised\n\n"
            "Officials promised 250 Aid Trucks a day. "
            "“This is a start,” Blinken said. "
            "The agency counted 797 aid trucks in all."
        )
        return Analysis(
            text=text,
            title="More trucks promised",
            published="2024-03-02",
            speakers=[Speaker("Blinken", [], role="secretary of state", quotes=1)],
            quotes=[quote(text, "“This is a start,”", "Blinken")],
            figures=[
                figure(text, "250 Aid Trucks a day", 250.0, object="Aid Trucks", per="day"),
                figure(text, "797 aid trucks", 797.0, object="aid trucks"),
            ],
        )
    text = (
        "A year on\n\n"
        "“The crossings must stay open,” said Antony Blinken, the former secretary of state, at Harvard. "
        "About 350 of the aid trucks a day now cross, the ministry said."
    )
    return Analysis(
        text=text,
        title="A year on",
        published="2024-03-03",
        speakers=[
            Speaker(BLINKEN, [], role="former secretary of state", organisation="Harvard", quotes=1),
            Speaker("the ministry", [], kind="organisation", reported=1),
        ],
        quotes=[
            quote(text, "“The crossings must stay open,”", BLINKEN),
            quote(
                text,
                "About 350 of the aid trucks a day now cross",
                "the ministry",
                kind="indirect",
                speaker_kind="organisation",
            ),
        ],
        figures=[
            figure(text, "350 of the aid trucks a day", 350.0, object="the aid trucks", per="days", qualifier="about")
        ],
        sentences=sentences(text),
    )


def desk_library(path: Path) -> Library:
    """An open library at ``path`` holding the three articles (ids 1 to 3, in date order)."""
    lib = Library.open(path)
    for n in (1, 2, 3):
        lib.add_analysis(article(n), url=f"https://desk.test/{n}", site=f"site{n}.test")
    return lib
