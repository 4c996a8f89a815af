"""One line under the library table: how many articles, which filters, which sort."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusBar(Static):
    """Shows the counts and the active filters; the screen hands it the facts, it lays them out."""

    def show(
        self,
        *,
        shown: int,
        total: int | None,
        filters: list[str],
        unread: int = 0,
        sort: str,
        loading: bool = False,
        importing: bool = False,
        read_only: bool = False,
        can_add: bool = True,
        problem: str | None = None,
    ) -> None:
        """``importing``: the first run's sample articles are being added (the library is not
        empty for long, and + is not what to press). ``read_only``: the library file cannot be
        written, so nothing is marked read or saved (said here rather than on every change).
        ``can_add``: False when + cannot add articles (an in-memory library), so an empty library
        says what adding needs instead of offering +.
        ``problem``: why the library cannot be read (a damaged file), shown instead of counts.
        ``unread``: articles never opened (or marked unread), in the whole library.
        ``total``: None while the library's articles are still being counted (a large library's
        first page is drawn before its counts are in)."""
        text = Text()
        if problem:
            text.append(problem, style="bold")
        elif total is None:
            text.append("Counting the articles…", style="dim italic")
        elif total == 0 and importing:
            text.append("Importing the sample articles…", style="bold")
        elif total == 0 and not can_add:
            text.append("Library is empty — adding articles needs a library file (--db PATH)", style="bold")
        elif total == 0:
            text.append("Library is empty — press + to add an article", style="bold")
        elif filters:
            text.append(f"{shown} of {total} articles", style="bold")
            for f in filters:
                text.append("  ·  ")
                text.append(f, style="bold reverse")
            text.append("  ·  escape clears", style="dim")
        else:
            text.append(f"{total} article{'s' if total != 1 else ''}", style="bold")
        if total and not problem:
            text.append(f"  ·  {unread} unread", style="bold" if unread else "dim")
            text.append(f"  ·  sorted by {sort}", style="dim")
        if read_only:
            text.append("  ·  read-only: nothing is saved", style="bold")
        if loading and total is not None:
            text.append("  ·  loading…", style="dim italic")
        self.update(text)
