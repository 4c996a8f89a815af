"""Refreshing subscriptions from the app: a child ``newsread refresh --progress jsonl`` and its progress.

The same child-process machinery as adding articles (``ImportProgress``: spaCy stays in the child),
shown under the library list rather than in a dialog, so the list stays in view and updates as the
child stores articles (the library screen notices each commit). The bar counts feeds; each feed's
one-line report goes into the log, a failed one in red, and is kept in ``lines``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..kinds import plural
from .import_progress import ImportProgress, child_command


def refresh_command(db: Path | str, *, model: str | None = None) -> list[str]:
    """The argv of the child that refreshes every subscription of the library file ``db``."""
    return child_command(db, ["refresh", "--progress", "jsonl"], model=model, doing="refreshing feeds")


class RefreshProgress(ImportProgress):
    """The refresh's progress: a bar over the feeds, a line per feed, the entries stored."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lines: list[str] = []  # one per feed, as the child reported them
        self.failed_feeds = 0

    def start(self, argv: Sequence[str]) -> None:
        self.lines = []
        self.failed_feeds = 0
        super().start(argv)

    def _on_line(self, line: str) -> None:
        try:
            event = json.loads(line)
        except ValueError:
            event = None
        if not isinstance(event, dict) or event.get("event") not in ("start", "feed"):
            super()._on_line(line)
            return
        from textual.widgets import ProgressBar

        bar = self.query_one("#import-bar", ProgressBar)
        total = int(event.get("total") or 0)
        if event["event"] == "start":
            self.summary.total = total
            bar.update(total=total or None, progress=0)
            self._status(f"Refreshing {plural(total, 'feed')}…")
            return
        done = int(event.get("done") or 0)
        bar.update(total=total or None, progress=done)
        report = str(event.get("line") or "")
        self.lines.append(report)
        failed = event.get("status") == "failed"
        self.failed_feeds += failed
        self._log(report, "bold red" if failed else "bold")
        self._status(f"{done} of {total} feeds done")
