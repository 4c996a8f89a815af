"""Command-palette providers: every key's action, offered by name (ctrl+p), and the source desk's
pages by the name of whom they are about.

``KeyCommands`` lists what the keys of the screen under the palette do — the focused widget's,
the screen's and the app's bindings — so every action reachable by a key is reachable by name too,
on the library, the reader or any later screen, with no list to keep in step by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

_SKIP_ACTIONS = {"command_palette"}


class KeyCommands(Provider):
    def _commands(self) -> list[tuple[str, str, object]]:
        screen = self.screen
        app = self.app
        out: list[tuple[str, str, object]] = []
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not active.enabled or not (binding.tooltip or binding.description) or binding.action in _SKIP_ACTIONS:
                continue
            if binding.system or (binding.tooltip or binding.description) in seen:
                continue
            if not (binding.id or binding.show):
                continue  # Textual's own cursor and scroll keys: no use by name
            seen.add(binding.tooltip or binding.description)
            display = binding.key_display or app.get_key_display(binding.with_key(key))
            help_text = f"key: {display}" + (f" · id: {binding.id}" if binding.id else "")
            name = binding.tooltip or binding.description
            out.append((name, help_text, partial(app.run_action, binding.action, active.node)))
        return out

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)  # type: ignore[arg-type]


class DeskCommands(Provider):
    """The source desk by name: "Person's page: NAME" for the people and organisations whose name,
    alias or surname starts with what is typed (``people.pages_named_like``); in the reader, before
    anything is typed, for the people and organisations the article quotes."""

    def _article_pages(self) -> list[tuple[str, Callable[[], object]]]:
        """The reader's article's quoted people and organisations, most quoted first."""
        from .safe_text import one_line
        from .screens.person_page import open_person_page

        screen = self.screen
        data = getattr(screen, "data", None)  # the reader's ArticleData; other screens have none
        library = getattr(self.app, "library", None)
        if data is None or library is None:
            return []
        kinds = data.speaker_kinds()
        return [
            (f"Person's page: {one_line(name)}", partial(open_person_page, screen, library, name, kinds[name]))
            for name in (row.name for row in data.speaker_counts())
            if kinds.get(name) in ("person", "organisation")
        ]

    def _pages(self, query: str) -> list[tuple[str, Callable[[], object]]]:
        from ..core.errors import NewsreadError
        from ..core.store.people import pages_named_like
        from .safe_text import one_line

        library = getattr(self.app, "library", None)
        if library is None:
            return []
        try:
            found = pages_named_like(library, query)
        except NewsreadError:
            return []
        return [(f"Person's page: {one_line(i.name)}", partial(self._open, i.id)) for i in found]

    def _open(self, identity_id: int) -> None:
        from .screens.person_page import PersonPageScreen

        self.app.push_screen(PersonPageScreen(self.app.library, identity_id))  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for name, callback in self._article_pages():
            yield DiscoveryHit(name, callback, help="Everything they said across the library")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        offered: set[str] = set()
        for name, callback in self._article_pages():
            score = matcher.match(name)
            if score > 0:
                offered.add(name)
                yield Hit(score, matcher.highlight(name), callback, help="Everything they said across the library")
        for name, callback in self._pages(query):
            if name not in offered:
                score = max(matcher.match(name), 0.5)  # found by its name's start: always a hit
                yield Hit(score, matcher.highlight(name), callback, help="Everything they said across the library")
