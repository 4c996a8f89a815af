"""Adding articles without loading spaCy here: a child ``newsread add --progress jsonl`` and its progress.

The child prints one JSON object a line (``start``, ``item`` for each source, ``done``); this widget
turns those lines into a progress bar and a log, and posts ``ImportProgress.Finished`` with a
summary when the child exits — whatever way it exits. A child that cannot start, dies, or prints
something unexpected is reported in the log; it never takes the app down.
"""

from __future__ import annotations

import asyncio
import json
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, ProgressBar, RichLog

from ..safe_text import neutralise, one_line


def in_memory(db: Path | str | None) -> bool:
    """Whether ``db`` (a ``Library.path``: None for ``--db :memory:``) names a library that lives only
    in this process, so another process cannot open it."""
    return db is None or str(db) == ":memory:"


def add_command(db: Path | str, sources: Sequence[str], *, model: str | None = None) -> list[str]:
    """The argv of the child that analyses and stores ``sources`` in the library file ``db``.

    The child opens the library by its file, so ``db`` must be one: an in-memory library (None,
    ``:memory:``) raises ``ValueError``, since the child would store the articles in a library of its
    own (or a file named "None") that this process never sees."""
    return child_command(db, ["add", "--progress", "jsonl", *sources], model=model, doing="adding articles")


def child_command(db: Path | str, command: Sequence[str], *, model: str | None, doing: str) -> list[str]:
    """The argv of a child ``newsread`` running ``command`` on the library file ``db`` (``doing``
    names it when ``db`` is in memory: ``ValueError``)."""
    if in_memory(db):
        raise ValueError(f"{doing} needs a library file, not an in-memory library ({db!r})")
    argv = [sys.executable, "-m", "newsread.core.cli", "--db", str(db)]
    if model:
        argv += ["--model", model]
    return [*argv, *command]


@dataclass
class ImportSummary:
    """What one run of the child did."""

    total: int = 0
    done: int = 0
    added: int = 0
    duplicates: int = 0
    updated: int = 0
    failed: int = 0
    ids: list[int] = field(default_factory=list)  # articles added or updated, in order
    errors: list[str] = field(default_factory=list)  # one line per failed source or child failure
    returncode: int | None = None
    finished: bool = False  # the child reported "done"

    @property
    def ok(self) -> bool:
        return self.finished and self.returncode == 0 and not self.errors

    def describe(self) -> str:
        parts = [f"{self.added} added"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        if self.duplicates:
            parts.append(f"{self.duplicates} already in the library")
        if self.failed:
            parts.append(f"{self.failed} failed")
        return ", ".join(parts)


class ImportProgress(Vertical):
    """A progress bar and a log over one child import."""

    DEFAULT_CSS = """
    ImportProgress { height: auto; }
    ImportProgress > #import-status { width: 1fr; margin-bottom: 1; }
    ImportProgress > ProgressBar { margin-bottom: 1; }
    ImportProgress > RichLog { height: 8; border: round $primary 50%; }
    """

    class Finished(Message):
        def __init__(self, progress: ImportProgress, summary: ImportSummary) -> None:
            super().__init__()
            self.progress = progress
            self.summary = summary

    def compose(self) -> ComposeResult:
        yield Label("Starting…", id="import-status")
        yield ProgressBar(total=None, show_eta=False, id="import-bar")
        # min_width: RichLog draws at 78 cells at least, and a narrower log cut its lines short
        yield RichLog(id="import-log", wrap=True, markup=False, highlight=False, auto_scroll=True, min_width=1)

    def start(self, argv: Sequence[str]) -> None:
        """Run the child ``argv`` (see ``add_command``) in a worker; ``Finished`` follows."""
        self.summary = ImportSummary()
        self.run_worker(self._run(list(argv)), group="import", exclusive=True, name="import")

    # -- reporting -------------------------------------------------------------------------------
    def _status(self, text: str) -> None:
        # Content, not a str: a str is parsed as markup, and paths and errors hold "[...]"
        self.query_one("#import-status", Label).update(Content(one_line(text)))

    def _log(self, text: str, style: str = "") -> None:
        self.query_one("#import-log", RichLog).write(Text(neutralise(text), style=style))

    def _on_line(self, line: str) -> None:
        s = self.summary
        bar = self.query_one("#import-bar", ProgressBar)
        try:
            event = json.loads(line)
            if not isinstance(event, dict):
                raise ValueError
        except ValueError:
            if line.strip():
                self._log(line.rstrip(), "dim")
            return
        kind = event.get("event")
        if kind == "start":
            s.total = int(event.get("total") or 0)
            bar.update(total=s.total or None, progress=0)
            self._status(f"Analysing {s.total} source{'s' if s.total != 1 else ''}…")
        elif kind == "item":
            s.done = int(event.get("done") or s.done + 1)
            s.total = int(event.get("total") or s.total)
            bar.update(total=s.total or None, progress=s.done)
            status = str(event.get("status", "?"))
            name = event.get("title") or event.get("source") or "?"
            if status == "failed":
                reason = event.get("reason") or "unknown error"
                s.errors.append(f"{event.get('source') or name}: {reason}")
                self._log(f"✗ {event.get('source') or name}: {reason}", "bold red")
            else:
                if status in ("added", "updated") and event.get("id") is not None:
                    s.ids.append(int(event["id"]))
                mark = {"added": "✓", "updated": "↻", "duplicate": "="}.get(status, "·")
                self._log(f"{mark} {status}: {name}")
            self._status(f"{s.done} of {s.total} done")
        elif kind == "done":
            s.finished = True
            s.added = int(event.get("added", 0))
            s.duplicates = int(event.get("duplicates", 0))
            s.updated = int(event.get("updated", 0))
            s.failed = int(event.get("failed", 0))
            if s.total:
                bar.update(total=s.total, progress=s.total)
            else:
                bar.update(total=1, progress=1)

    async def _run(self, argv: list[str]) -> None:
        s = self.summary
        command = ["newsread", *argv[argv.index("--db") :]] if "--db" in argv else argv
        self._log("$ " + shlex.join(command), "dim")
        try:
            proc = await asyncio.create_subprocess_exec(
                *argv,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
        except OSError as exc:
            s.errors.append(f"could not start the import: {exc}")
            self._finish()
            return
        assert proc.stdout is not None and proc.stderr is not None
        stderr_task = asyncio.create_task(proc.stderr.read())
        try:
            async for raw in proc.stdout:
                self._on_line(raw.decode("utf-8", "replace"))
            stderr = (await stderr_task).decode("utf-8", "replace")
            s.returncode = await proc.wait()
        except asyncio.CancelledError:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
            raise
        if s.returncode != 0 or not s.finished:
            lines = [ln for ln in stderr.strip().splitlines() if ln.strip()]
            detail = lines[-1] if lines else f"exit status {s.returncode}"
            s.errors.append(f"import failed: {detail}")
            for ln in lines[-6:]:
                self._log(ln, "red")
        self._finish()

    def _finish(self) -> None:
        s = self.summary
        if s.errors:
            self._status(f"Finished with problems: {s.describe()}" if s.finished else s.errors[-1])
            self.add_class("-failed")
        else:
            self._status(f"Done: {s.describe()}")
        self.post_message(self.Finished(self, s))
