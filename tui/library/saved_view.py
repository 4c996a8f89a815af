"""The library's sort and filters, remembered between launches in a small JSON file.

The file lives in the user state dir (``$NEWSREAD_STATE`` names another file); ``run`` hands its
path to the app, and an app given no path (tests, embedding) remembers nothing. Reading never
fails: a missing, unreadable or damaged file is the default view. Writing is atomic and a failure
is returned as one line for the caller to show once. Textual-free, like the model.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from ...core.paths import APP, make_private_dir
from .model import LibraryView


def default_state_path() -> Path:
    """``$NEWSREAD_STATE``, else ``library-view.json`` in the user state dir."""
    env = os.environ.get("NEWSREAD_STATE")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_state_path

    return user_state_path(APP, appauthor=False) / "library-view.json"


def load_view(path: Path) -> LibraryView:
    """The view saved at ``path``, or the default one."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return LibraryView()
    return LibraryView.from_saved(data)


def save_view(path: Path, view: LibraryView) -> str | None:
    """Write ``view.saved()`` to ``path`` (made private, with its folder); why not, or None."""
    text = json.dumps(view.saved(), ensure_ascii=False, indent=1) + "\n"
    tmp: str | None = None
    try:
        make_private_dir(path.parent)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".library-view-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return f"{path}: {exc.strerror or exc}"
    return None
