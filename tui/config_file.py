"""Writing one setting back to the config file, leaving the rest of it as the user wrote it.

Only the theme is written (chosen in the command palette). The file is edited line by line — a
top-level ``theme = …`` is replaced, or one is added before the first table — and the result is
parsed before it replaces the file, so a file this cannot edit safely is left alone.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

_THEME = re.compile(r"^\s*theme\s*=")
_TABLE = re.compile(r"^\s*\[")


class ConfigWriteError(Exception):
    """The config file could not be updated (unreadable, unwritable or not editable safely)."""


def save_theme(path: Path, theme: str) -> None:
    """Set the top-level ``theme`` in the TOML file at ``path`` (created if missing)."""
    import tomllib

    try:
        text = path.read_text("utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigWriteError(f"{path}: cannot read ({exc})") from None
    line = f"theme = {json.dumps(theme)}"  # a JSON string is a valid TOML basic string
    lines = text.splitlines()
    top_level_end = next((i for i, text_line in enumerate(lines) if _TABLE.match(text_line)), len(lines))
    at = next((i for i in range(top_level_end) if _THEME.match(lines[i])), None)
    if at is not None:
        lines[at] = line
    elif top_level_end < len(lines):
        lines[top_level_end:top_level_end] = [line, ""]  # top-level keys go before the first table
    else:
        lines.append(line)
    new_text = "\n".join(lines) + "\n"
    try:
        if tomllib.loads(new_text).get("theme") != theme:
            raise ConfigWriteError(f"{path}: cannot set the theme in this file safely")
    except tomllib.TOMLDecodeError:
        raise ConfigWriteError(f"{path}: not valid TOML; the theme was not saved") from None
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".toml")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(new_text)
        os.replace(tmp, path)  # all or nothing: a crash never leaves half a config file
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise ConfigWriteError(f"{path}: cannot write ({exc.strerror})") from None
