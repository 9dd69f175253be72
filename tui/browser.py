"""Opening links: only http(s), and a copy-and-show fallback over SSH with no browser."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import webbrowser
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

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


CONSOLE_BROWSERS = frozenset({"www-browser", "links", "links2", "elinks", "lynx", "w3m"})
LAUNCH_WAIT = 0.6  # seconds to watch a launcher (xdg-open) for a quick failure


def display_problem(env: Mapping[str, str]) -> str:
    """Why the X display in DISPLAY cannot be reached (a stale one in tmux), or ""."""
    display = env.get("DISPLAY", "")
    if not display or env.get("BROWSER") or env.get("WAYLAND_DISPLAY"):
        return ""
    host, _, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if not number.isdigit():
        return f"DISPLAY {display!r} is not a display"
    if host in ("", "unix") or host.startswith("/"):
        sock = Path(host) if host.startswith("/") else Path(f"/tmp/.X11-unix/X{number}")
        return "" if sock.exists() else f"the display {display} is gone"
    try:
        with socket.create_connection((host, 6000 + int(number)), timeout=0.3):
            return ""
    except OSError:
        return f"the display {display} does not answer"


def launch(url: str) -> str:
    """Start the user's graphical browser on url; "" when it started, else why not."""
    try:
        controller = webbrowser.get()
    except webbrowser.Error:
        return "no browser is installed"
    name = getattr(controller, "name", "")
    if Path(name).name in CONSOLE_BROWSERS:
        return "only a terminal browser is installed"
    if isinstance(controller, webbrowser.BackgroundBrowser):  # returns before it can fail
        cmd = [name, *[arg.replace("%s", url) for arg in controller.args]]
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:
            return f"{Path(name).name} could not start ({exc.strerror})"
        try:
            code = proc.wait(LAUNCH_WAIT)
        except subprocess.TimeoutExpired:
            return ""  # still running: it is showing the page
        return "" if code == 0 else f"{Path(name).name} failed with exit status {code}"
    try:
        ok = controller.open(url, new=2)
    except webbrowser.Error as exc:  # pragma: no cover - depends on the machine
        return str(exc)
    return "" if ok else "no browser answered"


def open_link(url: str, environ: Mapping[str, str] | None = None) -> OpenResult:
    """Open url in a browser if it is http(s) and a browser exists; say what happened."""
    good = safe_url(url)
    if good is None:
        return OpenResult("refused", "", "Refused to open a link that is not http(s).")
    env = os.environ if environ is None else environ
    if not has_local_browser(dict(env)):
        return OpenResult("fallback", good, "No local browser: the URL was copied.")
    why = display_problem(env) or launch(good)
    if why:
        return OpenResult("fallback", good, f"Could not open a browser ({why}): URL copied.")
    return OpenResult("opened", good, "Opened in the browser.")
