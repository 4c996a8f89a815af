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
