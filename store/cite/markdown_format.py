"""A citeproc-py output format for Markdown: *italic*, **bold**, escaped text."""

from __future__ import annotations

_SPECIAL = "\\`*_[]<>#|"


def preformat(text: str) -> str:
    """Text with Markdown's special characters escaped."""
    out = str(text)
    for ch in _SPECIAL:
        out = out.replace(ch, "\\" + ch)
    return out


class _Wrap(str):
    """A string wrapped in Markdown markers."""

    mark = ""

    def __new__(cls, text: str) -> _Wrap:
        """text between the class's markers (none when text is blank)."""
        return super().__new__(cls, f"{cls.mark}{text}{cls.mark}" if str(text).strip() else text)


class Italic(_Wrap):
    """*text*."""

    mark = "*"


class Oblique(Italic):
    """Like italic."""


class Bold(_Wrap):
    """**text**."""

    mark = "**"


class Light(_Wrap):
    """Unmarked."""


class Underline(_Wrap):
    """Unmarked (Markdown has no underline)."""


class Superscript(_Wrap):
    """^text^ (Pandoc)."""

    mark = "^"


class Subscript(_Wrap):
    """~text~ (Pandoc)."""

    mark = "~"


class SmallCaps(_Wrap):
    """Unmarked."""
