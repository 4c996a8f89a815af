"""Corrections that last: what a reader corrected in an analysis, kept apart from it.

It lives beside ``core.notes`` rather than in the store, which never imports notes: it anchors as
notes do. A correction is a row of ``corrections`` (schema 9): the span it corrects, anchored like a note (a
position and a text-quote selector, ``core.notes.selectors``), what it corrects (``kind``) and the
corrected values (``fields``). The analysis is never changed: a correction is placed again in the
article's text and applied over the stored analysis each time the article is read
(``apply_corrections``), so it wins over a re-analysis (``add --reanalyse``), follows a changed text
(``core.notes.anchoring.anchor``, as notes do) and is found again when a deleted article is added
again under the same URL. One that cannot be placed — its words are gone, or no quote stands there
any more — is orphaned: listed (``corrections``), never dropped.

The kinds kept now: ``SPEAKER``, a quote's speaker reassigned (``fields``: ``speaker``,
``speaker_kind``, and ``was``, the speaker the analysis gave), ``NOT_QUOTE``, a span the
analysis took for a quote that is none (``fields``: ``was``, its speaker then): the quote is left
out, and ``ADDED``, a quote the analysis missed, added from a selection (``fields``: ``speaker``,
``speaker_kind``): it is put where its words are now, in place of a quote of the analysis over
them; and ``DETAILS``, a speaker's role and organisation in the article edited (``fields``:
``speaker``, ``role``, ``organisation``, ``was_role``, ``was_organisation``), anchored on one of
their quotes. A later correction of the same quote wins over an earlier one.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .model import Analysis, Quote, Speaker, quote_organisation
from .notes.selectors import TextQuote, quote_at
from .store.reads import reading

if TYPE_CHECKING:
    from .store.library import Library
    from .store.records import QuoteRow

SPEAKER = "speaker"
"""A quote's speaker reassigned."""
NOT_QUOTE = "not_quote"
"""A span marked as not a quote."""
ADDED = "added"
"""A quote the analysis missed, added from a selection."""
DETAILS = "details"
"""A speaker's role and organisation in the article, edited."""


@dataclass(slots=True, kw_only=True)
class Correction:
    """One stored correction; ``orphaned`` when it was last read and could not be placed."""

    id: int
    article_id: int | None
    article_url: str | None
    article_title: str | None
    kind: str
    start: int
    end: int
    selector: TextQuote
    fields: dict[str, Any]
    created: str
    orphaned: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The correction as a line of the corrections export: the article's URL, the span's
        selectors (W3C ``TextQuoteSelector`` and ``TextPositionSelector``) and the corrected fields."""
        return {
            "id": self.id,
            "kind": self.kind,
            "url": self.article_url,
            "title": self.article_title,
            "article_id": self.article_id,
            "selectors": [
                {"type": "TextQuoteSelector", "exact": self.selector.exact, "prefix": self.selector.prefix,
                 "suffix": self.selector.suffix},
                {"type": "TextPositionSelector", "start": self.start, "end": self.end},
            ],
            "fields": self.fields,
            "created": self.created,
            "orphaned": self.orphaned,
        }  # fmt: skip


_COLUMNS = "id, article_id, article_url, article_title, kind, start, end, exact, prefix, suffix, fields, created"


def _correction(r: Any) -> Correction:
    return Correction(
        id=r[0],
        article_id=r[1],
        article_url=r[2],
        article_title=r[3],
        kind=r[4],
        start=r[5],
        end=r[6],
        selector=TextQuote(r[7], r[8] or "", r[9] or ""),
        fields=json.loads(r[10]),
        created=r[11],
    )


def _store(library: Library, article_id: int, quote: Quote, kind: str, fields: dict[str, Any]) -> int:
    """Store a correction of ``kind`` on ``quote``'s span of the article, anchored as a note; its id."""
    from .store.library import now_iso

    with library.transaction() as conn:
        row = conn.execute("SELECT text, COALESCE(url, source), title FROM articles WHERE id = ?", (article_id,))
        found = row.fetchone()
        if found is None:
            raise ValueError(f"no article {article_id}")
        text, url, title = found
        selector = quote_at(text, quote.start, quote.end)
        cur = conn.execute(
            "INSERT INTO corrections (article_id, article_url, article_title, kind, start, end, exact, prefix, suffix, "
            "fields, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, url, title, kind, quote.start, quote.end, selector.exact, selector.prefix, selector.suffix,
             json.dumps(fields, ensure_ascii=False), now_iso()),
        )  # fmt: skip
        assert cur.lastrowid is not None
        return cur.lastrowid


def correct_speaker(library: Library, article_id: int, quote: Quote, speaker: str, speaker_kind: str) -> int:
    """Store that ``quote`` of the article was said by ``speaker`` (of ``speaker_kind``); its id."""
    name = " ".join(speaker.split())
    if not name:
        raise ValueError("a speaker needs a name")
    return _store(
        library, article_id, quote, SPEAKER, {"speaker": name, "speaker_kind": speaker_kind, "was": quote.speaker}
    )


def correct_not_quote(library: Library, article_id: int, quote: Quote) -> int:
    """Store that ``quote``'s span of the article is not a quote; its id."""
    return _store(library, article_id, quote, NOT_QUOTE, {"was": quote.speaker})


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``–``end`` within ``text`` without the spaces around it: where an added quote stands."""
    start, end = max(0, start), min(end, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def correct_added(library: Library, article_id: int, start: int, end: int, speaker: str, speaker_kind: str) -> int:
    """Store that the article's text from ``start`` to ``end`` is a quote the analysis missed, said
    by ``speaker`` (of ``speaker_kind``); its id. Surrounding spaces are left out of the span."""
    name = " ".join(speaker.split())
    if not name:
        raise ValueError("a speaker needs a name")
    with reading(library) as conn:
        row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise ValueError(f"no article {article_id}")
    text: str = row[0]
    start, end = trimmed(text, start, end)
    if start >= end:
        raise ValueError("an added quote needs some words")
    quote = Quote(start=start, end=end, text=text[start:end], speaker=name, cue=None, speaker_kind=speaker_kind)
    return _store(library, article_id, quote, ADDED, {"speaker": name, "speaker_kind": speaker_kind})


def correct_details(
    library: Library, article_id: int, quote: Quote, role: str | None, organisation: str | None, was: Speaker | None
) -> int:
    """Store that the speaker of ``quote`` has, in this article, ``role`` and ``organisation``
    (empty: none), anchored on ``quote``; ``was`` is the article's speaker of that name, if any. Its id."""
    if not quote.speaker:
        raise ValueError("an unattributed quote has no speaker to describe")
    fields = {
        "speaker": quote.speaker,
        "role": " ".join((role or "").split()) or None,
        "organisation": " ".join((organisation or "").split()) or None,
        "was_role": was.role if was else None,
        "was_organisation": was.organisation if was else None,
    }
    return _store(library, article_id, quote, DETAILS, fields)


def corrections_of(library: Library, article_id: int) -> list[Correction]:
    """The corrections of an article, oldest first: its own, and those left by a deleted article
    of the same URL."""
    with reading(library) as conn:
        row = conn.execute("SELECT COALESCE(url, source) FROM articles WHERE id = ?", (article_id,)).fetchone()
        url = row[0] if row else None
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM corrections WHERE article_id = ? "
            "OR (article_id IS NULL AND article_url IS NOT NULL AND article_url = ?) ORDER BY id",
            (article_id, url),
        ).fetchall()
    return [_correction(r) for r in rows]


def place(text: str, quotes: list[Quote], correction: Correction, skip: Collection[int] = ()) -> int | None:
    """The index of the quote (in ``quotes``) a correction stands on in ``text`` now: its selector
    anchored (``anchoring.anchor``, as a note), then the quote overlapping the anchor most (of those
    not in ``skip``, the indexes of quotes already left out); None when it cannot be placed
    (orphaned). The anchoring (and rapidfuzz) is imported when an article with corrections is first
    read: opening the reader on one without pays nothing for it."""
    from .notes.anchoring import anchor

    found = anchor(text, correction.selector, correction.start)
    if found is None:
        return None
    best, overlap = None, 0
    for i, q in enumerate(quotes):
        if i in skip:
            continue
        shared = min(q.end, found.end) - max(q.start, found.start)
        if shared > overlap:
            best, overlap = i, shared
    return best


def apply_corrections(analysis: Analysis, corrections: list[Correction]) -> tuple[Analysis, set[int]]:
    """The analysis with its corrections applied, in the order they were made (later ones win): a
    quote marked as none is left out; an added quote is put where its words are now, in place of
    any quote of the analysis overlapping them; a speaker's edited role and organisation replace
    the analysis' (every quote of that speaker counts as corrected); the starts of the quotes a
    correction changed or added. Each correction's ``orphaned`` is set to whether it could be placed."""
    from .notes.anchoring import anchor

    text = analysis.text
    quotes = list(analysis.quotes)
    corrected: set[int] = set()
    dropped: set[int] = set()
    details: dict[str, tuple[str | None, str | None]] = {}  # speaker → (role, organisation)
    for c in corrections:
        if c.kind == ADDED:
            found = anchor(text, c.selector, c.start)
            c.orphaned = found is None
            if found is None:
                continue
            dropped.update(
                i for i, q in enumerate(quotes) if i not in dropped and q.start < found.end and found.start < q.end
            )
            quotes.append(Quote(start=found.start, end=found.end, text=text[found.start : found.end],
                                speaker=c.fields["speaker"], cue=None,
                                speaker_kind=c.fields.get("speaker_kind") or "person"))  # fmt: skip
            corrected.add(found.start)
            continue
        index = place(text, quotes, c, dropped) if c.kind in (SPEAKER, NOT_QUOTE, DETAILS) else None
        c.orphaned = index is None
        if index is None:
            continue
        if c.kind == NOT_QUOTE:
            dropped.add(index)
            continue
        if c.kind == DETAILS:
            details[c.fields["speaker"]] = (c.fields.get("role"), c.fields.get("organisation"))
            continue
        quotes[index] = replace(
            quotes[index], speaker=c.fields["speaker"], speaker_kind=c.fields.get("speaker_kind") or "person"
        )
        corrected.add(quotes[index].start)
    kept = sorted((q for i, q in enumerate(quotes) if i not in dropped), key=lambda q: (q.start, q.end))
    speakers = analysis.speakers
    if details:
        speakers = [replace(sp, role=details[sp.name][0], organisation=details[sp.name][1])
                    if sp.name in details else sp for sp in speakers]  # fmt: skip
        named = {sp.name for sp in speakers}
        speakers += [Speaker(name=n, role=r, organisation=o) for n, (r, o) in details.items() if n not in named]
        corrected.update(q.start for q in kept if q.speaker in details)
    return replace(analysis, quotes=kept, speakers=speakers), {q.start for q in kept if q.start in corrected}


def corrected_analysis(library: Library, article_id: int, analysis: Analysis) -> tuple[Analysis, set[int]]:
    """The article's ``analysis`` with its stored corrections applied (``apply_corrections``) and
    the starts of the quotes they changed: the one rule the reader, ``newsread quotes`` and ``export
    quotes`` share. An article without corrections costs one indexed read."""
    fixes = corrections_of(library, article_id)
    return apply_corrections(analysis, fixes) if fixes else (analysis, set())


def corrected_rows(library: Library, rows: list[QuoteRow]) -> tuple[list[QuoteRow], set[int]]:
    """The library's quote rows (``Library.quotes``) with the corrections applied by
    ``corrected_analysis``: a reassigned speaker replaces the analysis' (with the role and
    organisation the article gives that name, if any), a span marked as not a quote is left out;
    and the ids of the rows corrected. Rows of articles without corrections are returned as they are."""
    articles = list(dict.fromkeys(r.article_id for r in rows))
    if not articles:
        return rows, set()
    with reading(library) as conn:
        marks = ",".join("?" * len(articles))
        found = conn.execute(
            f"SELECT DISTINCT a.id FROM articles a JOIN corrections c ON c.article_id = a.id "
            f"OR (c.article_id IS NULL AND c.article_url IS NOT NULL AND c.article_url = COALESCE(a.url, a.source)) "
            f"WHERE a.id IN ({marks})",
            articles,
        ).fetchall()
    with_fixes = {r[0] for r in found}
    if not with_fixes:
        return rows, set()
    fixed: dict[int, tuple[dict[int, Quote], dict[str, Speaker], set[int]]] = {}
    for article_id in with_fixes:
        analysis = library.analysis(article_id)
        if analysis is None:
            continue
        analysis, starts = corrected_analysis(library, article_id, analysis)
        speakers = {s.name: s for s in analysis.speakers}
        fixed[article_id] = ({q.start: q for q in analysis.quotes}, speakers, starts)
    out: list[QuoteRow] = []
    corrected: set[int] = set()
    for row in rows:
        if row.article_id not in fixed:
            out.append(row)
            continue
        quotes, speakers, starts = fixed[row.article_id]
        quote = quotes.get(row.start)
        if quote is None:  # marked as not a quote
            continue
        if row.start in starts:
            speaker = speakers.get(quote.speaker or "")
            row = replace(
                row,
                speaker=quote.speaker,
                speaker_kind=quote.speaker_kind or "person",
                role=speaker.role if speaker else None,
                organisation=quote_organisation(quote, speaker),
                identity_id=None,  # the library's identity was the analysis' speaker's
            )
            corrected.add(row.id)
        out.append(row)
    return out, corrected


def corrections(library: Library) -> list[Correction]:
    """Every correction of the library, oldest first, each placed in its article as it is now
    (``orphaned`` when it cannot be, or its article is gone)."""
    with reading(library) as conn:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM corrections ORDER BY id").fetchall()
        found = [_correction(r) for r in rows]
        by_article: dict[int, list[Correction]] = {}
        for c in found:
            article_id = c.article_id
            if article_id is None and c.article_url:  # its article deleted: the same URL added again?
                row = conn.execute(
                    "SELECT id FROM articles WHERE url = ? OR source = ? ORDER BY id DESC LIMIT 1",
                    (c.article_url, c.article_url),
                ).fetchone()
                article_id = row[0] if row else None
            if article_id is None:
                c.orphaned = True
            else:
                by_article.setdefault(article_id, []).append(c)
    for article_id, cs in by_article.items():
        analysis = library.analysis(article_id)
        if analysis is None:
            for c in cs:
                c.orphaned = True
            continue
        apply_corrections(analysis, cs)
    return found
