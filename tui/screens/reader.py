"""The reader screen's old address, kept for the modules that import it from here (the keymap's
start-up check of every screen's bindings, tests and benchmarks): the reader is ``tui/reader/``."""

from __future__ import annotations

from ..reader.header import ReaderHeader, StatusLine
from ..reader.model import ArticleData
from ..reader.screen import ReaderScreen, sample_widgets

__all__ = ["ArticleData", "ReaderHeader", "ReaderScreen", "StatusLine", "sample_widgets"]
