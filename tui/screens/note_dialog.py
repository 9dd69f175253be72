"""Small dialogs for editing a paper's note and tags, and for asking a path."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

if TYPE_CHECKING:  # TextArea is imported when a note is edited (a heavy import at start)
    from textual.widgets import TextArea

from store.tags import split_tags
from tui.safe import clean, clean_multiline


def parse_tags(value: str) -> list[str]:
    """Tags from a comma- or space-separated line: the store's one rule (store.tags)."""
    return split_tags(value)


class _Dialog(ModalScreen[str | None]):
    """Shared frame: a title, an editor, Save and Cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]
    DEFAULT_CSS = """
    _Dialog { align: center middle; }
    _Dialog > Vertical { width: 70; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1; }
    _Dialog TextArea { height: 8; }
    _Dialog #warning { color: $warning; display: none; }
    _Dialog #warning.shown { display: block; }
    _Dialog Horizontal { height: auto; align-horizontal: right; }
    _Dialog Button { margin-left: 1; min-width: 10; }
    """

    def __init__(self, title: str, subject: str, ok_label: str = "Save") -> None:
        """A dialog titled title about subject (a paper title: data, shown literally)."""
        super().__init__()
        self.title_text = title
        self.subject = subject
        self.ok_label = ok_label

    def editor(self) -> Input | TextArea:
        """The editing widget (subclasses)."""
        raise NotImplementedError

    def value(self) -> str:
        """The edited value (subclasses)."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        """Title, subject, editor and buttons."""
        with Vertical() as box:
            box.border_title = self.title_text
            yield Label(Text(clean(self.subject), style="italic", end=""))
            yield self.editor()
            yield Label("", id="warning")
            with Horizontal():
                yield Button(self.ok_label, variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        """Close with the edited value."""
        self.dismiss(self.value())

    def warn(self, message: str) -> None:
        """Show a warning line above the buttons (plain text, never markup)."""
        label = self.query_one("#warning", Label)
        label.update(Text(clean(message), end=""))
        label.add_class("shown")

    def action_cancel(self) -> None:
        """Close without a value."""
        self.dismiss(None)


class NoteDialog(_Dialog):
    """Edit a note (multi-line; ctrl+s saves)."""

    def __init__(self, subject: str, note: str,
                 changed: Callable[[], str | None] | None = None) -> None:
        """A note editor prefilled with note; changed() gives the note if it changed meanwhile."""
        super().__init__("Note (ctrl+s saves, Esc cancels)", subject)
        self.note = note
        self.changed = changed
        self.warned = False

    def action_save(self) -> None:
        """Save, unless the stored note changed meanwhile: then ask first (ctrl+s again)."""
        theirs = None if self.changed is None or self.warned else self.changed()
        if theirs is None:
            self.dismiss(self.value())
            return
        self.warned = True
        preview = " ".join(theirs.split())[:60] or "(empty)"
        self.warn(f"Changed elsewhere while you edited it, now: {preview!r}. "
                  "ctrl+s again replaces it with your text; Esc keeps that one.")

    def editor(self) -> TextArea:
        """A TextArea with the note."""
        from textual.widgets import TextArea

        return TextArea(clean_multiline(self.note), id="note-input", soft_wrap=True)

    def on_mount(self) -> None:
        """Focus the editor."""
        self.query_one("#note-input").focus()

    def value(self) -> str:
        """The note text."""
        from textual.widgets import TextArea

        return self.query_one("#note-input", TextArea).text


class LineDialog(_Dialog):
    """Edit one line (tags, a path); Enter saves."""

    def __init__(self, title: str, subject: str, value: str, placeholder: str = "",
                 ok_label: str = "Save") -> None:
        """A one-line editor prefilled with value; ok_label names what Enter does."""
        super().__init__(title, subject, ok_label)
        self.initial = value
        self.placeholder = placeholder

    def editor(self) -> Input:
        """An Input with the value."""
        return Input(clean(self.initial), placeholder=self.placeholder, id="line-input")

    def on_mount(self) -> None:
        """Focus the editor."""
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter saves."""
        event.stop()
        self.action_save()

    def value(self) -> str:
        """The line."""
        return self.query_one(Input).value


def tags_dialog(subject: str, tags: list[str]) -> LineDialog:
    """The tags editor for a paper."""
    return LineDialog("Tags (comma or space separated; Enter saves)", subject,
                      ", ".join(tags), "e.g. to-read, video")


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question (e.g. overwrite a file?); Enter or y says yes, Esc or n says no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
    ]
    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical { width: 70; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 0 1; }
    ConfirmDialog Horizontal { height: auto; align-horizontal: right; }
    ConfirmDialog Button { margin-left: 1; min-width: 10; }
    """

    def __init__(self, question: str, yes: str = "Yes") -> None:
        """Ask question (plain text); the yes button says yes."""
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical():
            yield Label(Text(clean(self.question), end=""))
            with Horizontal():
                yield Button(self.yes, variant="warning", id="yes")
                yield Button("Cancel", id="no")

    def on_mount(self) -> None:
        """Focus Cancel: the safe answer."""
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Answer from the keyboard."""
        self.dismiss(yes)
