"""What the paper keys do: open, copy, mark and edit the highlighted paper (no widgets here)."""

from __future__ import annotations

import os
import subprocess
from functools import cache
from typing import TYPE_CHECKING, Any

from store.models import Paper
from tui import browser, clipboard
from tui.citation import bibtex, citation_line
from tui.safe import clean
from tui.screens.note_dialog import NoteDialog, parse_tags, tags_dialog

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen


def need_paper(screen: BrowserScreen) -> Paper | None:
    """The highlighted paper, or a notice that there is none."""
    paper = screen.state.current_paper()
    if paper is None:
        screen.notify("No paper selected.", severity="warning")
    return paper


# -- opening and copying --------------------------------------------------------------------
def open_link(screen: BrowserScreen, n: int) -> None:
    """Open the primary link (n=0) or link n; without a working browser, copy and show it."""
    paper = need_paper(screen)
    if paper is None:
        return
    if n == 0:
        url = paper.primary_url
    elif n <= len(paper.links):
        url = paper.links[n - 1].url
    else:
        screen.notify(f"This paper has no link {n}.", severity="warning")
        return
    if not url:
        screen.notify("This paper has no link.", severity="warning")
        return
    result = browser.open_link(url)
    if result.action == "refused":
        screen.notify(f"Refused: {clean(url)[:80]!r} is not an http(s) link.",
                      severity="error", markup=False)
    elif result.action == "opened":
        screen.notify(f"Opened {result.url}", markup=False)
    else:
        clipboard.copy(screen.app, result.url)
        note = clipboard_doubt()
        screen.notify(f"{result.message}{' ' + note if note else ''}\n{clean(result.url)}\n"
                      "(the viewer lists it as a link your terminal can open)",
                      title="Link", timeout=10, markup=False)


@cache
def tmux_clipboard_mode(tmux_env: str) -> str:
    """tmux's set-clipboard option for the server in $TMUX ("" when it cannot be asked)."""
    if not tmux_env:
        return ""
    env = {"TMUX": tmux_env, "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    try:
        out = subprocess.run(["tmux", "show-options", "-sv", "set-clipboard"], env=env,
                             capture_output=True, text=True, timeout=2, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def clipboard_doubt(environ: dict[str, str] | None = None) -> str:
    """Why a copy may not reach the clipboard (inside tmux without set-clipboard on), or ""."""
    env = os.environ if environ is None else environ
    mode = tmux_clipboard_mode(env.get("TMUX", ""))
    if mode and mode != "on":
        return (f"tmux has set-clipboard {mode}, so the copy may not reach your clipboard "
                "(`tmux set -s set-clipboard on` lets it through).")
    return ""


def copied(screen: BrowserScreen, what: str, value: str) -> None:
    """Copy value and confirm with a toast showing it (or say the copy may not arrive)."""
    text = clipboard.copy(screen.app, value)
    doubt = clipboard_doubt()
    if doubt:
        screen.notify(f"Sent {what} to the terminal: {clipboard.preview(text)}\n{doubt}",
                      severity="warning", timeout=10, markup=False)
    else:
        screen.notify(f"Copied {what}: {clipboard.preview(text)}", markup=False)


def copy_bibtex(screen: BrowserScreen) -> None:
    """Copy the paper's BibTeX."""
    paper = need_paper(screen)
    if paper is not None:
        copied(screen, "BibTeX", bibtex(paper))


def copy_url(screen: BrowserScreen) -> None:
    """Copy the paper's primary URL."""
    paper = need_paper(screen)
    if paper is None:
        return
    if not paper.primary_url:
        screen.notify("This paper has no link.", severity="warning")
        return
    copied(screen, "URL", paper.primary_url)


def copy_citation(screen: BrowserScreen) -> None:
    """Copy a plain citation line."""
    paper = need_paper(screen)
    if paper is not None:
        copied(screen, "citation", citation_line(paper))


# -- marking ---------------------------------------------------------------------------------
FLAG_WORDS = {"read": ("Marked read.", "Marked unread."), "starred": ("Starred.", "Unstarred.")}


def set_flag(screen: BrowserScreen, flag: str) -> None:
    """Set read/starred to the opposite of what the screen shows (never a blind toggle)."""
    pid = screen.state.current_id
    if not pid:
        return
    value = not getattr(screen.state.shown(pid), flag)
    screen.state.mark(pid, **{flag: value})
    screen.after_mark()
    on, off = FLAG_WORDS[flag]
    screen.notify(on if value else off)


def edit_tags(screen: BrowserScreen) -> None:
    """Edit tags; what is saved is the change (added, removed) against what the dialog showed."""
    paper = need_paper(screen)
    if paper is None:
        return
    pid, before = paper.id, list(screen.state.store.annotation(paper.id).tags)

    def done(value: str | None) -> None:
        if value is None:
            return
        after = parse_tags(value)
        add = [t for t in after if t not in before]
        remove = [t for t in before if t not in after]
        if add or remove:
            screen.state.mark(pid, add_tags=add, remove_tags=remove)
            screen.after_mark()

    screen.app.push_screen(tags_dialog(paper.display_title, before), done)


def edit_note(screen: BrowserScreen) -> None:
    """Edit the note; a note another process changed meanwhile is not overwritten silently."""
    paper = need_paper(screen)
    if paper is None:
        return
    pid, store = paper.id, screen.state.store
    original = store.annotation(pid).note

    def changed_meanwhile() -> str | None:
        now = store.annotation(pid).note
        return now if now != original else None

    def done(value: Any) -> None:
        if value is not None:
            screen.state.mark(pid, note=str(value).strip())
            screen.after_mark()

    screen.app.push_screen(NoteDialog(paper.display_title, original, changed_meanwhile), done)
