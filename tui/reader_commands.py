"""Command-palette commands of the reader and the notes view: exports, filters, search.

Exports ask for a file path (``PromptScreen``), build the document with ``newsread.core.export`` and
write it atomically; success or the one-line reason for a failure is shown as a notification.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from ..core.corrections import corrected_quotes
from ..core.errors import NewsreadError
from ..core.export import export_notes, export_quotes, write_atomic
from ..core.notes import Notes

NOTE_FORMAT_NAMES = {"md": "Markdown", "json": "JSON", "w3c": "W3C Web Annotation", "csv": "Readwise CSV"}
QUOTE_FORMAT_NAMES = {"md": "Markdown", "json": "JSON", "csv": "CSV"}
EXTENSIONS = {"md": "md", "json": "json", "w3c": "jsonld", "csv": "csv"}


def export_text(screen: Screen, what: str, fmt: str, article_id: int | None) -> tuple[str, int]:
    """The export document and how many items it holds. ``what`` is "notes" or "quotes"."""
    library = screen.app.library  # type: ignore[attr-defined]
    if what == "notes":
        rows = Notes(library).all_notes(article_id=article_id, order="article")
        return export_notes(rows, fmt), len(rows)
    quotes, corrected = corrected_quotes(library, article_id=article_id)
    articles = {a.id: a for a in library.articles(ids=sorted({q.article_id for q in quotes}))}
    return export_quotes(quotes, fmt, articles=articles, corrected=corrected), len(quotes)


def write_export(screen: Screen, what: str, fmt: str, article_id: int | None, path: str) -> Path | None:
    """Write one export to ``path``; notifies and returns the path written, or None after an error."""
    target = Path(path).expanduser()
    try:
        text, count = export_text(screen, what, fmt, article_id)
        write_atomic(target, text)
    except (NewsreadError, OSError) as exc:
        screen.notify(str(exc), title="Export failed", severity="error", markup=False)
        return None
    screen.notify(f"{count} {what} written to {target}", title="Exported", markup=False)
    return target


def start_export(screen: Screen, what: str, fmt: str, article_id: int | None) -> None:
    """Ask where to write, then export."""
    from .screens.confirm import PromptScreen

    scope = "this article's" if article_id is not None else "all"
    default = str(Path.cwd() / f"newsread-{what}.{EXTENSIONS[fmt]}")
    names = NOTE_FORMAT_NAMES if what == "notes" else QUOTE_FORMAT_NAMES

    def chosen(path: str | None) -> None:
        if path:
            write_export(screen, what, fmt, article_id, path)

    screen.app.push_screen(PromptScreen(f"Export {scope} {what} as {names[fmt]} to:", value=default), chosen)


class ReaderCommands(Provider):
    """Exports of notes and quotes, and the reader's filters, by name."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        article_id: int | None = getattr(screen, "article_id", None)
        out: list[tuple[str, str, Callable[[], object]]] = []
        scopes: list[tuple[str, int | None]] = [("all", None)]
        if article_id is not None:
            scopes.insert(0, ("this article's", article_id))
        for scope, aid in scopes:
            for fmt, name in NOTE_FORMAT_NAMES.items():
                out.append(
                    (
                        f"Export {scope} notes as {name}",
                        "Write notes to a file you name",
                        partial(start_export, screen, "notes", fmt, aid),
                    )
                )
        if article_id is not None:
            for fmt, name in QUOTE_FORMAT_NAMES.items():
                out.append(
                    (
                        f"Export this article's quotes as {name}",
                        "Write the quotes with their speakers to a file you name",
                        partial(start_export, screen, "quotes", fmt, article_id),
                    )
                )
        return out

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
