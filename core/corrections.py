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

Everything that lists quotes follows them by this one rule: the reader (``corrected_analysis``),
``newsread quotes``, ``export quotes`` and the reader's exports (``corrected_quotes``, whose
filters choose by the corrected speaker), a person's page (``identity_quotes``, read by
``store.people``), the library list's speaker and organisation filters (``articles_quoting``,
``articles_of_organisation``, read by ``Library.articles``) and the speakers' counts
(``speaker_rows``, read by ``Library.speakers``). Corrections are few, so the articles that have
any are read apart and corrected (``article_quotes``), and their rows are put in their place among
the library's page of the other articles (``merged_page``), which the indexes read as they would
without corrections. The corrected rows are kept for the open library until its file changes
(``_read``: a write through it, or a commit by any other connection), so opening pages one after
another reads and corrects those articles once.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_left
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from weakref import WeakKeyDictionary

from .model import Analysis, Quote, Speaker, quote_organisation
from .notes.selectors import TextQuote, quote_at
from .organisations import organisation_key
from .store.identities import ORGANISATION, PERSON, norm
from .store.merges import named
from .store.reads import reading, writing
from .store.records import QuoteRow

if TYPE_CHECKING:
    from .store.library import Library

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
    """Store a correction of ``kind`` on ``quote``'s span of the article, anchored as a note; its id.

    A person or organisation it credits becomes a library identity if none goes by that name yet
    (by the library's rule, as a new article's speaker would), so that their page and ``--speaker``
    find them; the analysis' rows are not changed."""
    from .store.library import _identity_for, now_iso

    with writing(library) as conn:
        credited, credited_kind = fields.get("speaker"), fields.get("speaker_kind")
        if kind in (SPEAKER, ADDED) and credited and credited_kind in (PERSON, ORGANISATION):
            _identity_for(conn, credited, credited_kind, [])
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


def apply_corrections(
    analysis: Analysis, corrections: list[Correction], added: dict[int, int] | None = None
) -> tuple[Analysis, set[int]]:
    """The analysis with its corrections applied, in the order they were made (later ones win): a
    quote marked as none is left out; an added quote is put where its words are now, in place of
    any quote of the analysis overlapping them; a speaker's edited role and organisation replace
    the analysis' (every quote of that speaker counts as corrected); the starts of the quotes a
    correction changed or added. Each correction's ``orphaned`` is set to whether it could be
    placed. ``added``, when given, is filled with each added quote's start → its correction's id."""
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
            if added is not None:
                added[found.start] = c.id
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


_C_COLUMNS = ", ".join(f"c.{column.strip()}" for column in _COLUMNS.split(","))


def corrections_by_article(conn: sqlite3.Connection) -> dict[int, list[Correction]]:
    """Every article that has corrections → its corrections, oldest first (as ``corrections_of``:
    its own and those left by a deleted article of the same URL). One read of ``corrections``, a
    table of what readers did by hand."""
    out: dict[int, list[Correction]] = {}
    for r in conn.execute(
        f"SELECT {_C_COLUMNS}, c.article_id FROM corrections c WHERE c.article_id IS NOT NULL "
        f"UNION ALL SELECT {_C_COLUMNS}, a.id FROM corrections c JOIN articles a "
        "ON (a.url = c.article_url OR a.source = c.article_url) AND COALESCE(a.url, a.source) = c.article_url "
        "WHERE c.article_id IS NULL AND c.article_url IS NOT NULL ORDER BY 1"
    ):
        out.setdefault(r[-1], []).append(_correction(r))
    return out


def _identity_of(conn: sqlite3.Connection, article_id: int, name: str, kind: str) -> int | None:
    """The library identity of a speaker a correction named: the article's speaker of that name,
    else the identity of that name and kind (``merges.named``); None when the library has none."""
    row = conn.execute(
        "SELECT identity_id FROM speakers WHERE article_id = ? AND name = ? AND identity_id IS NOT NULL LIMIT 1",
        (article_id, name),
    ).fetchone()
    if row is not None:
        return int(row[0])
    found = named(conn, name, kind)
    return found[0] if found else None


def _stored_quotes(conn: sqlite3.Connection, article_id: int, rows: list[QuoteRow]) -> Analysis | None:
    """The part of an article's stored analysis the corrections read (``Library.analysis`` without
    the entities, figures and sentences they never look at): its text, speakers and the quotes of
    ``rows``."""
    art = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    if art is None:
        return None
    speakers = [
        Speaker(name=r[0], role=r[1], organisation=r[2], kind=r[3] or PERSON)
        for r in conn.execute(
            "SELECT name, role, organisation, kind FROM speakers WHERE article_id = ? ORDER BY id", (article_id,)
        )
    ]
    quotes = [
        Quote(start=r.start, end=r.end, text=r.text, speaker=r.speaker, cue=r.cue, kind=r.kind,
              speaker_kind=r.speaker_kind, statement_start=r.statement_start, statement_end=r.statement_end)
        for r in rows
    ]  # fmt: skip
    return Analysis(text=art[0], speakers=speakers, quotes=quotes)


def article_quotes(
    library: Library, article_id: int, fixes: list[Correction] | None = None
) -> tuple[list[QuoteRow], set[int]]:
    """One article's quote rows as its corrections make them (``corrected_analysis``, the reader's
    rule), in text order, and the ids of the rows a correction changed or added.

    A reassigned speaker replaces the analysis' with the role and organisation the article gives
    that name and the library identity of that name (``_identity_of``); a span marked as not a
    quote is left out; a speaker's edited role and organisation replace theirs; an added quote is
    a row of its own, whose ``id`` is minus its correction's (it has no row of the analysis).
    ``fixes``: the article's corrections, when the caller has read them (``corrections_by_article``)."""
    rows = library.quotes(article_id=article_id)
    with reading(library) as conn:
        analysis = _stored_quotes(conn, article_id, rows)
    fixes = corrections_of(library, article_id) if fixes is None and analysis is not None else fixes
    if analysis is None or not fixes:
        return rows, set()
    added: dict[int, int] = {}
    fixed, starts = apply_corrections(analysis, fixes, added)
    by_span = {(r.start, r.end): r for r in rows}
    speakers = {s.name: s for s in fixed.speakers}
    article = library.article(article_id) if not rows else None
    title = rows[0].article_title if rows else article.title if article else None
    out: list[QuoteRow] = []
    corrected: set[int] = set()
    with reading(library) as conn:
        for q in fixed.quotes:
            row = by_span.get((q.start, q.end))
            if row is not None and q.start not in starts:
                out.append(row)
                continue
            if row is None:
                row = QuoteRow(id=-added.get(q.start, 0), article_id=article_id, article_title=title, start=q.start,
                               end=q.end, text=q.text, speaker=None, organisation=None, role=None, cue=None,
                               kind=q.kind)  # fmt: skip
            speaker = speakers.get(q.speaker or "")
            kind = q.speaker_kind or "person"
            same = row.speaker == q.speaker and row.identity_id is not None
            row = replace(
                row,
                speaker=q.speaker,
                speaker_kind=kind,
                role=speaker.role if speaker else None,
                organisation=quote_organisation(q, speaker),
                identity_id=row.identity_id if same else _identity_of(conn, article_id, q.speaker or "", kind),
            )
            corrected.add(row.id)
            out.append(row)
    return out, corrected


@dataclass(slots=True, kw_only=True)
class _Read:
    """The library's corrections as read in one state of its file (``state``: the connection, its
    ``PRAGMA data_version``, which any other connection's commit changes, and its own
    ``total_changes``): every article's corrections (``corrections_by_article``) and the corrected
    rows of the articles read so far (``article_quotes``)."""

    state: tuple[int, int, int]
    by_article: dict[int, list[Correction]]
    rows: dict[int, tuple[list[QuoteRow], set[int]]] = field(default_factory=dict)


_READS: WeakKeyDictionary[Library, _Read] = WeakKeyDictionary()
"""The last ``_Read`` of each open library: the lists that follow the corrections read them again
only after the library changed (a write here or a commit by another process), not at every page."""


def _read(library: Library, conn: sqlite3.Connection) -> _Read:
    """The library's corrections as it is now: the ``_Read`` kept for it while nothing changed.
    One read inside an open transaction is not kept: a rollback leaves ``total_changes`` as the
    writes made it, and the rows read would outlive the writes they saw."""
    state = (id(conn), int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
    found = _READS.get(library)
    if found is None or found.state != state:
        found = _Read(state=state, by_article=corrections_by_article(conn))
        if not conn.in_transaction:
            _READS[library] = found
    return found


def _rows_of(library: Library, read: _Read, article_id: int) -> tuple[list[QuoteRow], set[int]]:
    """``article_quotes`` of an article with corrections, read once for ``read``'s state."""
    found = read.rows.get(article_id)
    if found is None:
        found = read.rows[article_id] = article_quotes(library, article_id, read.by_article[article_id])
    return found


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteFilter:
    """``Library.quotes``' filters, as a rule over one corrected row: ``identities`` (with the
    merged ones; a row with no identity is kept by its speaker's ``name``), ``organisation_key``
    with ``naming`` (the spans, per article, of the entities of that organisation: a quote naming
    it), ``speaker_kind`` and ``kind``."""

    identities: frozenset[int] | None = None
    name: str | None = None
    organisation_key: str | None = None
    naming: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    speaker_kind: str | None = None
    kind: str | None = None

    def keeps(self, row: QuoteRow) -> bool:
        if self.identities is not None:
            if row.identity_id is None:
                if not (self.name and row.speaker and norm(row.speaker) == norm(self.name)):
                    return False
            elif row.identity_id not in self.identities:
                return False
        if self.organisation_key is not None and organisation_key(row.organisation or "") != self.organisation_key:
            spans = self.naming.get(row.article_id, [])
            if not any(s < row.end and row.start < e for s, e in spans):
                return False
        if self.speaker_kind and row.speaker_kind != self.speaker_kind:
            return False
        return not (self.kind and row.kind != self.kind)


class _Row(Protocol):
    article_id: int
    start: int


_RowT = TypeVar("_RowT", bound=_Row)


def merged_page(
    conn: sqlite3.Connection,
    fetch: Callable[[int, int | None], list[_RowT]],
    extras: list[_RowT],
    offset: int,
    limit: int | None,
) -> list[_RowT]:
    """One page (``limit`` rows from ``offset``) of the rows ``fetch(offset, limit)`` reads from the
    library in its order (newest article first, text order within one) together with ``extras``
    (the corrected articles' rows, read apart): asks ``fetch`` for at most ``limit`` + the extras'
    count rows, so a page of the library stays what its index walk costs. ``extras`` come from
    articles ``fetch`` never returns."""
    if not extras:
        return fetch(offset, limit)
    start = 0 if limit is None else max(0, offset - len(extras))
    want = None if limit is None else offset + limit - start
    got = fetch(start, want)
    if start > 0 and not got:  # past the library's rows: read them from the start
        start, want = 0, offset + (limit or 0)
        got = fetch(0, want)
    short = want is None or len(got) < want
    order = _article_order(conn, {r.article_id for r in [*got, *extras]})

    def key(r: _RowT) -> tuple[int, int]:
        return order[r.article_id], r.start

    extras = sorted(extras, key=key)
    extra_keys, got_keys = [key(e) for e in extras], [key(r) for r in got]  # both in the list's order
    ranked = [(start + j + bisect_left(extra_keys, k), r) for j, (k, r) in enumerate(zip(got_keys, got, strict=True))]
    for i, (k, e) in enumerate(zip(extra_keys, extras, strict=True)):
        if start > 0 and k < got_keys[0]:
            continue  # before the rows read: before the page
        if not short and k > got_keys[-1]:
            continue  # after the rows read: after the page
        ranked.append((start + bisect_left(got_keys, k) + i, e))
    end = None if limit is None else offset + limit
    return [r for rank, r in sorted(ranked, key=lambda x: x[0]) if rank >= offset and (end is None or rank < end)]


def _article_order(conn: sqlite3.Connection, article_ids: set[int]) -> dict[int, int]:
    """Each article's place in the library's order (newest first, as ``Library.quotes``)."""
    ids = sorted(article_ids)
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT id, COALESCE(published, added) FROM articles WHERE id IN ({marks})", ids).fetchall()
    rows.sort(key=lambda r: (r[1] or "", r[0]), reverse=True)
    return {r[0]: i for i, r in enumerate(rows)}


def corrected_quotes(
    library: Library,
    *,
    speaker: str | None = None,
    organisation: str | None = None,
    article_id: int | None = None,
    speaker_kind: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[QuoteRow], set[int]]:
    """``Library.quotes`` with the corrections applied, and the ids of the rows corrected: what
    ``newsread quotes``, ``export quotes`` and the reader's exports list.

    The articles with corrections are read apart (``article_quotes``: reassigned speakers, spans
    that are not quotes left out, added quotes in) and their rows kept by the same filters, by the
    corrected speaker (``QuoteFilter``); the others' rows are the library's query, which leaves
    those articles out. Without corrections it is ``Library.quotes`` alone."""
    filters: dict[str, Any] = {
        "speaker": speaker, "organisation": organisation, "article_id": article_id, "speaker_kind": speaker_kind,
        "kind": kind,
    }  # fmt: skip
    with reading(library) as conn:
        read = _read(library, conn)
        by_article = read.by_article
        fixed = [a for a in by_article if article_id is None or a == article_id]
        if not fixed:
            return library.quotes(**filters, limit=limit, offset=offset), set()
        rule = QuoteFilter(
            identities=frozenset(library.identity_filter(speaker) or ()) if speaker else None,
            name=speaker,
            organisation_key=organisation_key(organisation) if organisation else None,
            naming=_naming(conn, fixed, organisation) if organisation else {},
            speaker_kind=speaker_kind,
            kind=kind,
        )
        extras: list[QuoteRow] = []
        corrected: set[int] = set()
        for a in fixed:
            rows, changed = _rows_of(library, read, a)
            kept = [r for r in rows if rule.keeps(r)]
            extras += kept
            corrected.update(r.id for r in kept if r.id in changed)

        def fetch(start: int, count: int | None) -> list[QuoteRow]:
            return library.quotes(**filters, limit=count, offset=start, not_in_articles=fixed)

        return merged_page(conn, fetch, extras, offset, limit), corrected


@dataclass(slots=True, kw_only=True)
class IdentityQuotes:
    """The corrected articles that concern some identities (``articles``: one of their rows is
    there, or a correction there credits one of their names), those articles' rows that are theirs
    as corrected (``rows``, by ``article_quotes``), and the ids of those a correction changed."""

    articles: list[int] = field(default_factory=list)
    rows: list[QuoteRow] = field(default_factory=list)
    corrected: set[int] = field(default_factory=set)


def identity_quotes(library: Library, identity_ids: list[int]) -> IdentityQuotes:
    """What the corrections make of a person's page (``store.people``) for ``identity_ids`` (one
    identity and those merged into it): see ``IdentityQuotes``. Without corrections, one read of
    the ``corrections`` table."""
    out = IdentityQuotes()
    with reading(library) as conn:
        read = _read(library, conn)
        by_article = read.by_article
        if not by_article or not identity_ids:
            return out
        fixed = {a: {norm(c.fields["speaker"]) for c in cs if c.fields.get("speaker")} for a, cs in by_article.items()}
        arts, ids = sorted(fixed), list(identity_ids)
        a_marks, i_marks = ",".join("?" * len(arts)), ",".join("?" * len(ids))
        theirs = {
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT article_id FROM quotes WHERE article_id IN ({a_marks}) "
                f"AND identity_id IN ({i_marks})",
                [*arts, *ids],
            )
        }
        names = {
            norm(r[0])
            for r in conn.execute(f"SELECT alias FROM identity_aliases WHERE identity_id IN ({i_marks})", ids)
        }
    out.articles = [a for a in arts if a in theirs or fixed[a] & names]
    rule = QuoteFilter(identities=frozenset(ids))
    for a in out.articles:
        rows, changed = _rows_of(library, read, a)
        kept = [r for r in rows if rule.keeps(r)]
        out.rows += kept
        out.corrected.update(r.id for r in kept if r.id in changed)
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class CorrectedArticles:
    """What the corrections make of one filter of the library list (``Library.articles``): the
    corrected articles it concerns (``fixed``), which the list tests by their corrected quotes
    rather than their stored rows, and those of them it keeps (``kept``)."""

    fixed: frozenset[int] = frozenset()
    kept: frozenset[int] = frozenset()


def articles_quoting(library: Library, identity_ids: list[int]) -> CorrectedArticles:
    """The speaker filter's corrected articles: those concerning ``identity_ids`` (one identity
    with the merged ones, ``identity_quotes``), kept when one of its quotes is theirs as corrected."""
    found = identity_quotes(library, identity_ids)
    return CorrectedArticles(fixed=frozenset(found.articles), kept=frozenset(r.article_id for r in found.rows))


def articles_of_organisation(library: Library, organisation: str) -> CorrectedArticles:
    """The organisation filter's corrected articles: every article with corrections, kept when one
    of its quotes, as corrected, is the organisation's (``QuoteFilter``: said for it or naming
    it), or when a speaker it names without quoting them (no quote of theirs there, stored or
    corrected) is of the organisation, as ``Library.speakers`` counts such a speaker. The list
    still keeps an article whose entities name it, which corrections never change."""
    with reading(library) as conn:
        read = _read(library, conn)
        if not read.by_article:
            return CorrectedArticles()
        kept, _rule = _organisation_kept(library, read, conn, organisation_key(organisation))
    return CorrectedArticles(fixed=frozenset(read.by_article), kept=kept)


def _organisation_kept(
    library: Library, read: _Read, conn: sqlite3.Connection, key: str
) -> tuple[frozenset[int], QuoteFilter]:
    """``articles_of_organisation``'s kept articles for the organisation ``key``, and the rule its
    corrected quote rows are kept by."""
    fixed = sorted(read.by_article)
    rule = QuoteFilter(organisation_key=key, naming=_naming(conn, fixed, key))
    unquoted = conn.execute(
        f"SELECT s.article_id, s.name FROM speakers s WHERE s.article_id IN ({','.join('?' * len(fixed))}) "
        "AND s.organisation_key = ? AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = s.article_id "
        "AND q.speaker = s.name)",
        (*fixed, key),
    ).fetchall()
    kept = {a for a in fixed if any(rule.keeps(r) for r in _rows_of(library, read, a)[0])}
    kept.update(a for a, name in unquoted if all(r.speaker != name for r in _rows_of(library, read, a)[0]))
    return frozenset(kept), rule


def speaker_rows(library: Library) -> tuple[frozenset[int], list[QuoteRow]]:
    """The articles with corrections and all their quote rows as corrected (``article_quotes``):
    what ``Library.speakers`` counts for those articles in place of their stored speaker rows."""
    with reading(library) as conn:
        read = _read(library, conn)
    rows = [r for a in read.by_article for r in _rows_of(library, read, a)[0]]
    return frozenset(read.by_article), rows


def organisation_rows(library: Library) -> tuple[frozenset[int], dict[str, tuple[frozenset[int], list[QuoteRow]]]]:
    """The articles with corrections and, for each organisation key they concern (a corrected
    quote's organisation, an entity's or a speaker's there), those of them the organisation filter
    keeps by their corrected quotes or unquoted speakers (``articles_of_organisation``) and their
    corrected quote rows that are its (``QuoteFilter``): what ``Library.organisations`` counts for
    those articles in place of their stored quote and speaker rows (entities still name it)."""
    with reading(library) as conn:
        read = _read(library, conn)
        fixed = sorted(read.by_article)
        if not fixed:
            return frozenset(), {}
        marks = ",".join("?" * len(fixed))
        keys = {
            k
            for (k,) in conn.execute(
                f"SELECT organisation_key FROM speakers WHERE article_id IN ({marks}) "
                f"UNION SELECT organisation_key FROM entities WHERE article_id IN ({marks}) "
                f"UNION SELECT text_organisation_key FROM entities WHERE article_id IN ({marks})",
                (*fixed, *fixed, *fixed),
            )
            if k
        }
    rows = [r for a in fixed for r in _rows_of(library, read, a)[0]]
    keys.update(k for k in (organisation_key(r.organisation) for r in rows) if k)
    out: dict[str, tuple[frozenset[int], list[QuoteRow]]] = {}
    with reading(library) as conn:
        for key in sorted(keys):
            kept, rule = _organisation_kept(library, read, conn, key)
            out[key] = (kept, [r for r in rows if rule.keeps(r)])
    return frozenset(fixed), out


def _naming(conn: sqlite3.Connection, article_ids: list[int], organisation: str) -> dict[int, list[tuple[int, int]]]:
    """The spans of the entities of ``organisation`` (by its key) in these articles."""
    key = organisation_key(organisation)
    marks = ",".join("?" * len(article_ids))
    out: dict[int, list[tuple[int, int]]] = {}
    for a, s, e in conn.execute(
        f"SELECT article_id, start, end FROM entities WHERE article_id IN ({marks}) "
        "AND (organisation_key = ? OR text_organisation_key = ?)",
        (*article_ids, key, key),
    ):
        out.setdefault(a, []).append((s, e))
    return out


def corrections(library: Library) -> list[Correction]:
    """Every correction of the library, oldest first, each placed in its article as it is now
    (``orphaned`` when it cannot be, or its article is gone): the articles found as the reader
    finds them (``corrections_by_article``)."""
    with reading(library) as conn:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM corrections ORDER BY id").fetchall()
        by_article = corrections_by_article(conn)
    placed = {c.id: c for cs in by_article.values() for c in cs}
    found = [placed.get(r[0]) or replace(_correction(r), orphaned=True) for r in rows]
    for article_id, cs in by_article.items():
        analysis = library.analysis(article_id)
        if analysis is None:
            for c in cs:
                c.orphaned = True
            continue
        apply_corrections(analysis, cs)
    return found
