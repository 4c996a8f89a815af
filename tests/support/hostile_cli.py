"""Helpers for the hostile-input CLI tests: the attack texts, the real ``newsread`` process (on a
pipe, on a pseudo-terminal, on a full disk) and what counts as a control a terminal would obey."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

CLI = [sys.executable, "-c", "from newsread.core.cli import main; main()"]

ATTACK = "Evil \x1b]0;PWNED\x07\x1b[2J title\n\nBlinken said talks would continue.\n"
"""The issue's attack, byte for byte: it sets the window title and clears the screen if obeyed."""

ATTACK_ARTICLE = (
    ATTACK
    + "\n“We will talk \x1b]0;QUOTED\x07\x1b[2J again,” said Antony Blinken, the secretary of state, on Monday.\n"
)
"""The attack with a quote that carries it too, so quote listings and exports print it."""

TITLE_SHOWN = "Evil \u241b]0;PWNED\u2407\u241b[2J title"
"""The attack's title as every human-readable output shows it: controls as control pictures."""

C1_CSI = "\x9b"
"""The one-character C1 form of ESC [ (a terminal that reads C1 obeys ``\\x9b2J`` as a screen clear)."""

# Escape sequences rich writes itself on a terminal: colours (SGR), cursor hide/show, erase line,
# cursor up/column (its live progress bar). Anything else starting with ESC came from the data.
_RICH_OWN = re.compile(r"\x1b\[(?:\d+(?:;\d+)*)?m|\x1b\[\?25[lh]|\x1b\[2K|\x1b\[\d*[AG]")


def obeyed_controls(output: str, *, terminal: bool = False) -> list[str]:
    """The characters of ``output`` a terminal would act on: C0 controls other than line breaks and
    tabs, DEL and C1 controls. On a ``terminal`` rich's own colour and cursor sequences are allowed
    (and the pty's CR before each newline); the attack's ESC ] and ESC [ 2 J never are."""
    if terminal:
        output = _RICH_OWN.sub("", output).replace("\r", "")
    return [hex(ord(c)) for c in output if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0]


def analyses_line(
    text: str, *, title: str, speaker: str, organisation: str, role: str, path: str = "made-elsewhere.txt"
) -> str:
    """One ``analyze --jsonl`` line whose speaker, role and organisation carry escapes, with every
    offset true to ``text`` (the route the issue names: analyses made elsewhere)."""
    quote_start = text.index("“")
    quote_end = text.index("”") + 1
    who = text.index(speaker)
    org = text.index(organisation)
    data: dict[str, Any] = {
        "path": path,
        "title": title,
        "published": "2024-10-24",
        "text": text,
        "entities": [
            {"start": who, "end": who + len(speaker), "label": "PERSON", "text": speaker, "canonical": speaker},
            {
                "start": org,
                "end": org + len(organisation),
                "label": "ORG",
                "text": organisation,
                "canonical": organisation,
            },
        ],
        "speakers": [
            {"name": speaker, "aliases": [], "role": role, "organisation": organisation, "quotes": 1, "kind": "person"}
        ],
        "quotes": [
            {
                "start": quote_start,
                "end": quote_end,
                "text": text[quote_start:quote_end],
                "speaker": speaker,
                "cue": "said",
                "kind": "direct",
                "speaker_kind": "person",
            }
        ],
        "figures": [],
        "model": "made-elsewhere",
    }
    return json.dumps(data) + "\n"


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a ``newsread`` child: no library or model chosen from outside the test."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSREAD_DB", "NEWSREAD_MODEL", "NEWSREAD_CONFIG")}
    return {**env, "COLUMNS": "300", **extra}


def newsread(
    *args: str, stdout: int | IO[Any] = subprocess.PIPE, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """The real ``newsread`` command in a child process (stderr captured as text)."""
    return subprocess.run(
        [*CLI, *args], stdout=stdout, stderr=subprocess.PIPE, text=True, env=env or cli_env(), timeout=timeout
    )


def newsread_on_a_terminal(*args: str, timeout: float = 300) -> tuple[int, str]:
    """The real ``newsread`` with stdin, stdout and stderr on a pseudo-terminal (``isatty()`` is
    true, as for a user at a terminal); its exit status and everything it wrote there."""
    leader, follower = os.openpty()
    proc = subprocess.Popen([*CLI, *args], stdin=follower, stdout=follower, stderr=follower, env=cli_env())
    os.close(follower)
    chunks: list[bytes] = []
    try:
        while select.select([leader], [], [], timeout)[0]:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        returncode = proc.wait(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(leader)
    return returncode, b"".join(chunks).decode("utf-8", "replace")


def closed_pipe_run(*args: str) -> subprocess.CompletedProcess[str]:
    """``newsread ARGS | head -0``: stdout is a pipe whose reader is already gone (EPIPE on write)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return newsread(*args, stdout=writer)
    finally:
        os.close(writer)


def full_disk_run(*args: str) -> subprocess.CompletedProcess[str]:
    """``newsread ARGS > /dev/full``: every write to stdout fails with ENOSPC."""
    with open("/dev/full", "w") as full:
        return newsread(*args, stdout=full)


def file_bytes(path: Path) -> bytes:
    """A library's bytes with its WAL, to compare before and after a command that must not write."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
