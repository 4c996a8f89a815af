"""``newsread analyze``: who said what in article files, as a summary, JSON or JSON Lines."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ..errors import InputError, NewsreadError
from ..nlp import ModelNotFound
from .common import UNATTRIBUTED, emit_json, error_line, figure_reading, model_option, resolve_model
from .scheduler import cluster_for, scheduler_option

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ..analysis import ArticleInput
    from ..analysis.cluster import Cluster
    from ..model import Analysis

KEY_ORDER = ("path", "title", "published", "text", "entities", "speakers", "quotes", "figures", "model")


def _record(analysis: Analysis) -> dict:
    data = analysis.to_dict()
    return {k: data[k] for k in KEY_ORDER if k in data} | data


def _published(value: str | None) -> str | None:
    if value is None:
        return None
    from ..analysis.dates import parse_published

    parsed = parse_published(value)
    if parsed is None:
        raise click.BadParameter(f"not a date: {value!r}", param_hint="--published")
    return parsed.date().isoformat()


def _summary(analysis: Analysis) -> None:
    """Who said what, for a person to read: every value printed exactly as in the text (see ``terminal``)."""
    from rich.table import Table
    from rich.text import Text

    from .terminal import console, inert

    out = console()
    out.rule(inert(analysis.title or analysis.path or "Article", "bold"))
    if analysis.path:
        out.print(inert(f"{analysis.path}  ·  {analysis.model or ''}", "dim"))
    if analysis.speakers:
        table = Table(title="Speakers", title_justify="left", show_edge=False)
        for col in ("Name", "Role", "Organisation", "Quotes"):
            table.add_column(col, justify="right" if col == "Quotes" else "left")
        for sp in analysis.speakers:
            table.add_row(*(inert(x) for x in (sp.name, sp.role or "", sp.organisation or "", str(sp.quotes))))
        out.print(table)
    if analysis.quotes:
        out.print(Text("Quotes", style="bold"))
        for q in analysis.quotes:
            who = inert(q.speaker, "cyan") if q.speaker else Text(UNATTRIBUTED, style="dim cyan")
            out.print(Text.assemble("  ", who, (f" ({q.kind})", "dim"), ": ", inert(q.text)))
    else:
        out.print(Text("No quotes found.", style="dim"))
    if analysis.figures:
        out.print(Text("Figures", style="bold"))
        for f in analysis.figures:
            if f.kind == "date":
                out.print(inert(f"  {f.text} → {f.date or figure_reading(f)}"))
            else:
                out.print(Text.assemble(inert(f"  {f.text}: {figure_reading(f)}"), inert(f" ({f.kind})", "dim")))


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", default=None, metavar="DATE", help="Publication date; relative dates resolve against it.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object (an array for several files).")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="One compact JSON object per line.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 1000), hidden=True)
@scheduler_option
@model_option
def analyze(
    paths: tuple[str, ...],
    published: str | None,
    as_json: bool,
    as_jsonl: bool,
    jobs: int,
    batch_size: int,
    scheduler: str | None,
    model: str | None,
) -> None:
    """Show who said what in article text files (PATH may be - for stdin).

    Offsets in the JSON are character offsets into the whole file; the title is its first line when
    that reads as a headline (short, no final full stop), else the article has none. With
    --scheduler the analysis runs on a Dask cluster and the output is the same.
    """
    if as_json and as_jsonl:
        raise click.UsageError("--json and --jsonl cannot be used together")
    from ..analysis import forked_workers
    from ..analysis.batch import parses_here

    when = _published(published)
    unreadable: list[str] = []
    chosen = resolve_model(model)
    try:
        analysis_failed: list[str] = []
        one_process = len(paths) < 2  # one article is analysed here, as --jobs 1 would
        with cluster_for(scheduler, chosen) as cluster, forked_workers(1 if cluster or one_process else jobs, chosen):
            items = _read(paths, when, unreadable)
            results = _each_analysed(items, chosen, jobs, batch_size, cluster, analysis_failed)
            if as_json or as_jsonl:
                results = _with_progress(
                    results, len(paths), parses_here=parses_here(jobs=jobs, on_cluster=bool(cluster))
                )
            if as_json:
                data = [_record(a) for a in results if a is not None]
                if data:
                    emit_json(data[0] if len(paths) == 1 else data)
            else:
                for a in results:
                    if a is None:
                        continue
                    if as_jsonl:
                        emit_json(_record(a), line=True)
                    else:
                        _summary(a)
    except NewsreadError:
        raise
    except ModelNotFound as exc:
        raise NewsreadError(str(exc)) from exc
    sys.stdout.flush()
    if unreadable or analysis_failed:
        sys.exit(1)


def _read(paths: tuple[str, ...], published: str | None, unreadable: list[str]) -> Iterator[ArticleInput]:
    """The article in each of ``paths``, read as the analysis reaches it (an archive's texts are
    never all held); one that cannot be read or is no article is one error line, its path added to
    ``unreadable``."""
    from ..analysis import ArticleInput
    from ..textio import check_prose, read_source, split_title

    for path in paths:
        try:
            text = read_source(path)
            check_prose(text, "<stdin>" if path == "-" else path)
        except InputError as exc:
            error_line(str(exc))
            unreadable.append(path)
            continue
        title, body = split_title(text)
        yield ArticleInput(body, title=title, published=published, path=path)


def _each_analysed(
    items: Iterable[ArticleInput],
    model: str | None,
    jobs: int,
    batch_size: int,
    cluster: Cluster | None,
    failed: list[str],
) -> Iterator[Analysis | None]:
    """The analyses of ``items`` in order; each article whose analysis fails is one error line, its
    path added to ``failed``, and a None: no analysis error costs another article."""
    from ..analysis.batch import analyze_each

    for done in analyze_each(items, _itself, model=model, jobs=jobs, batch_size=batch_size, cluster=cluster):
        if done.error is not None:
            error_line(f"{done.item.path}: analysis failed: {type(done.error).__name__}: {done.error}")
            failed.append(done.item.path or "")
        yield done.analysis


def _with_progress(results: Iterator[Analysis | None], total: int, *, parses_here: bool) -> Iterator[Analysis | None]:
    """``results`` as they come, with a progress bar on stderr while there are several articles,
    stderr is a terminal and stdout is not (the JSON goes to a file or a pipe); nothing otherwise."""
    if total < 2 or not sys.stderr.isatty() or sys.stdout.isatty():
        yield from results
        return
    from .progress import progress_bar

    with progress_bar("analysing", parses_here=parses_here) as bar:
        task = bar.add_task("", total=total)
        for result in results:
            bar.advance(task)
            yield result


def _itself(item: ArticleInput) -> ArticleInput:
    return item


COMMANDS = [analyze]
