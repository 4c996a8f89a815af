"""The newsread Textual app: the library screen first, the reader on top, keys from the config file.

Start-up stays light: this module imports Textual and the store only; screens other than the
library, and everything that needs spaCy (run in a child process), load when first used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from newsread.core.settings import Settings
from newsread.core.store.errors import LibraryError
from newsread.core.store.library import Library
from textual import events
from textual.app import App
from textual.binding import Binding, BindingType

from .commands import KeyCommands
from .library.screen import LibraryScreen
from .safe_text import one_line
from .speed import Speed
from .typeahead import TypeAhead

if TYPE_CHECKING:
    from .reader.screen import ReaderScreen

STYLES = Path(__file__).parent / "styles"
LATER_STYLES = ("app.tcss", "desk.tcss", "picker.tcss", "reader.tcss")
"""The styles of the screens over the library (dialogs, pickers, the reader, the desk's pages) and
``.-hidden``: read when the first screen is pushed over the library, the reader is readied, or the
library screen mounts its hidden widgets (after its first frame), rather than parsed before the
library's first frame, whose widgets none of their rules match."""
DEFAULT_THEME = "textual-dark"


def seed_sources() -> list[str]:
    """The bundled sample articles (package ``newsread.seeds``), in name order."""
    from importlib.resources import files  # only on first run: importlib.resources is slow to import

    seeds = files("newsread.seeds")
    return sorted(str(p) for p in seeds.iterdir() if p.name.endswith(".txt"))


class NewsreadApp(App[None]):
    HELP_GROUP = "Everywhere"
    TITLE = "newsread"
    CSS_PATH = sorted(p for p in STYLES.glob("*.tcss") if p.name not in LATER_STYLES)
    COMMANDS = App.COMMANDS | {KeyCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark", "help", "Help", key_display="?", id="app.help", tooltip="Show the keys of this screen"
        ),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit", tooltip="Quit newsread"),
    ]

    def __init__(
        self,
        library: Library,
        *,
        model: str | None = None,
        settings: Settings | None = None,
        first_run_import: bool = True,
        add_argv: Sequence[str] | None = None,
        state_path: Path | None = None,
    ) -> None:
        """``add_argv`` replaces the child command's prefix (everything before the sources); tests use it.
        ``state_path``: the file the library's sort and filters are remembered in (``saved_view``);
        None remembers nothing."""
        super().__init__()
        self.state_path = state_path
        self.library = library
        self.settings = settings or Settings()
        self.model = model or self.settings.model
        self.first_run_import = first_run_import
        self.add_argv = list(add_argv) if add_argv else None
        self.speed = Speed(self)
        self._warmed = False
        self._later_styles_read = False
        self.typeahead = TypeAhead(self)
        self._quit_anyway = False

    # -- keys typed faster than focus moves (see typeahead) ----------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.typeahead.before_key()  # held keys first, before this one is forwarded to the box
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        # Runs before App's own key handler, which checks the bindings.
        self.typeahead.on_key(event)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.typeahead.focused(event.widget)

    def on_app_focus(self) -> None:
        """Back in the terminal: show what another terminal added meanwhile."""
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.refresh_if_changed()

    def on_mount(self) -> None:
        self.apply_keymap()
        theme = self.settings.theme or DEFAULT_THEME
        if theme in self.available_themes:
            self.theme = theme
        else:
            self.theme = DEFAULT_THEME
            self.notify(f"Unknown theme {theme!r}; using {DEFAULT_THEME}.", severity="warning", markup=False)
        self.watch(self, "theme", self._theme_chosen, init=False)
        if self.first_run_import and self.can_add and not self.library.read_only and self._first_run():
            self.import_seeds()
        else:
            self.call_after_refresh(self.offer_drafts)

    def get_default_screen(self) -> LibraryScreen:
        """The library is the app's first screen, not pushed over an empty one: one screen laid
        out and drawn before the first frame, not two."""
        return LibraryScreen()

    @property
    def can_add(self) -> bool:
        """Whether articles can be added (``+``, the first run's import): the child process that
        analyses them opens the library by its file, which an in-memory library (``--db :memory:``,
        ``Library.path`` None) does not have; a stand-in child (``add_argv``) needs none."""
        return self.add_argv is not None or self.library.path is not None

    def _first_run(self) -> bool:
        """An empty library with no subscriptions: the sample articles are imported. A library
        subscribed to feeds (``newsread feeds add`` before the first launch) waits for ``R``."""
        try:
            if not self.library.is_empty():
                return False
        except LibraryError:
            return False
        from newsread.core.store.feeds import Feeds

        try:
            return not Feeds(self.library).all()
        except LibraryError:
            return False

    # -- quitting --------------------------------------------------------------------------------
    async def action_quit(self) -> None:
        """Quit, keeping first what is being typed: every open screen with a ``keep_unsaved()``
        (the note editor) saves it as a draft, offered back at the next start. If one cannot,
        the app says so and stays; quitting again quits without it."""
        if not self._quit_anyway:
            for screen in self.screen_stack:
                keep = getattr(screen, "keep_unsaved", None)
                if callable(keep) and not keep():
                    self._quit_anyway = True
                    self.notify(
                        "The note being written could not be kept as a draft. Press ctrl+q again to quit without it.",
                        title="Unsaved note",
                        severity="error",
                    )
                    self.bell()
                    return
        self.exit()

    def _theme_chosen(self, theme: str) -> None:
        """A theme chosen at run time (the palette's "Change theme") is kept for the next start."""
        path = self.settings.path
        if path is None or theme == self.settings.theme:
            return  # no config file (tests, embedding) or nothing new to keep
        from .config_file import ConfigWriteError, save_theme

        try:
            save_theme(path, theme)
        except ConfigWriteError as exc:
            self.notify(f"The theme was not saved: {exc}", severity="warning", markup=False)
            return
        self.settings = replace(self.settings, theme=theme)

    def apply_keymap(self) -> None:
        """Apply the config file's keymap, less the entries whose key another binding in the same
        place already has: those are named in one line and left out (``keymap.usable_keymap``)."""
        keymap = self.settings.keymap
        if keymap:
            from .keymap import usable_keymap  # loads every screen: only when there is a keymap

            keymap, problem = usable_keymap(keymap)
            if problem:
                self.notify(problem, title="Keymap", severity="warning", timeout=20, markup=False)
        self.set_keymap(keymap)

    def on_unmount(self) -> None:
        self.speed.end()

    def offer_drafts(self) -> None:
        """Notes being written when newsread last stopped (even by a crash) are offered back."""
        from newsread.core.errors import NewsreadError

        try:
            if not self.library.has_drafts():
                return  # the usual case: no need to load the notes package at start-up
            from newsread.core.notes import Notes

            drafts = Notes(self.library).drafts()
        except NewsreadError:
            return  # an unreadable library is said by the library screen
        if not drafts:
            return
        titles = sorted({one_line(d.article_title) or f"article {d.article_id}" for d in drafts})
        where = "; ".join(titles)
        stop = "" if where.endswith((".", "!", "?", "…")) else "."  # a title's own full stop ends the sentence
        self.notify(
            f"{len(drafts)} unsaved note(s) from last time in: {where}{stop} Open the article and press a to finish.",
            title="Unsaved notes",
            timeout=15,
            markup=False,  # titles come from the web: "[...]" in one is text, not markup
        )

    # -- the reader -------------------------------------------------------------------------------
    def on_library_screen_loaded(self) -> None:
        if not self._warmed:
            self._warmed = True
            self.call_after_refresh(self._warm_up)

    async def _warm_up(self) -> None:
        """Ready the reader while the user looks at the library, so the first article opens as
        fast as the next: import it and register its widgets' styles, then take what start-up
        built out of the garbage collector's way (``speed``)."""
        from .reader.screen import sample_widgets

        self.read_later_styles()
        await self.speed.warm_up(sample_widgets())

    def read_later_styles(self) -> None:
        """Add ``LATER_STYLES`` to the stylesheet, once: Textual parses them (and only them: the
        others are cached) when the next widget is styled."""
        if not self._later_styles_read:
            self._later_styles_read = True
            for name in LATER_STYLES:
                self.stylesheet.read(STYLES / name)

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        """Any screen over the library may need ``LATER_STYLES``: read before it is styled."""
        self.read_later_styles()
        return super().push_screen(*args, **kwargs)

    def open_reader(self, article_id: int) -> ReaderScreen:
        """Open article ``article_id`` in the reader, on top of the current screen; the one way the
        app opens an article. The collector is held off until it is drawn (``speed``)."""
        from .reader.screen import ReaderScreen  # loaded when first needed (or by the warm-up)

        self.speed.pause()
        reader = ReaderScreen(library=self.library, article_id=article_id)
        self.push_screen(reader)
        return reader

    # -- first run -------------------------------------------------------------------------------
    def import_seeds(self) -> None:
        """Analyse the bundled articles in a child process, then open the first one."""
        from .screens.add_source import AddSourceScreen

        sources = seed_sources()
        if not sources:
            return
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.importing = True
        self.push_screen(
            AddSourceScreen(
                self.library.path,
                sources=sources,
                model=self.model,
                argv=self.add_argv,
                title=f"Welcome to newsread — importing the sample article{'s' if len(sources) != 1 else ''}",
            ),
            self._seeds_imported,
        )

    def _seeds_imported(self, summary) -> None:
        library_screen = next((s for s in self.screen_stack if isinstance(s, LibraryScreen)), None)
        if library_screen is None:
            return
        library_screen.importing = False
        first = summary.ids[0] if summary is not None and summary.ids else None
        library_screen.reload(keep_id=first)
        if first is not None:
            library_screen.open_article(first)
        elif summary is not None and not summary.ok:
            self.notify("The sample articles could not be imported; press + to add an article.", severity="error")

    # -- help ------------------------------------------------------------------------------------
    def action_help(self) -> None:
        from .screens.help import HelpScreen, help_entries

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        screen = self.screen
        title = getattr(screen, "HELP_TITLE", None) or type(screen).__name__.removesuffix("Screen")
        self.push_screen(HelpScreen(help_entries(screen), title=str(title)))


def run(db: Path | None = None, model: str | None = None) -> None:
    """Open the library at ``db`` (default location if None) in the terminal reader."""
    from newsread.core.paths import default_db_path
    from newsread.core.settings import load_settings

    from .library.saved_view import default_state_path

    settings = load_settings()
    target = db if db is not None else default_db_path()
    # An existing library that cannot be written is read as it is (the status bar says so); a
    # missing one is made, which needs a place it can be written.
    library = Library.open(target, create=not target.exists(), read_only=None)
    try:
        NewsreadApp(library, model=model, settings=settings, state_path=default_state_path()).run()
    finally:
        library.close()
