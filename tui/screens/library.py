"""``LibraryScreen`` under the name the app, the keymap check, the article table and the benchmarks
import it by; the screen and its model live in ``tui/library/``."""

from ..library.screen import LibraryScreen

__all__ = ["LibraryScreen"]
