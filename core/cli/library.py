"""Library commands: ``add`` (files, folders, pages, URLs, feeds, stdin, stored analyses) and the
queries ``ls``, ``show``, ``search``, ``quotes``, ``speakers``, ``orgs`` (``--json`` on each).

Nothing here imports spaCy until ``add`` has articles to analyse.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import NewsreadError
from ..model import SPEAKER_KINDS
from .common import (
    ARTICLE_ID,
    COUNT,
    POSITIVE_COUNT,
    SUMMARY_TAG,
    UNATTRIBUTED,
    DashArgumentsCommand,
    db_option,
    emit_json,
    error_line,
    figure_reading,
    model_option,
    quote_kind,
    quote_kind_option,
    resolve_db,
    resolve_model,
    summary_only_line,
)
from .scheduler import cluster_for, scheduler_option
from .terminal import console, inert, terminal_safe

if TYPE_CHECKING:
    from ..store.records import QuoteRow


def _open(db: Path | None, *, create: bool = False):
    from ..store.library import Library

    return Library.open(resolve_db(db), create=create)


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        raise click.BadParameter(f"not a date: {value!r} (use YYYY-MM-DD)")
    return parsed.date().isoformat()


# -- add -----------------------------------------------------------------------------------------


class _Reporter:
    """Turns ingest events into a rich bar (terminal), plain lines (pipe) or JSON Lines (--progress jsonl)."""

    def __init__(self, mode: str, *, parses_here: bool) -> None:
        if mode == "auto":
            mode = "bar" if sys.stderr.isatty() else "plain"
        self.mode = mode
        self.parses_here = parses_here  # the analysis runs in this process (see progress_bar)
        self.progress: Any = None
        self.task: Any = None

    def __call__(self, event: dict[str, Any]) -> None:
        kind = event["event"]
        if self.mode == "jsonl":
            emit_json(event, line=True)
            sys.stdout.flush()
            if kind == "item" and event["status"] == "failed":
                error_line(f"{event['source']}: {event['reason']}")
            return
        if kind == "note":  # one line about the whole run (feed items kept as summaries)
            if self.progress is not None:
                self.progress.console.print(inert(event["message"], "yellow"), soft_wrap=True)
            else:
                click.echo(terminal_safe(event["message"]))
            return
        if kind == "start":
            if self.progress is not None:  # the next part of the run (see ingest.OneRun): the same bar
                self.progress.update(self.task, total=event["total"])
            elif self.mode == "bar":
                from .progress import progress_bar

                self.progress = progress_bar("adding", parses_here=self.parses_here)
                self.progress.start()
                self.task = self.progress.add_task("", total=event["total"])
        elif kind == "item":
            status = event["status"]
            label = event["title"] or event["source"]
            if self.progress is not None:
                self.progress.update(self.task, completed=event["done"], description=terminal_safe(label)[:50])
                if status == "failed":
                    from rich.text import Text

                    self.progress.console.print(
                        Text.assemble(
                            ("failed", "red"), f" {terminal_safe(event['source'])}: {terminal_safe(event['reason'])}"
                        ),
                        soft_wrap=True,  # a long path is wrapped by the terminal, not broken at its spaces
                    )
            elif status == "failed":
                error_line(f"{terminal_safe(event['source'])}: {terminal_safe(event['reason'])}")
            else:
                ident = f"#{event['id']}" if event["id"] is not None else ""
                mark = " (feed summary only)" if event.get("summary") else ""
                click.echo(f"[{event['done']}/{event['total']}] {status} {ident} {terminal_safe(label)}{mark}")
        elif kind == "done":
            self.close()
            msg = (
                f"added {event['added']}, duplicates {event['duplicates']}, updated {event['updated']}, "
                f"failed {event['failed']}"
            )
            click.echo(msg, err=self.mode == "bar")

    def close(self) -> None:
        """Take the bar off the screen (and give the terminal its cursor back), also when the run
        ends by an error or Ctrl-C; nothing when there is none or it is gone."""
        if self.progress is not None:
            self.progress.stop()


def _analysis_model(model: str | None, *, here: bool) -> str | None:
    """The pipeline ``add`` analyses with (``--model``, $NEWSREAD_MODEL, the config), before
    anything is read or stored: loaded now when the analysis runs ``here``, in this process (a name
    that is no installed spaCy pipeline is then one line); else only found installed, for the
    ``--jobs`` workers, which load it at the same time as each other while this process opens the
    library and reads the sources (a package that is no pipeline is then one line from the workers,
    before anything is stored, and a library made by this run is removed again)."""
    from ..nlp import ModelNotFound, installed_model, load

    chosen = resolve_model(model)
    try:
        if here:
            load(chosen)
        else:
            installed_model(chosen)
    except ModelNotFound as exc:
        raise NewsreadError(str(exc)) from None
    return chosen


@click.command("add")
@click.argument("sources", nargs=-1)
@db_option
@model_option
@click.option(
    "--analyses", "analyses", default=None, metavar="FILE.jsonl", help="Store analyses made by `analyze --jsonl`."
)
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Analysis processes.")
@click.option("--batch-size", type=click.IntRange(1, 1000), default=16, show_default=True, hidden=True)
@scheduler_option
@click.option("--published", callback=_parse_date, default=None, metavar="DATE", help="Date for texts without one.")
@click.option("--no-fetch", is_flag=True, help="Keep a feed's summaries instead of fetching each item's page.")
@click.option("--reanalyse", "--reanalyze", is_flag=True, help="Refresh the analysis of articles already stored.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=20.0, show_default=True, help="Seconds per URL.")
@click.option(
    "--progress",
    type=click.Choice(["auto", "bar", "plain", "jsonl"]),
    default="auto",
    show_default=True,
    help="Progress display; jsonl prints one JSON event per line on stdout.",
)
def add_cmd(
    sources: tuple[str, ...],
    db: Path | None,
    model: str | None,
    analyses: str | None,
    jobs: int,
    batch_size: int,
    scheduler: str | None,
    published: str | None,
    no_fetch: bool,
    reanalyse: bool,
    timeout: float,
    progress: str,
) -> None:
    """Add articles: .txt/.md files, HTML pages, http(s) URLs, RSS/Atom/JSON feeds, folders, or - (stdin).

    Each source that fails gets one line with its reason; the others are still added. Exit status 1
    if any failed. A feed item whose page cannot be fetched (offline, an error page) keeps the feed's
    summary, and one line says so; adding the feed again later fetches the full text in its place.
    With --scheduler the analysis runs on a Dask cluster, each article stored as it comes back.
    With --analyses and SOURCEs, the analyses are stored first, and one summary counts both.
    """
    from ..analysis import forked_workers
    from ..analysis.batch import parses_here
    from ..ingest import OneRun, ingest, ingest_analyses
    from ..nlp import ModelNotFound

    if not sources and not analyses:
        raise click.UsageError("name at least one SOURCE (a file, folder, URL, feed or -) or --analyses FILE")
    here = parses_here(jobs=jobs, on_cluster=bool(scheduler))
    reporter = _Reporter(progress, parses_here=here)
    target = resolve_db(db)
    new_library = str(target) != ":memory:" and not os.path.lexists(target)
    # The model is known before anything is read or stored: loaded here, or by a cluster's workers
    # (connected first), or found installed for the --jobs workers forked first.
    chosen = None
    if sources:  # loaded here too when stored analyses come first: nothing is stored before it is known
        chosen = resolve_model(model) if scheduler else _analysis_model(model, here=here or bool(analyses))
    try:
        with (
            cluster_for(scheduler if sources else None, chosen) as cluster,
            forked_workers(jobs if sources and not cluster else 1, chosen),
            _open(target, create=True) as lib,
        ):
            run = OneRun(reporter)  # stored analyses, then sources: one run to the user
            if analyses:
                run.add(ingest_analyses(analyses, lib, published=published, reanalyse=reanalyse, on_event=run))
            if sources:
                part = ingest(
                    sources,
                    lib,
                    model=chosen,
                    jobs=jobs,
                    batch_size=batch_size,
                    cluster=cluster,
                    published=published,
                    fetch=not no_fetch,
                    reanalyse=reanalyse,
                    timeout=timeout,
                    on_event=run,
                )
                run.add(part)
            summary = run.finish()
    except ModelNotFound as exc:  # the --jobs workers', raised by their first chunk
        if new_library:  # made by this run, which could store nothing in it: not left behind
            from ..store.opening import remove_unused

            remove_unused(target)
        raise NewsreadError(str(exc)) from None
    finally:
        reporter.close()
    if summary.failed:
        sys.exit(1)


# -- queries -------------------------------------------------------------------------------------


def _json_option(func: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="Output JSON.")(func)


def _table(title: str | None, columns: list[tuple[str, dict[str, Any]]], rows: list[list[Any]]) -> None:
    """Rows of library values as a table; every cell is inert text (see ``terminal``)."""
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold", expand=True)
    for name, opts in columns:
        table.add_column(name, **opts)
    for row in rows:
        table.add_row(*[inert(v, keep_newlines=True) for v in row])
    console().print(table)


@click.command("ls")
@db_option
@_json_option
@click.option("--limit", type=COUNT, default=50, show_default=True)
@click.option("--offset", type=COUNT, default=0)
@click.option("--unread", is_flag=True, help="Only articles not yet opened.")
@click.option("--bookmarked", is_flag=True, help="Only bookmarked articles.")
def ls_cmd(db: Path | None, as_json: bool, limit: int, offset: int, unread: bool, bookmarked: bool) -> None:
    """List articles, newest first; "quotes" counts each one's quotations (words in quotation marks),
    not its reported statements (`newsread quotes --article ID --kind indirect` lists those)."""
    with _open(db) as lib:
        rows = lib.articles(limit=limit, offset=offset, unread_only=unread, bookmarked_only=bookmarked)
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    columns: list[tuple[str, dict[str, Any]]] = [
        ("id", {"justify": "right", "min_width": 3}),
        ("title", {"ratio": 3, "no_wrap": True, "overflow": "ellipsis"}),
        ("site", {"ratio": 1, "no_wrap": True, "overflow": "ellipsis"}),
        ("published", {"min_width": 10}),
        ("quotes", {"justify": "right", "min_width": 6}),
        ("notes", {"justify": "right", "min_width": 5}),
        ("url / source", {"ratio": 2, "no_wrap": True, "overflow": "ellipsis"}),
    ]
    cells = [[r.id, r.title, r.site, r.published, r.quote_count, r.note_count, r.url or r.source] for r in rows]
    if any(r.summary_only is not None for r in rows):
        # A feed entry kept as its summary (its page could not be fetched) is not the article:
        # a column after the title says so, shown only when the page holds one.
        columns.insert(2, ("text", {"no_wrap": True, "min_width": 7}))
        for r, row_cells in zip(rows, cells, strict=True):
            row_cells.insert(2, SUMMARY_TAG if r.summary_only is not None else "")
    _table(None, columns, cells)


# A speaker's columns in `show` and `speakers`: quotations and reported statements counted apart.
_SPEAKER_COLUMNS: list[tuple[str, dict[str, Any]]] = [
    ("name", {}),
    ("kind", {}),
    ("role", {}),
    ("organisation", {}),
    ("quotes", {"justify": "right"}),
    ("reported", {"justify": "right"}),
]


@click.command("show")
@click.argument("article_id", type=ARTICLE_ID)
@db_option
@_json_option
def show_cmd(article_id: int, db: Path | None, as_json: bool) -> None:
    """Show one stored article's analysis (the shape of `analyze --json`, with `summary_only`: why the
    text is only its feed entry's summary, or null)."""
    with _open(db) as lib:
        analysis = lib.analysis(article_id)
        row = lib.article(article_id)
    if analysis is None or row is None:
        raise NewsreadError(f"no article with id {article_id} (see `newsread ls`)")
    if as_json:
        emit_json({**analysis.to_dict(), "summary_only": row.summary_only})
        return
    out = console()
    out.print(inert(row.title or "(untitled)", "bold"))
    meta = " · ".join(str(x) for x in (row.site, row.byline, row.published, row.url or row.source) if x)
    out.print(inert(meta, "dim"))
    if row.summary_only is not None:
        out.print(inert(summary_only_line(row.summary_only), "yellow"))
    reported = sum(1 for q in analysis.quotes if q.is_reported)
    out.print(
        inert(
            f"{len(analysis.quotes) - reported} quotes, {reported} reported, {len(analysis.speakers)} speakers, "
            f"{len(analysis.entities)} entities, {len(analysis.figures)} figures · model {analysis.model or '?'}",
            "dim",
        )
    )
    if analysis.speakers:
        _table(
            "Speakers",
            _SPEAKER_COLUMNS,
            [[s.name, s.kind, s.role, s.organisation, s.quotes, s.reported] for s in analysis.speakers],
        )
    if analysis.quotes:
        _table(
            "Quotes and reported statements",
            [("speaker", {}), ("kind", {}), ("quote", {"overflow": "fold"})],
            [[q.speaker or UNATTRIBUTED, q.kind, q.text] for q in analysis.quotes],
        )
    if analysis.figures:
        _table(
            "Figures",
            [("figure", {"overflow": "fold"}), ("kind", {}), ("reads as", {"overflow": "fold"})],
            [[f.text, f.kind, figure_reading(f)] for f in analysis.figures],
        )


@click.command("search", cls=DashArgumentsCommand)
@click.argument("query", nargs=-1, required=True)
@db_option
@_json_option
@click.option("--limit", type=POSITIVE_COUNT, default=20, show_default=True)
def search_cmd(query: tuple[str, ...], db: Path | None, as_json: bool, limit: int) -> None:
    """Full-text search of titles and texts (any text is safe; all words must match).

    The QUERY's words may be given quoted or not, in any order with the options; "a OR b" matches
    either, and a word starting with "-" excludes (`newsread search -hostage truce`)."""
    from ..store.fts import MAX_QUERY_TERMS, query_terms_cut

    text = " ".join(query)
    with _open(db) as lib:
        hits = lib.search(text, limit=limit)
    if query_terms_cut(text):
        error_line(f"searched for the query's first {MAX_QUERY_TERMS} words only")
    if as_json:
        emit_json([{"id": h.article_id, "title": h.title, "snippet": h.snippet, "rank": h.rank} for h in hits])
        return
    _table(
        None,
        [
            ("id", {"justify": "right"}),
            ("title", {"max_width": 40, "no_wrap": True, "overflow": "ellipsis"}),
            ("match", {"overflow": "fold"}),
        ],
        [[h.article_id, h.title, h.snippet] for h in hits],
    )


@click.command("quotes")
@db_option
@_json_option
@click.option("--speaker", default=None, metavar="NAME", help="Speaker's name or alias (case-insensitive).")
@click.option("--org", "organisation", default=None, metavar="ORG", help="Quotes for or naming it (any case).")
@click.option("--article", "article_id", type=ARTICLE_ID, default=None, metavar="ID")
@click.option(
    "--speaker-kind",
    type=click.Choice(SPEAKER_KINDS),
    default=None,
    help="Only quotes credited to this kind of speaker (anonymous: unnamed sources).",
)
@quote_kind_option
@click.option("--limit", type=COUNT, default=100, show_default=True)
@click.option("--offset", type=COUNT, default=0)
def quotes_cmd(
    db: Path | None,
    as_json: bool,
    speaker: str | None,
    organisation: str | None,
    article_id: int | None,
    speaker_kind: str | None,
    kind: str,
    limit: int,
    offset: int,
) -> None:
    """Quotes and reported statements across the library, newest articles first; "kind" says which
    (indirect: reported, said without quotation marks; JSON's "statement" is the reported statement
    a partial quote sits in).

    --speaker finds a person under every name the library ties to them ("Donald Trump" also finds
    quotes stored under a bare "Trump" when he is the only Trump with a full name).

    The reader's corrections are applied: a reassigned speaker (marked "(corrected)" in the table, JSON's
    "corrected"), a span marked as not a quote left out, a quote added from a selection listed (JSON's
    "correction_id"); the filters choose by the corrected speakers, and identities merged are one.
    """
    from ..corrections import corrected_quotes
    from ..export import quote_dict

    with _open(db) as lib:
        if article_id is not None and lib.article(article_id) is None:
            raise NewsreadError(f"no article with id {article_id} (see `newsread ls`)")
        rows, corrected = corrected_quotes(
            lib,
            speaker=speaker,
            organisation=organisation,
            article_id=article_id,
            speaker_kind=speaker_kind,
            kind=quote_kind(kind),
            limit=limit,
            offset=offset,
        )
    if as_json:
        emit_json([quote_dict(r, r.id in corrected) for r in rows])
        return
    _table(
        None,
        [
            ("article", {"justify": "right"}),
            ("speaker", {}),
            ("speaker kind", {}),
            ("organisation", {}),
            ("kind", {}),
            ("quote", {"overflow": "fold"}),
        ],
        [[r.article_id, _speaker_cell(r, corrected), r.speaker_kind, r.organisation, r.kind, r.text] for r in rows],
    )


def _speaker_cell(row: QuoteRow, corrected: set[int]) -> str:
    """A quote's speaker in the table, "(corrected)" after it when a reader's correction gave it."""
    return (row.speaker or UNATTRIBUTED) + (" (corrected)" if row.id in corrected else "")


@click.command("speakers")
@db_option
@_json_option
@click.option("--limit", type=POSITIVE_COUNT, default=None)
@click.option(
    "--kind",
    type=click.Choice(SPEAKER_KINDS[:-1]),
    default=None,
    help="Only people, organisations, anonymous sources or documents.",
)
def speakers_cmd(db: Path | None, as_json: bool, limit: int | None, kind: str | None) -> None:
    """Speakers across the library, one row per person (every name they are stored under),
    organisation or anonymous/document description, most quoted first; "quotes" counts quotations,
    "reported" reported statements (said without quotation marks). The reader's corrections are
    counted (as in quotes --speaker), and identities merged are one row."""
    with _open(db) as lib:
        rows = lib.speakers(limit=limit, kind=kind)
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    _table(
        None,
        [*_SPEAKER_COLUMNS, ("articles", {"justify": "right"}), ("aliases", {})],
        [
            [r.name, r.kind, r.role, r.organisation, r.quotes, r.reported, r.articles, ", ".join(r.aliases)]
            for r in rows
        ],
    )


@click.command("orgs")
@db_option
@_json_option
@click.option("--limit", type=POSITIVE_COUNT, default=None)
def orgs_cmd(db: Path | None, as_json: bool, limit: int | None) -> None:
    """Organisations named in the library (quotes', speakers' and named ones), most seen first, with
    the articles, quotations and reported statements that are each one's."""
    with _open(db) as lib:
        rows = lib.organisations(limit=limit)
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    _table(
        None,
        [
            ("organisation", {}),
            ("articles", {"justify": "right"}),
            ("quotes", {"justify": "right"}),
            ("reported", {"justify": "right"}),
        ],
        [[r.name, r.articles, r.quotes, r.reported] for r in rows],
    )


COMMANDS = [add_cmd, ls_cmd, show_cmd, search_cmd, quotes_cmd, speakers_cmd, orgs_cmd]
