"""Subscriptions: ``feeds add|ls|rm|import|export`` and ``refresh``.

``refresh`` fetches every subscribed feed (or those named) with conditional requests, stores the
new entries as ``add`` would (full text where the page can be fetched, else the summary), shows a
rich progress bar on a terminal and says per feed, in one line, what it did (``core.refresh``).
Nothing here imports spaCy until a feed has entries to analyse.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import click

from ..errors import InputError, NewsreadError
from .common import (
    db_option,
    emit_json,
    error_line,
    model_option,
    progress_option,
    resolve_db,
    resolve_model,
    timeout_option,
)
from .terminal import console, inert, terminal_safe

if TYPE_CHECKING:
    from ..sources.subscriptions import Subscription
    from ..sources.web import Fetched
    from ..store.feeds import FeedRow, Feeds
    from ..store.library import Library


def _open(db: Path | None, *, create: bool = False) -> Library:
    from ..store.library import Library

    return Library.open(resolve_db(db), create=create)


def _feeds(lib: Library) -> Feeds:
    from ..store.feeds import Feeds

    return Feeds(lib)


def free_name(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted (2)``, ``(3)``… when a feed goes by it already (any case)."""
    folded = {t.casefold() for t in taken}
    name, n = wanted, 1
    while name.casefold() in folded:
        n += 1
        name = f"{wanted} ({n})"
    return name


def _default_name(url: str, title: str | None) -> str:
    """A feed's name when none is given: its title, else its host (or file name), on one line."""
    name = " ".join((title or "").split())
    if not name:
        name = urlsplit(url).hostname or Path(url).name or url
    return name[:80]


def _named_feed(got: Fetched) -> str | None:
    """The feed a fetched web page names (autodiscovery), when the page is HTML and not a feed."""
    from ..sources.sniff import sniff
    from ..sources.subscriptions import discover_feed

    if sniff(got.data, got.url, content_type=got.content_type) != "html":
        return None
    return discover_feed(got.data, got.url)


@click.group("feeds")
def feeds_group() -> None:
    """Feed subscriptions (RSS, Atom, JSON Feed): `newsread refresh` fetches their new articles."""


@feeds_group.command("add")
@click.argument("source")
@click.option("--name", default=None, help="What to call the feed (default: its title).")
@timeout_option
@db_option
def feeds_add_cmd(source: str, name: str | None, timeout: float, db: Path | None) -> None:
    """Subscribe to a feed: an http(s) URL or a local feed file. The feed is read once to check it
    is one and to learn its title; `newsread refresh` then adds its articles. A web page that names
    its feed (<link rel="alternate">, as a site's home page does) subscribes to that feed."""
    from ..sources import feeds as feed_parser
    from ..sources.web import Fetcher

    local = "://" not in source
    url = str(Path(source).expanduser().resolve()) if local else source
    if local:
        from ..sources.files import read_bytes

        if Path(url).is_dir():
            raise InputError(f"{source}: a folder, not a feed (name a feed file or URL)")
        if not Path(url).is_file():
            raise InputError(f"{source}: no such file")
        data, ctype = read_bytes(Path(url)), None
    else:
        with Fetcher(timeout=timeout) as fetcher:
            got = fetcher.fetch(url)
            found = _named_feed(got)
            if found is not None:  # a site's page that names its feed: subscribe to the feed
                url = source = found
                got = fetcher.fetch(url)
        data, ctype = got.data, got.content_type
    entries = feed_parser.parse(data, source, content_type=ctype)
    title = entries[0].site
    with _open(db, create=True) as lib:
        feeds = _feeds(lib)
        chosen = name.strip() if name and name.strip() else None
        if chosen is None:
            chosen = free_name(_default_name(url, title), {f.name for f in feeds.all()})
        row = feeds.add(url, name=chosen, title=title)
    click.echo(
        f"subscribed to {terminal_safe(row.name)} ({terminal_safe(row.url)}): `newsread refresh` adds its articles"
    )


def _json_option(func: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="Output JSON.")(func)


@feeds_group.command("ls")
@db_option
@_json_option
def feeds_ls_cmd(db: Path | None, as_json: bool) -> None:
    """List subscriptions: name, URL, articles, unread, last refresh and its error."""
    with _open(db) as lib:
        rows = _feeds(lib).all()
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    if not rows:
        click.echo("no feeds yet: `newsread feeds add URL` subscribes to one")
        return
    from rich.table import Table

    table = Table(header_style="bold", expand=True)
    for column, opts in (
        ("id", {"justify": "right"}),
        ("name", {"ratio": 1, "overflow": "ellipsis", "no_wrap": True}),
        ("url", {"ratio": 2, "overflow": "ellipsis", "no_wrap": True}),
        ("articles", {"justify": "right"}),
        ("unread", {"justify": "right"}),
        ("last refresh", {"no_wrap": True}),
        ("last error", {"ratio": 1, "overflow": "fold"}),
    ):
        table.add_column(column, **opts)
    for r in rows:
        cells = [r.id, r.name, r.url, r.articles, r.unread, (r.last_refresh or "never")[:16].replace("T", " ")]
        table.add_row(*[inert(c) for c in cells], inert(r.last_error or "", "red"))
    console().print(table)


@feeds_group.command("rm")
@click.argument("feed")
@click.option("--keep-articles", is_flag=True, help="Keep the articles it brought in the library.")
@click.option("--delete-notes", is_flag=True, help="Delete the notes of its articles too (default: kept, orphaned).")
@db_option
def feeds_rm_cmd(feed: str, keep_articles: bool, delete_notes: bool, db: Path | None) -> None:
    """Unsubscribe from FEED (its name, id or URL). Its articles go too, unless another feed
    brought them or --keep-articles; their notes are kept as orphans (All notes lists them)."""
    with _open(db) as lib:
        feeds = _feeds(lib)
        row = feeds.find(feed)
        doomed = feeds.remove(row.id, keep_articles=keep_articles)
        result = lib.delete_articles(doomed, delete_notes=delete_notes)
    line = f"unsubscribed from {terminal_safe(row.name)}"
    if keep_articles:
        line += f"; its {row.articles} article(s) stay"
    else:
        line += f"; deleted {len(result.deleted)} article(s)"
        if result.notes_kept:
            line += f", their {result.notes_kept} note(s) kept as orphans (see All notes)"
        if result.notes_deleted:
            line += f" and {result.notes_deleted} note(s)"
    click.echo(line)


@feeds_group.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def feeds_import_cmd(path: Path, db: Path | None) -> None:
    """Subscribe to every feed of an OPML file (or newsboat's `urls` file); feeds already
    subscribed are skipped. Nothing is fetched: `newsread refresh` does that."""
    from ..sources.files import read_bytes
    from ..sources.subscriptions import read_list
    from ..store.feeds import FeedError

    found = read_list(read_bytes(path), str(path))
    added = skipped = 0
    with _open(db, create=True) as lib:
        feeds = _feeds(lib)
        existing = feeds.all()
        names = {f.name for f in existing}
        urls = {f.url for f in existing}
        for sub in found:
            if sub.url in urls:
                skipped += 1
                continue
            name = free_name(_default_name(sub.url, sub.name), names)
            try:
                feeds.add(sub.url, name=name, title=sub.name)
            except FeedError as exc:
                error_line(str(exc))
                skipped += 1
                continue
            names.add(name)
            urls.add(sub.url)
            added += 1
    click.echo(f"subscribed to {added} feed(s); {skipped} already subscribed or refused")


@feeds_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["opml", "urls"]), default="opml", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, metavar="FILE", help="Write to FILE.")
@db_option
def feeds_export_cmd(fmt: str, output: Path | None, db: Path | None) -> None:
    """The subscriptions as OPML 2.0 (what every feed reader imports) or newsboat's `urls` file."""
    from ..export import write_atomic
    from ..sources.subscriptions import Subscription, opml, urls_file

    with _open(db) as lib:
        subs: list[Subscription] = [Subscription(f.url, f.name) for f in _feeds(lib).all()]
    text = opml(subs).decode("utf-8") if fmt == "opml" else urls_file(subs)
    if output is None:
        sys.stdout.write(terminal_safe(text, keep_newlines=True) if sys.stdout.isatty() else text)
        return
    if output.is_dir():
        raise NewsreadError(f"cannot write {output}: it is a folder")
    write_atomic(output, text)


# -- refresh -------------------------------------------------------------------------------------


class _RefreshReporter:
    """Refresh events as a rich bar over the feeds (terminal), plain lines (pipe) or JSON Lines."""

    def __init__(self, mode: str) -> None:
        self.mode = ("bar" if sys.stderr.isatty() else "plain") if mode == "auto" else mode
        self.progress: Any = None
        self.task: Any = None

    def _say(self, text: str, style: str = "") -> None:
        if self.progress is not None:
            self.progress.console.print(inert(text, style), soft_wrap=True)
        else:
            click.echo(terminal_safe(text))

    def close(self) -> None:
        """Take the bar off the screen (and give the terminal its cursor back), also when the run
        ends by an error or Ctrl-C; nothing when there is none or it is gone."""
        if self.progress is not None:
            self.progress.stop()

    def __call__(self, event: dict[str, Any]) -> None:
        kind = event["event"]
        if self.mode == "jsonl":
            emit_json(event, line=True)
            sys.stdout.flush()
            return
        if kind == "start" and self.mode == "bar":
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn

            from .progress import Bar

            self.progress = Bar(
                TextColumn("[bold]refreshing"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}", style="dim", markup=False),
                console=console(stderr=True),
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("", total=event["total"])
        elif kind == "item" and self.progress is not None:
            label = event.get("title") or event.get("source") or ""
            self.progress.update(self.task, description=terminal_safe(f"{event['feed']}: {label}")[:60])
        elif kind == "feed":
            if self.progress is not None:
                self.progress.update(self.task, completed=event["done"])
            self._say(event["line"], "red" if event["status"] == "failed" else "")
        elif kind == "done":
            self.close()
            click.echo(
                f"{event['feeds']} feed(s): {event['added']} new article(s), {event['feeds_failed']} feed(s) failed",
                err=self.mode == "bar",
            )


@click.command("refresh")
@click.argument("names", nargs=-1)
@db_option
@model_option
@click.option("--jobs", "-j", type=click.IntRange(1, 32), default=4, show_default=True, help="Feeds fetched at once.")
@click.option("--no-fetch", is_flag=True, help="Keep the feeds' summaries instead of fetching each new entry's page.")
@timeout_option
@progress_option
def refresh_cmd(
    names: tuple[str, ...],
    db: Path | None,
    model: str | None,
    jobs: int,
    no_fetch: bool,
    timeout: float,
    progress: str,
) -> None:
    """Fetch every subscribed feed (or the NAMES given) and add its new articles.

    Requests are conditional (ETag / Last-Modified), one at a time per host. A new entry's page is
    fetched for its full text; when it cannot be, the feed's summary is kept, marked, and fetched
    again on a later refresh. One line per feed says what it did; a feed that fails keeps its
    articles and its error (`newsread feeds ls`). Exit status 1 if any feed failed.
    """
    from ..nlp import ModelNotFound
    from ..refresh import refresh_feeds

    with _open(db) as lib:
        feeds = _feeds(lib)
        chosen: list[FeedRow] = [feeds.find(n) for n in dict.fromkeys(names)] if names else feeds.all()
        if not chosen:
            raise NewsreadError("no feeds to refresh: `newsread feeds add URL` subscribes to one")
        reporter = _RefreshReporter(progress)
        try:
            results = refresh_feeds(
                lib,
                chosen,
                model=resolve_model(model),
                fetch=not no_fetch,
                timeout=timeout,
                jobs=jobs,
                on_event=reporter,
            )
        except ModelNotFound as exc:
            raise NewsreadError(str(exc)) from None
        finally:
            reporter.close()
    if any(r.status == "failed" for r in results):
        sys.exit(1)


COMMANDS = [feeds_group, refresh_cmd]
