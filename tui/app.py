"""The paperdeck Textual app: a shell that wires the store, the state and the browser screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.theme import Theme

from store.repository import Store
from tui.safe import clean, clean_multiline
from tui.screens.browser import BrowserScreen
from tui.state import K_THEME, BrowserState


def palette_commands() -> type[Any]:
    """paperdeck's command palette provider, imported when the palette first opens."""
    from tui.commands_palette import PaperDeckCommands

    return PaperDeckCommands


class PaperDeckApp(App[None]):
    """Browse a paperdeck library: tabs in nav order, search-as-you-type, abstracts."""

    CSS_PATH = str(Path(__file__).with_name("paperdeck.tcss"))
    TITLE = "paperdeck"
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {palette_commands}

    def __init__(self, store: Store, *, load_in_background: bool = True,
                 watch_interval: float = 1.0) -> None:
        """An app over store; watch_interval is how often (s) other processes' writes are seen."""
        super().__init__()
        self.animation_level = "none"  # instant over SSH, deterministic snapshots
        self.store = store
        self.state = BrowserState(store)
        self.browser = BrowserScreen(self.state, load_in_background=load_in_background,
                                     watch_interval=watch_interval)
        theme = store.setting(K_THEME)
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    @property
    def current_theme(self) -> Theme:
        """Textual's current theme, looked up once per theme name: Textual's lookup copies
        the table of every registered theme, and each painted line asks for it."""
        held: tuple[str, Theme] | None = getattr(self, "_theme_held", None)
        if held is None or held[0] != self.theme:
            held = self._theme_held = (self.theme, super().current_theme)
        return held[1]

    def register_theme(self, theme: Theme) -> None:
        """Textual's, forgetting the theme looked up (a theme may be registered again)."""
        self._theme_held = None
        super().register_theme(theme)

    def get_default_screen(self) -> Screen[Any]:
        """The browser is the app's base screen."""
        return self.browser

    async def on_event(self, event: events.Event) -> None:
        """Keys and pastes go to the browser first, in arrival order (see route_input)."""
        if (isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded
                and self.screen is self.browser
                and await self.browser.route_input(event)):
            return
        await super().on_event(event)

    async def deliver_input(self, event: events.Key | events.Paste) -> None:
        """Deliver a key or paste the usual Textual way (bindings, then the focused widget)."""
        await super().on_event(event)

    def notify(self, message: str, *, title: str = "", **options: Any) -> None:
        """Every notice is shown without terminal controls (it may quote file names, data)."""
        super().notify(clean_multiline(message), title=clean(title), **options)

    @property
    def view_key(self) -> str:
        """The current tab's key (for palette commands that act on the current collection)."""
        return self.state.view_key

    def show_view(self, key: str) -> None:
        """Switch the browser to the tab keyed key."""
        self.browser.show_view(key)

    async def reload_library(self) -> None:
        """Re-read the library after a change made from the app (an import, a rename)."""
        await self.browser.reload_library()

    def watch_theme(self, theme: str) -> None:
        """Remember the theme across runs."""
        if getattr(self, "store", None) is not None and self.is_running:
            self.store.set_setting(K_THEME, theme)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """Save an SVG screenshot in the working directory and say where (or why not)."""
        folder = Path(path) if path else Path.cwd()
        try:
            saved = self.save_screenshot(filename, str(folder), time_format)
        except OSError as exc:
            self.notify(f"Screenshot not saved in {folder}: {exc.strerror or exc}",
                        title="Screenshot", severity="error", markup=False)
            return None
        self.notify(f"Saved to {Path(saved).absolute()}", title="Screenshot", markup=False)
        return None


def create_app(store: Store, **options: Any) -> PaperDeckApp:
    """The app for a store (the CLI calls create_app(store).run())."""
    return PaperDeckApp(store, **options)
