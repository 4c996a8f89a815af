"""One figure across articles: the figures of the library that count the same thing, side by side.

Figures are one group when ``figure_keys.key_of`` gives them the same key (kind, what they
count, unit, per what; "35 aid trucks per day" and "250 Aid trucks a day"). The store keeps the
key's object (``figures.object_key``, ``figure_keys.object_key`` of the figure's object, written
when the article is added) indexed with the article, so a group is found without spaCy and without
reading any article that holds none of it:

1. the figures of the key's object, from the index on (object_key, article_id) alone;
2. up to ``FEW_CANDIDATES`` of them, read with their articles and sorted newest first; more (an
   object many figures count), the articles walked newest first (the article list's own index),
   each probed in the same index, until ``limit`` figures of the group are found;
3. each figure's whole key (kind, unit, per) compared in Python: the others of the same object are
   the group's ``related``.

A figure is found whatever words its article uses (what the analysis chose as its object is the key).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..figure_keys import FigureKey, figure_key, key_of, object_key
from ..figure_words import figure_words
from ..model import Figure
from .library import FIGURE_COLUMNS
from .reads import reading

if TYPE_CHECKING:
    from .library import Library

_FIGURE_FIELDS = FIGURE_COLUMNS[1:]  # the columns a Figure is built from, by name


@dataclass(slots=True, kw_only=True)
class FigureSighting:
    """One figure of a group: the figure, where it is (article, its date, site and title) and the
    sentence it stands in (its own words when the article kept no sentences)."""

    figure_id: int
    article_id: int
    title: str | None
    site: str | None
    date: str | None
    figure: Figure
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        f = self.figure
        return {
            "figure_id": self.figure_id,
            "article_id": self.article_id,
            "title": self.title,
            "site": self.site,
            "date": self.date,
            "reading": figure_words(f).reading(),
            "text": f.text,
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "qualifier": f.qualifier,
            "unit": f.unit,
            "object": f.object,
            "per": f.per,
            "kind": f.kind,
            "start": f.start,
            "end": f.end,
            "sentence": self.sentence,
        }


@dataclass(slots=True, kw_only=True)
class FigureGroup:
    """The figures of one key, newest article first; ``complete`` is False when the search stopped
    at its ``limit`` with more to find. ``related`` counts the figures of the same object in
    another kind, unit or rate met on the way ("797 aid trucks" beside "35 aid trucks per day"):
    all of them when ``complete``, else those in the articles read."""

    key: FigureKey
    sightings: list[FigureSighting] = field(default_factory=list)
    complete: bool = True
    related: dict[FigureKey, int] = field(default_factory=dict)

    @property
    def articles(self) -> int:
        return len({s.article_id for s in self.sightings})

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.key.kind,
            "object": self.key.object,
            "unit": self.key.unit or None,
            "per": self.key.per or None,
            "label": self.key.words(),
            "figures": len(self.sightings),
            "articles": self.articles,
            "complete": self.complete,
            "related": [{"label": k.words(), "kind": k.kind, "figures": n} for k, n in self.related.items()],
            "sightings": [s.to_dict() for s in self.sightings],
        }


FEW_CANDIDATES = 500
"""Up to this many figures of an object, they are read and sorted; beyond, the articles are walked
newest first (the list's own index) until the group's page is full."""


def _sightings(library: Library, object_words: str) -> Iterator[tuple[FigureKey, FigureSighting]]:
    """Every figure whose object is keyed ``object_words``, newest article first, with its key
    (not yet compared); ``sentence`` is still empty (``_with_sentences``)."""
    if not object_words:
        return
    columns = ", ".join(f'f."{c}"' for c in _FIGURE_FIELDS)
    select = f"SELECT f.id, f.article_id, a.title, a.site, substr(COALESCE(a.published, a.added), 1, 10), {columns} "
    order = " ORDER BY COALESCE(a.published, a.added) DESC, a.id DESC, f.start"
    with reading(library) as conn:
        few = conn.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM figures INDEXED BY idx_figures_object_key WHERE object_key = ? "
            f"LIMIT {FEW_CANDIDATES + 1})",
            (object_words,),
        ).fetchone()[0]
        if few <= FEW_CANDIDATES:
            source = "FROM figures f INDEXED BY idx_figures_object_key JOIN articles a ON a.id = f.article_id "
        else:
            source = (
                "FROM articles a INDEXED BY idx_articles_newest CROSS JOIN figures f INDEXED BY idx_figures_object_key "
                "ON f.article_id = a.id "
            )
        for row in conn.execute(select + source + "WHERE f.object_key = ?" + order, (object_words,)):
            figure = Figure(**dict(zip(_FIGURE_FIELDS, row[5:], strict=True)))
            sighting = FigureSighting(
                figure_id=row[0], article_id=row[1], title=row[2], site=row[3], date=row[4], figure=figure, sentence=""
            )
            yield key_of(figure), sighting


CONTEXT_CHARS = 100
"""Characters either side of a figure shown when its article kept no sentences."""


def _with_sentences(library: Library, sightings: list[FigureSighting]) -> None:
    """Give each sighting the sentence its figure stands in (the analyser's sentences); for an
    article that kept none, the words around the figure within its paragraph."""
    import json

    spans: dict[int, list[list[int]]] = {}
    with reading(library) as conn:
        for s in sightings:
            if s.article_id not in spans:
                row = conn.execute("SELECT sentences FROM articles WHERE id = ?", (s.article_id,)).fetchone()
                spans[s.article_id] = json.loads(row[0]) if row and row[0] else []
            f = s.figure
            span = next(((b, e) for b, e in spans[s.article_id] if b <= f.start < e), None)
            window = span is None
            if span is None:
                span = (max(0, f.start - CONTEXT_CHARS), f.end + CONTEXT_CHARS)
            row = conn.execute(
                "SELECT substr(text, ?, ?) FROM articles WHERE id = ?", (span[0] + 1, span[1] - span[0], s.article_id)
            ).fetchone()
            text = row[0] if row and row[0] else f.text
            if window:
                cut_end = len(text) == span[1] - span[0]
                s.sentence = _paragraph_part(text, f.start - span[0], cut_start=span[0] > 0, cut_end=cut_end)
            else:
                s.sentence = text.strip()


def _paragraph_part(text: str, at: int, *, cut_start: bool, cut_end: bool) -> str:
    """The part of the window ``text`` in the paragraph holding offset ``at``, stripped; a word the
    window cut (``cut_start``, ``cut_end``: it does not begin or end where the article does) is
    left out for "…"."""
    start = text.rfind("\n", 0, max(at, 0)) + 1
    end = text.find("\n", max(at, 0))
    end = len(text) if end < 0 else end
    head = tail = ""
    if cut_start and start == 0 and (space := text.find(" ", 0, at)) >= 0:
        start, head = space + 1, "…"
    if cut_end and end == len(text) and (space := text.rfind(" ", at)) > at:
        end, tail = space, "…"
    return head + text[start:end].strip() + tail


def figure_group(library: Library, key: FigureKey, *, limit: int | None = 200) -> FigureGroup:
    """The figures of ``key`` across the library, newest article first, at most ``limit``."""
    group = FigureGroup(key=key)
    if key.is_empty:
        return group
    for found, sighting in _sightings(library, key.object):
        if found != key:
            if found.object == key.object and not found.is_empty:
                group.related[found] = group.related.get(found, 0) + 1
            continue
        if limit is not None and len(group.sightings) >= limit:
            group.complete = False
            break
        group.sightings.append(sighting)
    _with_sentences(library, group.sightings)
    group.related = dict(sorted(group.related.items(), key=lambda kv: (-kv[1], kv[0].words())))
    return group


_PER = re.compile(
    r"\s+(?:per\s+(?=\S+$)|(?:a|an|each)\s+(?=(?:second|minute|hour|day|week|month|year)$))", re.IGNORECASE
)


def object_and_per(words: str) -> tuple[str, str | None]:
    """What a user asks for split into what is counted and per what: "aid trucks per day" and
    "aid trucks a day" are ("aid trucks", "day"). The rate is the last word, after "per", or after
    "a"/"an"/"each" when it is a unit of time ("members of a union" is what is counted)."""
    parts = _PER.split(words.strip(), maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (words, None)


def groups_of_object(library: Library, words: str, *, limit: int | None = 200) -> list[FigureGroup]:
    """Every group whose object is ``words`` (keyed as ``object_key`` does: "Aid Trucks" is "aid
    truck"), one per kind, unit and per; the largest group first. ``words`` may end in a rate
    ("aid trucks per day", "a day"): then only the groups of that rate. ``limit`` bounds the
    figures read in all."""
    counted, per = object_and_per(words)
    wanted = object_key(counted)
    wanted_per = object_key(per) if per else None
    groups: dict[FigureKey, FigureGroup] = {}
    kept = 0
    complete = True
    if wanted:
        for found, sighting in _sightings(library, wanted):
            if found.object != wanted or found.is_empty or (wanted_per is not None and found.per != wanted_per):
                continue
            if limit is not None and kept >= limit:
                complete = False
                break
            groups.setdefault(found, FigureGroup(key=found)).sightings.append(sighting)
            kept += 1
    out = sorted(groups.values(), key=lambda g: (-len(g.sightings), g.key.words(), g.key.kind))
    for g in out:
        g.complete = complete
        _with_sentences(library, g.sightings)
    return out


def group_of(library: Library, figure: Figure, *, limit: int | None = 200) -> FigureGroup:
    """The group ``figure`` belongs to (``figure_key`` of its kind, object, unit and per)."""
    return figure_group(library, figure_key(figure.kind, figure.object, figure.unit, figure.per), limit=limit)
