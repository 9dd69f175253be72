"""OR, parentheses and negated groups of the query language, flattened to OR-of-AND branches."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from store.query import Term

OR = "OR"
OPEN = "("
NOT_OPEN = "-("
CLOSE = ")"
MAX_BRANCHES = 32

Token = Union["Term", str]
Branches = list[tuple["Term", ...]]


def _and(left: Branches, right: Branches) -> Branches:
    """Both: every branch of left combined with every branch of right."""
    return [a + b for a in left for b in right]


def _not(branches: Branches) -> Branches:
    """The negation (De Morgan): each branch fails, i.e. one of its terms is negated."""
    out: Branches = [()]
    for branch in branches:
        out = _and(out, [(replace(t, negated=not t.negated),) for t in branch])
        if len(out) > MAX_BRANCHES:
            break
    return out


class _Parser:
    """Recursive descent over terms and operators: OR binds looser than juxtaposition."""

    def __init__(self, tokens: list[Token]) -> None:
        """Start at the first token."""
        self.tokens = tokens
        self.i = 0
        self.errors: list[str] = []

    def expr(self) -> Branches:
        """Alternatives separated by OR."""
        out: Branches = []
        while self.i < len(self.tokens):
            tok = self.tokens[self.i]
            if tok == CLOSE:
                break
            if tok == OR:
                self.i += 1
                continue
            out += self.conj()
        return out or [()]

    def conj(self) -> Branches:
        """Terms and groups that must all hold (up to the next OR or `)`)."""
        out: Branches = [()]
        while self.i < len(self.tokens):
            tok = self.tokens[self.i]
            if tok in (OR, CLOSE):
                break
            self.i += 1
            if tok in (OPEN, NOT_OPEN):
                inner = self.expr()
                if self.i < len(self.tokens):
                    self.i += 1  # the closing parenthesis
                else:
                    self.errors.append("a ( is never closed (closed at the end)")
                out = _and(out, _not(inner) if tok == NOT_OPEN else inner)
            else:
                out = _and(out, [(tok,)])  # type: ignore[list-item]
            if len(out) > MAX_BRANCHES:
                self.errors.append(f"too many OR alternatives (over {MAX_BRANCHES}); "
                                   "only the first are used")
                out = out[:MAX_BRANCHES]
        return out


def branches_of(tokens: list[Token]) -> tuple[Branches, list[str]]:
    """The query's OR-of-AND branches (duplicates dropped) and any problems found."""
    parser = _Parser(tokens)
    found = parser.expr()
    unique = list(dict.fromkeys(tuple(dict.fromkeys(b)) for b in found))
    return unique, parser.errors
