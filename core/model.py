"""Plain records of one article's analysis.

These are the contract between the analysis engine, the store, the CLI's JSON and the reader:
plain dataclasses with character offsets into ``Analysis.text`` (``text[start:end] == item.text``),
so an analysis can be made in one process or machine and stored or shown in another.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from functools import cache
from typing import Any, Literal

QuoteKind = Literal["direct", "partial", "continuation", "indirect"]
QUOTE_KINDS: tuple[str, ...] = ("direct", "partial", "continuation", "indirect")

# Who a quote is credited to. "unattributed" goes with ``speaker is None``; an anonymous source's
# and a document's ``speaker`` is the article's own description ("a university spokesperson",
# "court records").
SpeakerKind = Literal["person", "organisation", "anonymous", "document", "unattributed"]
SPEAKER_KINDS: tuple[str, ...] = ("person", "organisation", "anonymous", "document", "unattributed")


@dataclass(slots=True)
class Entity:
    start: int
    end: int
    label: str
    text: str
    canonical: str


@dataclass(slots=True)
class Speaker:
    name: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    organisation: str | None = None
    quotes: int = 0
    kind: str = "person"  # one of SPEAKER_KINDS other than "unattributed"
    reported: int = 0  # reported statements (quotes of kind "indirect"), not counted in ``quotes``


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    text: str
    speaker: str | None
    cue: str | None
    kind: str = "direct"
    speaker_kind: str | None = None  # one of SPEAKER_KINDS; inferred when not given
    statement_start: int | None = None
    """For a partial quote inside reported speech ("said the referee did a “lousy” job"): where the
    reported statement that holds it starts and ends; None otherwise."""
    statement_end: int | None = None

    @property
    def is_reported(self) -> bool:
        """Reported speech (kind ``indirect``): credited through a cue, without quotation marks."""
        return self.kind == "indirect"

    def __post_init__(self) -> None:
        if self.speaker is None:
            self.speaker_kind = "unattributed"
        elif self.speaker_kind is None or self.speaker_kind == "unattributed":
            self.speaker_kind = "person"  # analyses made before speaker kinds named people only


# What a figure is: every figure has one of these kinds.
FIGURE_KINDS: tuple[str, ...] = (
    "count",
    "money",
    "percent",
    "fraction",
    "rate",
    "measure",
    "duration",
    "age",
    "ordinal",
    "date",
    "year",
    "score",
)


@dataclass(slots=True)
class Figure:
    """A number the article gives: its words (``text``), its ``value`` (None for a date, whose day
    is ``date``), ``unit``, the ``object`` it counts or pays for, the rate's ``per``, its ``kind``
    (one of ``FIGURE_KINDS``), a ``qualifier`` kept from its words ("nearly", "more than") and, for a
    range, its ``low`` and ``high`` ("between 200 and 300")."""

    start: int
    end: int
    text: str
    value: float | None
    unit: str | None = None
    object: str | None = None
    per: str | None = None
    kind: str = "count"
    date: str | None = None
    qualifier: str | None = None
    low: float | None = None
    high: float | None = None


@cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def _build(cls: type, data: dict[str, Any]) -> Any:
    """A ``cls`` record of the fields ``data`` holds, its other keys left out."""
    names = _field_names(cls)  # once per record type: analyses read back hold hundreds of items
    if names.issuperset(data):  # every key a field (the usual item): no filtered copy
        return cls(**data)
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(slots=True)
class Analysis:
    """Everything newsread knows about one article's text."""

    text: str
    title: str | None = None
    published: str | None = None
    path: str | None = None
    entities: list[Entity] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    model: str | None = None
    sentences: list[list[int]] = field(default_factory=list)
    """The parser's sentences as ``[start, end]`` offsets, each within one line of the text and
    without its surrounding whitespace; empty for an analysis stored before sentences were kept
    (a reader then finds sentences its own way)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Rebuild from ``to_dict`` output or ``newsread analyze --json``, ignoring unknown keys."""
        return cls(
            text=data["text"],
            title=data.get("title"),
            published=data.get("published"),
            path=data.get("path"),
            entities=[_build(Entity, e) for e in data.get("entities", [])],
            speakers=[_build(Speaker, s) for s in data.get("speakers", [])],
            quotes=[_build(Quote, q) for q in data.get("quotes", [])],
            figures=[_build(Figure, f) for f in data.get("figures", [])],
            model=data.get("model"),
            sentences=[list(pair) for pair in data.get("sentences") or []],
        )


def quote_organisation(quote: Quote, speaker: Speaker | None) -> str | None:
    """The organisation ``quote`` counts for: the one rule behind the CLI's, the reader's and the
    exports' "quotes of an organisation".

    A quote credited to an organisation itself (``speaker_kind == "organisation"``) is that
    organisation's; any other attributed quote is its speaker's organisation's, if the speaker has
    one (``speaker`` is the article's ``Speaker`` named ``quote.speaker``, or None).
    """
    if quote.speaker_kind == "organisation" and quote.speaker:
        return quote.speaker
    if quote.speaker is None or speaker is None:
        return None
    return speaker.organisation
