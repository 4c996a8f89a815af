"""Command-palette providers: every key's action, offered by name (ctrl+p).

``KeyCommands`` lists what the keys of the screen under the palette do — the focused widget's,
the screen's and the app's bindings — so every action reachable by a key is reachable by name too,
on the library, the reader or any later screen, with no list to keep in step by hand.
"""

from __future__ import annotations

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
