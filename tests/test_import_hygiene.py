"""The layering rules, enforced: core never imports Textual; the reader never imports spaCy; the
reader's and the library's models import neither."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "newsread.core.model",
    "newsread.core.nlp",
    "newsread.core.cli",
    "newsread.core.store.schema",
    "newsread.core.spans",
    "newsread.tui.text_layout",  # the TUI's Textual-free text layout
]


def imported_after(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return set(out.split())


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_never_imports_textual(module: str) -> None:
    loaded = imported_after(module)
    assert module in loaded
    assert "textual" not in loaded


def test_cli_start_does_not_load_spacy() -> None:
    """`newsread --help` and the library commands stay fast: spaCy loads only for analysis."""
    loaded = imported_after("newsread.core.cli")
    assert "spacy" not in loaded


def test_tui_never_imports_spacy() -> None:
    """The reader runs analysis in a child process: its own process never loads spaCy or the engine."""
    loaded = imported_after("newsread.tui.app")
    assert "newsread.tui.app" in loaded
    for heavy in ("spacy", "thinc", "newsread.core.analysis", "newsread.core.nlp"):
        assert heavy not in loaded, heavy


def test_tui_screens_never_import_spacy() -> None:
    """Every screen the library opens (reader, help, add, filters) stays clear of spaCy too."""
    modules = [
        "newsread.tui.reader.screen",
        "newsread.tui.screens.help",
        "newsread.tui.screens.add_source",
        "newsread.tui.screens.picker",
        "newsread.tui.commands",
    ]
    code = f"import sys, {', '.join(modules)}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    loaded = set(out.split())
    for heavy in ("spacy", "thinc", "newsread.core.analysis", "newsread.core.nlp"):
        assert heavy not in loaded, heavy


@pytest.mark.parametrize(
    "module", ["newsread.tui.reader.article", "newsread.tui.reader.model", "newsread.tui.library.model"]
)
def test_screen_models_import_neither_textual_nor_spacy(module: str) -> None:
    """The reader's rules (filters, search, navigation) and the library's (sort, search, filters,
    status, reloads) are plain Python, tested without an App."""
    loaded = imported_after(module)
    assert module in loaded
    for heavy in ("textual", "rich", "spacy", "thinc", "newsread.core.analysis", "newsread.core.nlp"):
        assert heavy not in loaded, heavy
