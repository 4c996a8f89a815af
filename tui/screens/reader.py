"""The reader's screen and records as ``tui.screens`` names them, for the modules that import them
from here (the keymap's start-up check of every screen's bindings, tests, benchmarks). The reader
is the ``tui/reader/`` package."""

from __future__ import annotations

from ..reader.header import ReaderHeader
from ..reader.model import ArticleData
from ..reader.screen import ReaderScreen

__all__ = ["ArticleData", "ReaderHeader", "ReaderScreen"]
