"""The library's tidying and feed keys, run against the library screen.

``d`` deletes the article under the cursor after asking (``model.delete_question`` counts its
notes, kept as orphans in All notes unless the user deletes them too), ``m`` marks it read or
unread, ``M`` marks every unread article read (the feed's, under a feed filter), ``y`` copies and
``O`` opens its URL (``webbrowser``), and ``R`` refreshes the subscriptions in a child ``newsread
refresh`` whose progress shows under the list. ``LibraryScreen``'s handlers are one line each
calling these; what they decide is the model's, what they change is the store's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.store.errors import LibraryError
from ...core.store.feeds import Feeds
from ...core.store.records import ArticleRow
from ..kinds import plural
from ..safe_text import one_line
from ..widgets.article_table import title_of
from .model import delete_question

if TYPE_CHECKING:
    from ..widgets.import_progress import ImportSummary
    from .screen import LibraryScreen

REFRESH_SHOWN = 4.0  # seconds the refresh's progress stays under the list once it is done


def current(screen: LibraryScreen) -> ArticleRow | None:
    """The article under the cursor, as stored now (None: no article, or it cannot be read)."""
    article_id = screen.table.current_id
    return None if article_id is None else screen.read_library(screen.newsread_app.library.article, article_id)


def delete_article(screen: LibraryScreen) -> None:
    """Ask, then delete the article; its notes are kept unless the user chooses otherwise."""
    from ..screens.confirm import Choice, ChoiceScreen

    row = current(screen)
    if row is None:
        return
    notes = screen.read_library(screen.newsread_app.library.notes_of, [row.id])
    if notes is None:
        return
    if notes:
        choices = [
            Choice("drop", "Delete notes too", "D", "error"),
            Choice("keep", "Delete, keep notes", "y", "warning"),
            Choice("", "Cancel", "n", "primary"),
        ]
    else:
        choices = [Choice("keep", "Delete", "y", "error"), Choice("", "Cancel", "n", "primary")]

    def answered(answer: str | None) -> None:
        if answer:
            _delete(screen, row, delete_notes=answer == "drop")

    screen.app.push_screen(ChoiceScreen(delete_question(title_of(row)[:80], notes), choices), answered)


def _delete(screen: LibraryScreen, row: ArticleRow, *, delete_notes: bool) -> None:
    rows = screen.table.articles
    index = screen.table.row_of(row.id)
    # The cursor stays where it was: on the next article, else the one before.
    near = [] if index is None else rows[index + 1 : index + 2] or rows[max(0, index - 1) : index]
    try:
        result = screen.newsread_app.library.delete_articles([row.id], delete_notes=delete_notes)
    except LibraryError as exc:
        screen.write_failed(exc, "Not deleted")
        return
    said = f"Deleted “{title_of(row)[:60]}”"
    if result.notes_kept:
        said += f"; its {plural(result.notes_kept, 'note')} kept in All notes"
    elif result.notes_deleted:
        said += f" and its {plural(result.notes_deleted, 'note')}"
    screen.notify(said, markup=False)
    screen.reload(keep_id=near[0].id if near else None)


def toggle_read(screen: LibraryScreen) -> None:
    row = current(screen)
    if row is None:
        return
    try:
        screen.newsread_app.library.set_read([row.id], not row.read)
    except LibraryError as exc:
        screen.write_failed(exc, "Not marked")
        return
    row.read = not row.read
    if screen.state.reload_after_marking(row.read):
        screen.reload()
        return
    screen.table.update_article(row)
    screen.state.unread += -1 if row.read else 1
    screen.update_status()


def mark_all_read(screen: LibraryScreen) -> None:
    """Ask, then mark every unread article read: the feed's under a feed filter, else the library's."""
    from ..screens.confirm import ConfirmScreen

    lib = screen.newsread_app.library
    feed_id = screen.view.feed_id
    feed = screen.read_library(Feeds(lib).get, feed_id) if feed_id is not None else None
    # counted now: the screen's count may not be in yet (a large library's is read after its first page)
    unread = feed.unread if feed is not None else screen.read_library(lib.unread_count)
    if unread is None:
        return
    if not unread:
        screen.notify("Nothing is unread here.")
        return
    where = f" of the feed “{one_line(feed.name)}”" if feed is not None else ""

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            lib.mark_all_read(feed_id=feed_id)
        except LibraryError as exc:
            screen.write_failed(exc, "Not marked")
            return
        screen.reload()

    question = f"Mark {plural(unread, 'unread article')}{where} read?"
    screen.app.push_screen(ConfirmScreen(question, yes="Mark read", no="Cancel"), answered)


def article_url(screen: LibraryScreen) -> str | None:
    """The current article's web address (its URL, else a source that is one), or None, said."""
    row = current(screen)
    if row is None:
        return None
    for candidate in (row.url, row.source):
        if candidate and candidate.startswith(("http://", "https://")):
            return candidate
    screen.notify("This article has no web address (it was added from a file).", severity="warning")
    return None


def copy_url(screen: LibraryScreen) -> None:
    url = article_url(screen)
    if url is not None:
        screen.app.copy_to_clipboard(url)
        screen.notify(f"Copied {one_line(url)}", markup=False)


def open_in_browser(screen: LibraryScreen) -> None:
    """Open the article's URL with ``webbrowser``; called in a worker thread."""
    import webbrowser

    url = screen.app.call_from_thread(article_url, screen)
    if url is not None and not webbrowser.open(url):
        screen.app.call_from_thread(screen.notify, "No web browser found; y copies the URL.", severity="warning")


def refresh_feeds(screen: LibraryScreen) -> None:
    """Refresh every subscription in a child ``newsread refresh`` (spaCy stays out of the app),
    its progress under the list; the list shows articles as the child stores them."""
    app = screen.newsread_app
    if screen.refreshing:
        screen.notify("The feeds are being refreshed already.")
        return
    path = app.library.path
    if path is None or app.library.read_only:
        why = "is read-only" if app.library.read_only else "is in memory (--db :memory:)"
        screen.notify(f"Feeds cannot be refreshed: the library {why}.", severity="warning")
        return
    feeds = screen.read_library(Feeds(app.library).all)
    if feeds is None:
        return
    if not feeds:
        screen.notify("No feeds yet: subscribe with `newsread feeds add URL`.", severity="warning", markup=False)
        return
    from ..widgets.refresh_progress import refresh_command  # with the progress, mounted by now

    screen.refreshing = True
    progress = screen.refresh_progress
    progress.remove_class("-hidden")
    progress.start(refresh_command(path, model=app.model))


def refreshed(screen: LibraryScreen, summary: ImportSummary) -> None:
    """The child is done: each feed's line in a toast, the list read again, the progress hidden soon."""
    screen.refreshing = False
    progress = screen.refresh_progress
    lines = "\n".join(one_line(line) for line in progress.lines) or summary.describe()  # names from feeds
    if progress.failed_feeds or summary.errors:
        screen.notify(lines, title="Refresh had problems", severity="warning", timeout=10, markup=False)
    else:
        screen.notify(lines, title="Feeds refreshed", markup=False)
    screen.set_timer(REFRESH_SHOWN, lambda: progress.add_class("-hidden") if not screen.refreshing else None)
    screen.reload()
