"""Where newsread keeps its files: platformdirs defaults, overridable by flags and environment."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP = "newsread"


def default_db_path() -> Path:
    """``--db`` wins over ``NEWSREAD_DB``, which wins over the user data dir."""
    env = os.environ.get("NEWSREAD_DB")
    if env:
        return Path(env).expanduser()
    return user_data_path(APP, appauthor=False) / "library.db"


def config_path() -> Path:
    env = os.environ.get("NEWSREAD_CONFIG")
    if env:
        return Path(env).expanduser()
    return user_config_path(APP, appauthor=False) / "config.toml"


def make_private_dir(path: Path) -> None:
    """Create the folder ``path`` and any missing parents as 0700, whatever the umask: the data
    folder holds the reading library and its notes, which are personal. Folders that exist are
    left as they are."""
    missing: list[Path] = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile by another process
        os.chmod(folder, 0o700)  # mkdir's mode passes through the umask: a strict one would take the owner's bits
