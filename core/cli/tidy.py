"""Tidying the library: ``rm`` deletes articles, ``mark`` marks them read or unread.

``rm`` never drops notes silently: an article's notes are kept as orphans (All notes lists them,
with the article's title) unless ``--delete-notes`` says otherwise, and the line printed says how
many were kept or deleted. Asked on a terminal, ``rm`` confirms first when notes are involved.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import NewsreadError
from .common import ARTICLE_ID, db_option, resolve_db


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@click.command("rm")
@click.argument("article_ids", nargs=-1, required=True, type=ARTICLE_ID)
@click.option("--delete-notes", is_flag=True, help="Delete the articles' notes too (default: kept as orphans).")
@click.option("--yes", "-y", is_flag=True, help="Do not ask, even on a terminal.")
@db_option
def rm_cmd(article_ids: tuple[int, ...], delete_notes: bool, yes: bool, db: Path | None) -> None:
    """Delete articles (with their analyses) by id. Their notes are kept as orphans, listed in
    All notes under the article's title, unless --delete-notes. Exit status 1 if an id names no
    article (the others are still deleted)."""
    from ..store.library import Library

    ids = list(dict.fromkeys(article_ids))
    with Library.open(resolve_db(db), create=False) as lib:
        notes = lib.notes_of(ids)
        if notes and delete_notes and not yes and sys.stdin.isatty():
            click.confirm(f"Delete {_plural(len(ids), 'article')} and their {_plural(notes, 'note')}?", abort=True)
        result = lib.delete_articles(ids, delete_notes=delete_notes)
    line = f"deleted {_plural(len(result.deleted), 'article')}"
    if result.notes_kept:
        line += f"; kept their {_plural(result.notes_kept, 'note')} as orphans (see All notes)"
    if result.notes_deleted:
        line += f" and {_plural(result.notes_deleted, 'note')}"
    click.echo(line)
    if result.missing:
        raise NewsreadError(f"no article with id {', '.join(map(str, result.missing))} (see `newsread ls`)")


@click.command("mark")
@click.argument("state", type=click.Choice(["read", "unread"]))
@click.argument("article_ids", nargs=-1, type=ARTICLE_ID)
@click.option("--all", "every", is_flag=True, help="Every article (with read: every unread one).")
@click.option("--feed", default=None, metavar="FEED", help="Every article of this feed (name, id or URL).")
@db_option
def mark_cmd(state: str, article_ids: tuple[int, ...], every: bool, feed: str | None, db: Path | None) -> None:
    """Mark articles read or unread: by id, --all, or every article of a --feed."""
    from ..store.feeds import Feeds
    from ..store.library import Library

    if bool(article_ids) + every + (feed is not None) != 1:
        raise click.UsageError("give article ids, --all or --feed FEED (one of them)")
    read = state == "read"
    with Library.open(resolve_db(db), create=False) as lib:
        feed_id = Feeds(lib).find(feed).id if feed is not None else None
        if article_ids:
            missing = [i for i in article_ids if lib.article(i) is None]
            if missing:
                raise NewsreadError(f"no article with id {', '.join(map(str, missing))} (see `newsread ls`)")
            changed = lib.set_read(list(article_ids), read)
        elif read:
            changed = lib.mark_all_read(feed_id=feed_id)
        else:
            ids = [r.id for r in lib.articles(feed_id=feed_id)]
            changed = lib.set_read(ids, False)
    click.echo(f"marked {_plural(changed, 'article')} {state}")


COMMANDS = [rm_cmd, mark_cmd]
