"""Shared fixtures: the real seed article, analysed once per test session by the real model."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_635429398ea7a8c9.txt"
SEED_PUBLISHED = "2024-10-24"

if TYPE_CHECKING:
    from newsread.tui.app import NewsreadApp
    from support.app import MakeApp


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_analysis(seed_text: str):
    """The seed's analysis by the real spaCy model (loaded once per process)."""
    from newsread.core.analysis import analyze
    from newsread.core.textio import split_title

    title, _ = split_title(seed_text)
    return analyze(seed_text, title=title, published=SEED_PUBLISHED, path=str(SEED))


@pytest.fixture(scope="session")
def _seed_library_template(tmp_path_factory: pytest.TempPathFactory, seed_analysis) -> Path:
    from newsread.core.store.library import Library

    path = tmp_path_factory.mktemp("template") / "library.db"
    with Library.open(path) as lib:
        lib.add_analysis(seed_analysis, source=str(SEED), site="thehill.com")
        lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def seed_library(tmp_path: Path, _seed_library_template: Path) -> Path:
    """A fresh copy of a real library file holding the analysed seed article (id 1)."""
    path = tmp_path / "library.db"
    shutil.copy(_seed_library_template, path)
    return path


@pytest.fixture
def anyio_backend() -> str:
    """The Textual Pilot tests run on asyncio."""
    return "asyncio"


@pytest.fixture(scope="session")
def _hand_library_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from support.reader import make_library

    path = tmp_path_factory.mktemp("hand") / "library.db"
    lib, _ = make_library(path)
    lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    lib.close()
    return path


@pytest.fixture
def hand_library(tmp_path: Path, _hand_library_template: Path):
    """An open library holding the seed with a hand-made analysis (stable across model changes)."""
    from newsread.core.store.library import Library

    path = tmp_path / "hand-library.db"
    shutil.copy(_hand_library_template, path)
    lib = Library.open(path)
    yield lib
    lib.close()


@pytest.fixture
def make_app() -> Iterator[MakeApp]:
    """``make_app(path, **kwargs)``: ``NewsreadApp`` on the library file at ``path`` (keywords as the
    app takes them; no first-run import unless ``first_run_import=True``). The libraries it opens
    are closed after the test."""
    from newsread.core.store.library import Library
    from newsread.tui.app import NewsreadApp

    libraries: list[Library] = []

    def make(path: Path, **kwargs: Any) -> NewsreadApp:
        lib = Library.open(path)
        libraries.append(lib)
        kwargs.setdefault("first_run_import", False)
        return NewsreadApp(lib, **kwargs)

    yield make
    for lib in libraries:
        lib.close()


@pytest.fixture
def app(seed_library: Path, make_app: MakeApp) -> NewsreadApp:
    """``NewsreadApp`` on a fresh copy of the seed library (``seed_library``), its library open
    until the test ends; a test module on another library overrides it."""
    return make_app(seed_library)
