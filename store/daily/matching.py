"""Why a paper is in the inbox: watched authors and keywords, cross-lists (pure functions)."""

from __future__ import annotations

from store.daily.follows import Follows
from store.models import Paper
from store.text import fold

CATEGORIES_KEY = "arxiv_categories"


def _name_parts(name: str) -> tuple[str, list[str]]:
    """(family name, given-name words) of "Zhiwei Xiong" or "Xiong, Zhiwei", folded."""
    if "," in name:
        last, _, first = name.partition(",")
    else:
        words = name.split()
        last, first = (words[-1], " ".join(words[:-1])) if words else ("", "")
    given = fold(first.replace(".", " ").replace("-", " ")).split()
    return fold(last).strip(), given


def author_matches(watched: str, author: str) -> bool:
    """True when author is the watched person: same family name and the same given names,
    or matching initials when one side gives only initials ("Z. Xiong")."""
    if fold(watched) == fold(author):
        return True
    (last_a, given_a), (last_b, given_b) = _name_parts(watched), _name_parts(author)
    if not last_a or last_a != last_b or not given_a or not given_b:
        return False
    if given_a == given_b:
        return True
    initials = all(len(w) == 1 for w in given_a) or all(len(w) == 1 for w in given_b)
    return initials and [w[0] for w in given_a] == [w[0] for w in given_b]


class Matcher:
    """The watched authors and keywords of follows, prepared once for many papers."""

    def __init__(self, follows: Follows) -> None:
        """Fold the watched names and keywords once."""
        self.authors = [(watched, _name_parts(watched)[0]) for watched in follows.authors]
        self.keywords = [(k, " ".join(fold(k).replace("-", " ").split())) for k in follows.keywords]

    def reasons(self, paper: Paper) -> list[str]:
        """"author: …" and "keyword: …" reasons a paper is highlighted, in follow order."""
        found: list[str] = []
        if self.authors and paper.authors:
            names = fold(" ; ".join(paper.authors))
            for watched, last in self.authors:
                if last and last not in names:
                    continue  # the family name is nowhere: no author can match
                if any(author_matches(watched, a) for a in paper.authors):
                    found.append(f"author: {watched}")
        if self.keywords:
            text = fold(f"{paper.title} {paper.abstract} {' '.join(paper.keywords)}")
            text = " ".join(text.replace("-", " ").split())
            found += [f"keyword: {k}" for k, key in self.keywords if key and key in text]
        return found


def reasons(paper: Paper, follows: Follows) -> list[str]:
    """"author: …" and "keyword: …" reasons a paper is highlighted, in follow order."""
    return Matcher(follows).reasons(paper)


def categories(paper: Paper) -> list[str]:
    """The paper's arXiv categories, primary first."""
    listed = paper.extra.get(CATEGORIES_KEY, "").split()
    if paper.category and paper.category not in listed:
        listed.insert(0, paper.category)
    return listed


def in_followed(category: str, follows: Follows) -> bool:
    """True when a category is followed itself or through its whole archive."""
    return category in follows.categories or category.split(".", 1)[0] in follows.categories


def is_cross_list(paper: Paper, follows: Follows) -> bool:
    """True when the paper's primary category is not followed but another category is."""
    cats = categories(paper)
    if not cats or not follows.categories:
        return False
    return not in_followed(cats[0], follows) and any(in_followed(c, follows) for c in cats[1:])
