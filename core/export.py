"""Exports of notes and quotes: pure functions from rows to text, and an atomic file writer.

``export_notes(rows, fmt)`` takes ``NoteRow``s (``Notes.all_notes(order="article")`` gives them grouped
by article in text order) and returns the whole document as a string:

* ``md`` — per article its title, source link and author, then each note as a quoted passage
  (``> …``) with the note's text below and its tags;
* ``json`` — a list of notes (``NoteRow.to_dict``);
* ``w3c`` — a W3C Web Annotation ``AnnotationCollection`` (JSON-LD): each note an ``Annotation`` with
  ``TextualBody`` bodies (the note, ``purpose: commenting``; each tag, ``purpose: tagging``) and a
  ``target`` whose ``source`` is the article URL (or the path it was added from) and whose
  ``selector`` holds a ``TextQuoteSelector`` and a ``TextPositionSelector``;
* ``csv`` — Readwise's import columns ``Highlight, Title, Author, URL, Note, Location, Date``
  (Location is the start offset; tags are added to Note as Readwise's ``.tag`` inline tags).

Orphaned notes (their passage is gone from the article's current text) are exported too, marked:
a line in Markdown, ``orphaned: true`` in JSON, ``"newsread:orphaned": true`` and no position
selector in W3C, a remark in the CSV's Note.

``export_quotes(rows, fmt, articles=...)`` does the same for ``QuoteRow``s (``md``, ``json``, ``csv``),
with speaker, role, organisation and the kind of speaker (``speaker_kind``: a JSON key, the CSV's
column ``Speaker kind``, "(anonymous)"/"(document)" after the name in Markdown). Every row says its
kind (``model.QUOTE_KINDS``: JSON's ``kind``, the CSV's ``Kind``, "reported" after the name in
Markdown for a reported statement, which has no quotation marks of its own); a partial quote inside
a reported statement carries that statement (JSON's ``statement`` and its offsets, the CSV's
``Statement``, a line under the quote in Markdown), which is empty or null for every other row.
``write_atomic(path, text)`` writes a file through a temporary
file and a rename, so a reader never sees half an export. None of this imports Textual.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import NewsreadError
from .notes.selectors import w3c_selectors

if TYPE_CHECKING:
    from .notes.records import NoteRow
    from .store.records import ArticleRow, QuoteRow

NOTE_FORMATS = ("md", "json", "w3c", "csv")
QUOTE_FORMATS = ("md", "json", "csv")
READWISE_COLUMNS = ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]
QUOTE_CSV_COLUMNS = [*READWISE_COLUMNS, "Speaker", "Role", "Organisation", "Speaker kind", "Kind", "Statement"]
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
REPORTED_MARK = "reported"
"""What follows a reported statement's speaker in Markdown and the CSV's Note."""
STATEMENT_LABEL = "In the reported statement"
"""The Markdown line giving the reported statement a partial quote sits in."""
CORRECTED_MARK = "corrected"
"""What follows a corrected quote's speaker in Markdown and the CSV's Note."""
ORPHAN_REMARK = "orphaned: this passage is no longer in the article's text"

T = TypeVar("T")


class ExportError(NewsreadError):
    """An export could not be made or written."""


# -- helpers ------------------------------------------------------------------------------------
def _group(rows: Iterable[T], key: Callable[[T], int]) -> list[tuple[int, list[T]]]:
    """Rows grouped by article, articles in order of first appearance, rows in their given order."""
    groups: dict[int, list[T]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return list(groups.items())


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.strip("\n").splitlines())


def _source_line(link: str) -> str:
    """A URL as a Markdown autolink; a local path as it is."""
    return f"Source: <{link}>" if "://" in link else f"Source: {link}"


def _readwise_date(stamp: str | None) -> str:
    """ISO ``2024-05-01T10:20:30Z`` as Readwise's ``2024-05-01 10:20:30``."""
    if not stamp:
        return ""
    return stamp.replace("T", " ").removesuffix("Z")


def _csv(header: list[str], rows: Iterable[list[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _check(fmt: str, formats: Sequence[str]) -> None:
    if fmt not in formats:
        raise ExportError(f"unknown export format {fmt!r} (expected one of {', '.join(formats)})")


# -- notes --------------------------------------------------------------------------------------
def export_notes(rows: Sequence[NoteRow], fmt: str) -> str:
    """The notes ``rows`` as one document in ``fmt`` (``md``, ``json``, ``w3c`` or ``csv``)."""
    _check(fmt, NOTE_FORMATS)
    if fmt == "json":
        return _json([n.to_dict() for n in rows])
    if fmt == "w3c":
        return _json(notes_to_w3c(rows))
    if fmt == "csv":
        return _csv(READWISE_COLUMNS, (_readwise_note(n) for n in rows))
    return _notes_markdown(rows)


def _notes_markdown(rows: Sequence[NoteRow]) -> str:
    out: list[str] = ["# Notes", ""]
    if not rows:
        out += ["No notes.", ""]
    for article_id, notes in _group(rows, lambda n: n.article_id or 0):  # 0: notes of deleted articles
        first = notes[0]
        out += [f"## {first.article_title or f'Article {article_id}'}", ""]
        if first.article_link:
            out.append(
                f"Source: <{first.article_link}>" if "://" in first.article_link else f"Source: {first.article_link}"
            )
        if first.article_byline:
            out.append(f"Author: {first.article_byline}")
        out.append("")
        for n in notes:
            out += [_blockquote(n.exact), ""]
            if n.body.strip():
                out += [n.body.strip("\n"), ""]
            if n.tags:
                out += ["Tags: " + " ".join(f"#{t}" for t in n.tags), ""]
            if n.orphaned:
                out += [f"*({ORPHAN_REMARK})*", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def note_to_annotation(n: NoteRow) -> dict[str, Any]:
    """One note as a W3C Web Annotation (without ``@context``; see ``notes_to_w3c``)."""
    body: list[dict[str, Any]] = []
    if n.body.strip():
        body.append({"type": "TextualBody", "value": n.body, "format": "text/plain", "purpose": "commenting"})
    body += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in n.tags]
    annotation: dict[str, Any] = {
        "id": f"urn:newsread:note:{n.id}",
        "type": "Annotation",
        "motivation": "highlighting" if n.is_highlight and not n.body.strip() else "commenting",
        "created": n.created,
        "modified": n.updated,
    }
    if body:
        annotation["body"] = body
    annotation["target"] = {
        "source": n.article_link or f"urn:newsread:article:{n.article_id}",
        # An orphan's offsets no longer point at its passage: only its quote is exported.
        "selector": w3c_selectors(
            None if n.orphaned else n.start, None if n.orphaned else n.end, n.exact, n.prefix, n.suffix
        ),
    }
    if n.orphaned:
        annotation["newsread:orphaned"] = True
    return annotation


def notes_to_w3c(rows: Sequence[NoteRow], *, label: str = "newsread notes") -> dict[str, Any]:
    """An ``AnnotationCollection`` holding one ``AnnotationPage`` of every note."""
    return {
        "@context": W3C_CONTEXT,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(rows),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": [note_to_annotation(n) for n in rows]},
    }


def _readwise_note(n: NoteRow) -> list[Any]:
    note = n.body.strip()
    if n.tags:
        note = (note + "\n" if note else "") + " ".join(f".{t}" for t in n.tags)
    if n.orphaned:
        note = (note + "\n" if note else "") + f"({ORPHAN_REMARK})"
    return [n.exact, n.article_title or "", n.article_byline or "", n.article_link or "", note, n.start,
            _readwise_date(n.created)]  # fmt: skip


# -- quotes -------------------------------------------------------------------------------------
def export_quotes(
    rows: Sequence[QuoteRow],
    fmt: str,
    *,
    articles: Mapping[int, ArticleRow] | None = None,
    corrected: Collection[int] = (),
) -> str:
    """The quotes ``rows`` as one document in ``fmt`` (``md``, ``json`` or ``csv``).

    ``articles`` (by id) supplies each article's link, author and date; titles come with the rows.
    ``corrected`` holds the ids of the rows a reader's correction changed
    (``core.corrections.corrected_quotes``): ``"corrected": true`` in JSON, "corrected" after the
    speaker in Markdown and in the CSV's Note.
    """
    _check(fmt, QUOTE_FORMATS)
    articles = articles or {}
    fixed = set(corrected)
    if fmt == "json":
        return _json([_quote_dict(q, articles.get(q.article_id), q.id in fixed) for q in rows])
    if fmt == "csv":
        return _csv(QUOTE_CSV_COLUMNS, (_quote_csv(q, articles.get(q.article_id), q.id in fixed) for q in rows))
    return _quotes_markdown(rows, articles, fixed)


def _link(article: ArticleRow | None) -> str | None:
    return None if article is None else (article.url or article.source)


def _attribution(q: QuoteRow, corrected: bool = False) -> str:
    """ "Name (role, organisation)"; an anonymous source or a document says so ("a spokesperson
    (anonymous)"), as does a quote with no speaker, and a reported statement says it is one
    ("Ann Lee (Mayor, reported)"): without quotation marks its words are the article's, not hers."""
    who = q.speaker or "unattributed"
    kind = q.speaker_kind if q.speaker_kind in ("anonymous", "document") else None
    reported = REPORTED_MARK if q.kind == "indirect" else None
    org = q.organisation if q.organisation != q.speaker else None  # said by the organisation itself
    mark = CORRECTED_MARK if corrected else None
    extra = ", ".join(x for x in (q.role, org, kind, reported, mark) if x)
    return f"{who} ({extra})" if extra else who


def quote_dict(q: QuoteRow, corrected: bool) -> dict[str, Any]:
    """One quote as JSON (``QuoteRow.to_dict``) with ``corrected``: whether a reader's correction
    changed it, and ``correction_id``: for a quote a reader added (``core.corrections``), its
    correction (it has no ``id``: no row of the analysis). ``newsread quotes --json`` gives these."""
    data = q.to_dict()
    data["corrected"] = corrected
    data["correction_id"] = -q.id if q.id < 0 else None
    if q.id < 0:
        data["id"] = None
    return data


def _quote_dict(q: QuoteRow, article: ArticleRow | None, corrected: bool) -> dict[str, Any]:
    """One quote as JSON with its article's link and date, and ``article_summary_only`` (why the
    article's text is only its feed entry's summary, else None): such a quote is the summary's."""
    data = quote_dict(q, corrected)
    data["article_url"] = _link(article)
    data["article_published"] = article.published if article else None
    data["article_summary_only"] = article.summary_only if article else None
    return data


def _quote_csv(q: QuoteRow, article: ArticleRow | None, corrected: bool) -> list[Any]:
    date = article.published or article.added if article else None
    return [q.text, q.article_title or "", (article.byline if article else None) or "", _link(article) or "",
            f"— {_attribution(q, corrected)}", q.start, _readwise_date(date), q.speaker or "", q.role or "",
            q.organisation or "", q.speaker_kind, q.kind, q.statement or ""]  # fmt: skip


def _quotes_markdown(rows: Sequence[QuoteRow], articles: Mapping[int, ArticleRow], corrected: set[int]) -> str:
    out: list[str] = ["# Quotes", ""]
    if not rows:
        out += ["No quotes.", ""]
    for article_id, quotes in _group(rows, lambda q: q.article_id):
        article = articles.get(article_id)
        out += [f"## {quotes[0].article_title or f'Article {article_id}'}", ""]
        link = _link(article)
        if link:
            out.append(_source_line(link))
        if article is not None and article.published:
            out.append(f"Published: {article.published}")
        out.append("")
        for q in quotes:
            out += [_blockquote(q.text), "", f"— {_attribution(q, q.id in corrected)}", ""]
            if q.statement:
                out += [f"{STATEMENT_LABEL}: {q.statement}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# -- files --------------------------------------------------------------------------------------
def write_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename.

    A new file is private (0600, like the library: notes are personal); a replaced one keeps its mode.
    """
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        with suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        os.replace(tmp, target)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(tmp)
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
