"""Opening links: only http(s), and a copy-and-show fallback over SSH with no browser."""

from __future__ import annotations

import os
import sys
import webbrowser
from dataclasses import dataclass

from tui.safe import safe_url


@dataclass(slots=True)
class OpenResult:
    """What happened when a link was to be opened."""

    action: str  # "opened", "fallback" (copied + shown) or "refused"
    url: str
    message: str


def has_local_browser(environ: dict[str, str] | None = None) -> bool:
    """True when a graphical browser can be reached (a display, $BROWSER, macOS/Windows)."""
    env = os.environ if environ is None else environ
    if env.get("BROWSER"):
        return True
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def open_link(url: str, environ: dict[str, str] | None = None) -> OpenResult:
    """Open url in a browser if it is http(s) and a browser exists; say what happened."""
    good = safe_url(url)
    if good is None:
        return OpenResult("refused", "", "Refused to open a link that is not http(s).")
    if not has_local_browser(environ):
        return OpenResult("fallback", good, "No local browser: the URL was copied.")
    try:
        ok = webbrowser.open(good, new=2)
    except webbrowser.Error as exc:  # pragma: no cover - depends on the machine
        return OpenResult("fallback", good, f"Could not start a browser ({exc}): URL copied.")
    if not ok:
        return OpenResult("fallback", good, "No browser answered: the URL was copied.")
    return OpenResult("opened", good, "Opened in the browser.")
