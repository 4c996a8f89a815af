"""``newsread export notes|quotes``: notes and quotes as Markdown, JSON, W3C annotations or CSV.

The formats are made by the pure functions of ``newsread.core.export``; this module only reads the
library, picks the rows and writes them to stdout or, with ``-o FILE``, atomically to a file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import NewsreadError
from ..export import NOTE_FORMATS, QUOTE_FORMATS, export_notes, export_quotes, write_atomic
from ..model import SPEAKER_KINDS
from .common import ARTICLE_ID, db_option, quote_kind, quote_kind_option, resolve_db
from .terminal import json_safe, terminal_document

if TYPE_CHECKING:
    from ..store.library import Library

_output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=True, path_type=Path),
    default=None,
    metavar="FILE",
    help="Write to FILE (atomically) instead of stdout.",
)
_article_option = click.option(
    "--article", "article_id", type=ARTICLE_ID, default=None, metavar="ID", help="One article."
)


def _open(db: Path | None) -> Library:
    from ..store.library import Library

    return Library.open(resolve_db(db), create=False)


def _check_article(lib: Library, article_id: int | None) -> None:
    if article_id is not None and lib.article(article_id) is None:
        raise NewsreadError(f"no article with id {article_id} (see `newsread ls`)")


_JSON_FORMATS = ("json", "w3c")


def _emit(text: str, output: Path | None, fmt: str) -> None:
    """The export on stdout or, with ``output``, in that file exactly. Names and quotes come from
    articles: on stdout JSON gets its raw controls escaped (same values), and Markdown or CSV on a
    terminal is shown with its controls made visible, never obeyed."""
    if output is None:
        if fmt in _JSON_FORMATS:
            text = json_safe(text)
        elif sys.stdout.isatty():
            text = terminal_document(text)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    if output.is_dir():
        raise NewsreadError(f"cannot write {output}: it is a folder")
    write_atomic(output, text)


@click.group("export")
def export_group() -> None:
    """Export notes or quotes (Markdown, JSON, W3C Web Annotations, Readwise CSV)."""


@export_group.command("notes")
@db_option
@_article_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(NOTE_FORMATS),
    default="md",
    show_default=True,
    help="md, json, w3c (Web Annotation JSON-LD) or csv (Readwise's columns).",
)
@_output_option
def notes_cmd(db: Path | None, article_id: int | None, fmt: str, output: Path | None) -> None:
    """Notes and highlights, grouped by article in text order; orphaned notes are marked."""
    from ..notes import Notes

    with _open(db) as lib:
        _check_article(lib, article_id)
        rows = Notes(lib).all_notes(article_id=article_id, order="article")
    _emit(export_notes(rows, fmt), output, fmt)


@export_group.command("quotes")
@db_option
@_article_option
@click.option("--speaker", default=None, metavar="NAME", help="Speaker's name or alias (case-insensitive).")
@click.option("--org", "organisation", default=None, metavar="ORG", help="Quotes for or naming it (any case).")
@click.option(
    "--speaker-kind",
    type=click.Choice(SPEAKER_KINDS),
    default=None,
    help="Only quotes credited to this kind of speaker.",
)
@quote_kind_option
@click.option("--format", "fmt", type=click.Choice(QUOTE_FORMATS), default="md", show_default=True)
@_output_option
def quotes_cmd(
    db: Path | None,
    article_id: int | None,
    speaker: str | None,
    organisation: str | None,
    speaker_kind: str | None,
    kind: str,
    fmt: str,
    output: Path | None,
) -> None:
    """Quotes and reported statements with speaker, the kind of speaker, role and organisation,
    newest articles first; ``--kind`` keeps one kind (indirect: reported statements). The reader's
    corrections are applied (a reassigned speaker, marked corrected; a span marked as not a quote
    left out; a quote added from a selection in); the filters choose by the corrected speakers."""
    from ..corrections import corrected_quotes

    with _open(db) as lib:
        _check_article(lib, article_id)
        rows, corrected = corrected_quotes(
            lib,
            speaker=speaker,
            organisation=organisation,
            article_id=article_id,
            speaker_kind=speaker_kind,
            kind=quote_kind(kind),
        )
        articles = {}
        for article_id_ in dict.fromkeys(q.article_id for q in rows):
            row = lib.article(article_id_)
            if row is not None:
                articles[article_id_] = row
    _emit(export_quotes(rows, fmt, articles=articles, corrected=corrected), output, fmt)


COMMANDS: list[click.Command] = [export_group]
