"""Why a paper is in the inbox: watched authors and keywords, cross-lists (pure functions)."""

from __future__ import annotations

from store.daily.follows import Follows
from store.models import Paper
from store.text import fold

CATEGORIES_KEY = "arxiv_categories"


def _name_key(name: str) -> tuple[str, str]:
    """(family name, first initial) of "Zhiwei Xiong" or "Xiong, Zhiwei", folded."""
    name = fold(name)
    if "," in name:
        last, _, first = name.partition(",")
    else:
        parts = name.split()
        last, first = (parts[-1], " ".join(parts[:-1])) if parts else ("", "")
    first = first.strip()
    return last.strip(), first[:1]


def author_matches(watched: str, author: str) -> bool:
    """True when author is the watched person: same full name, or same family name and
    initial when one side gives only initials ("Z. Xiong")."""
    if fold(watched) == fold(author):
        return True
    a, b = _name_key(watched), _name_key(author)
    if not a[0] or a != b:
        return False
    short = min(len(fold(watched)), len(fold(author)))
    return short <= len(a[0]) + 3  # one side is "Z. Xiong": initials only


def reasons(paper: Paper, follows: Follows) -> list[str]:
    """"author: …" and "keyword: …" reasons a paper is highlighted, in follow order."""
    found: list[str] = []
    for watched in follows.authors:
        if any(author_matches(watched, a) for a in paper.authors):
            found.append(f"author: {watched}")
    if follows.keywords:
        text = fold(f"{paper.title} {paper.abstract} {' '.join(paper.keywords)}")
        text = " ".join(text.replace("-", " ").split())
        for keyword in follows.keywords:
            key = " ".join(fold(keyword).replace("-", " ").split())
            if key and key in text:
                found.append(f"keyword: {keyword}")
    return found


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
