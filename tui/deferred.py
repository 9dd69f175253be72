"""Stdlib modules a command's imports name but do not use, imported only when first touched.

`dataclasses` imports `inspect` (with `ast`, `dis` and `tokenize`: about an eighth of what
`paperdeck search` executes) but calls it only to write a docstring for a dataclass that has
none; every paperdeck dataclass has one. A lookup therefore puts a `DeferredModule` in
`sys.modules` for `inspect` before its imports: `import inspect` binds the stand-in, and the
first attribute anyone reads from it imports the real module, which from then on is the one in
`sys.modules` and whose names the stand-in also holds. Nothing changes but when the import
happens. (`importlib.util.LazyLoader` would do the same, but on Python 3.11 the import system
reads `__spec__` of a module it finds in `sys.modules`, which loads it at once.)
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

UNUSED_BY_LOOKUPS = ("inspect",)


class DeferredModule(ModuleType):
    """Stands in `sys.modules` for a module not imported yet; the first attribute read from
    it imports the module."""

    def __getattr__(self, attr: str) -> object:
        """Import the real module (once) and read attr from it."""
        return getattr(self.load(), attr)

    def load(self) -> ModuleType:
        """The real module, imported now when it is not yet; its names are copied here."""
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        real = importlib.import_module(name)
        vars(self).update(vars(real))
        return real


def defer(*names: str) -> None:
    """Put a stand-in in `sys.modules` for each module named that is not imported yet."""
    for name in names:
        if name not in sys.modules:
            sys.modules[name] = DeferredModule(name)
